package io.invertavatar.web;

import static io.invertavatar.web.BrowserFlow.ARTIFACTS;
import static io.invertavatar.web.BrowserFlow.astronaut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web page in a real browser: Debian's Chromium driven by Playwright ({@code frontend/e2e/browser-flow.mjs})
 * against this application on embedded defaults (local mode), on a random loopback port. Screenshots go to
 * {@code target/browser-artifacts/}. Skipped, with the reason, where Chromium, Node or the built page is missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "invertavatar.embedded.broker-port=0",
        "invertavatar.embedded.postgres-data-dir=",
})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BrowserFlowTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void isolatedBlobs(DynamicPropertyRegistry registry) throws IOException {
        Path blobs = Files.createTempDirectory("invertavatar-browser-blobs");
        registry.add("invertavatar.storage.filesystem.root", blobs::toString);
    }

    @BeforeAll
    static void browserAndPageAvailable() throws IOException {
        BrowserFlow.assumeAvailable();
    }

    @Test
    void uploadsShowTheirFramesAndABadFileShowsTheServersMessage() throws Exception {
        DrivingClip clip = DrivingClip.write(astronaut(), ARTIFACTS.resolve("subject-clip.mp4"), 20, 10);

        String out = BrowserFlow.run(port, Map.of(
                "STEPS", "media,video,bad,shots",
                "PHOTO", astronaut().toString(),
                "DRIVER", clip.file().toString(),
                "BAD_FILE", BrowserFlow.badFile().toString()));

        assertThat(out).contains("STEP media OK", "STEP video OK", "STEP bad OK", "STEP shots OK");
        assertThat(ARTIFACTS.resolve("media-preview.png")).isNotEmptyFile();
        assertThat(ARTIFACTS.resolve("video-frames.png")).isNotEmptyFile();
        assertThat(ARTIFACTS.resolve("bad-file-error.png")).isNotEmptyFile();
        assertThat(ARTIFACTS.resolve("phone-new-avatar.png")).isNotEmptyFile();
    }

    /** Photo → avatar → preview; add frames; driving clip → playable video of the clip's length; delete. */
    @Test
    void photoBecomesAnAvatarThatImprovesAnimatesAndIsDeleted() throws Exception {
        if (!BrowserFlow.hasAvatarApi(port, null)) {
            abort("Avatar steps skipped: this build has no avatar API yet (GET /api/v1/avatars answered 404); "
                    + "they run once issue 4's endpoints are in");
        }
        DrivingClip clip = DrivingClip.write(astronaut(), ARTIFACTS.resolve("driver.mp4"), 20, 10);

        String out = BrowserFlow.run(port, Map.of(
                "STEPS", "avatar",
                "PHOTO", astronaut().toString(),
                "DRIVER", clip.file().toString(),
                "DRIVER_SECONDS", Double.toString(clip.seconds())));

        assertThat(out).contains("STEP avatar OK");
        assertThat(ARTIFACTS.resolve("avatar-detail.png")).isNotEmptyFile();
        assertThat(ARTIFACTS.resolve("avatar-frames-added.png")).isNotEmptyFile();
        assertThat(ARTIFACTS.resolve("animation-result.png")).isNotEmptyFile();
    }
}
