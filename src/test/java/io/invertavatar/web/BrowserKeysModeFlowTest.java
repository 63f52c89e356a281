package io.invertavatar.web;

import static io.invertavatar.web.BrowserFlow.ARTIFACTS;
import static io.invertavatar.web.BrowserFlow.astronaut;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.invertavatar.security.ApiKeyService;
import io.invertavatar.security.Role;

/**
 * The web page on a server in keys mode: the key is entered in the page's footer (sessionStorage), every API
 * call carries it, jobs are polled (EventSource cannot send it), and pictures and videos load from the signed
 * URLs in the response bodies (or, for an unsigned one, through a fetch with the key). Any API request the
 * server refuses as unauthenticated fails the run. The avatar part runs once the avatar API is in the build.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "invertavatar.security.mode=keys",
        "invertavatar.security.failed-auth-limit=1000",
        "invertavatar.embedded.broker-port=0",
        "invertavatar.embedded.postgres-data-dir=",
})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BrowserKeysModeFlowTest {

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyService keys;

    @DynamicPropertySource
    static void isolatedBlobs(DynamicPropertyRegistry registry) throws IOException {
        Path blobs = Files.createTempDirectory("invertavatar-browser-keys-blobs");
        registry.add("invertavatar.storage.filesystem.root", blobs::toString);
    }

    @BeforeAll
    static void browserAndPageAvailable() throws IOException {
        BrowserFlow.assumeAvailable();
    }

    @Test
    void theWholeFlowWorksWithAKeyAndSignedUrls() throws Exception {
        String key = keys.create("browser-test", Role.USER, null).token();
        boolean avatars = BrowserFlow.hasAvatarApi(port, key);
        if (!avatars) {
            System.out.println("[browser] keys mode: avatar steps left out (no avatar API in this build)");
        }
        DrivingClip clip = DrivingClip.write(astronaut(), ARTIFACTS.resolve("keys-driver.mp4"), 20, 10);

        String out = BrowserFlow.run(port, Map.of(
                "STEPS", avatars ? "key,media,bad,avatar" : "key,media,bad",
                "API_KEY", key,
                "SHOT_PREFIX", "keys-",
                "PHOTO", astronaut().toString(),
                "DRIVER", clip.file().toString(),
                "DRIVER_SECONDS", Double.toString(clip.seconds()),
                "BAD_FILE", BrowserFlow.badFile().toString()));

        assertThat(out).contains("STEP key OK", "STEP media OK", "STEP bad OK");
        assertThat(ARTIFACTS.resolve("keys-media-preview.png")).isNotEmptyFile();
        assertThat(out).doesNotContain("frame tile plain");
        if (avatars) {
            // signed by the server, or fetched with the key: either way never a bare unsigned URL in keys mode
            assertThat(out).contains("STEP avatar OK").doesNotContain("(plain)");
        }
    }
}
