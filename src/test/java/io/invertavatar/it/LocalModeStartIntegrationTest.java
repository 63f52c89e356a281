package io.invertavatar.it;

import io.invertavatar.InvertAvatarApplication;
import io.invertavatar.security.BindAddressGuard;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Local mode, the README's first run: the app on its embedded defaults (or the CI services) answers without any
 * key, hands out plain download paths, and refuses to start at all on a non-loopback address.
 */
class LocalModeStartIntegrationTest extends IntegrationTestBase {

    @Test
    void answersWithoutAnyKeyAndHandsOutPlainPaths() throws Exception {
        Api.Response up = api().upload(Api.Part.file("a.png", "image/png", TestMedia.astronautPng()));
        assertThat(up.status()).as(up.text()).isEqualTo(202);
        awaitTerminal(up.uuid("jobId"));
        UUID mediaId = up.uuid("mediaId");
        Api.Response media = api().get("/api/v1/media/" + mediaId);
        assertThat(media.status()).isEqualTo(200);
        String frame = media.json().get("frames").get(0).get("url").asString();
        assertThat(frame).isEqualTo("/api/v1/media/" + mediaId + "/frames/0");
        assertThat(api().get(frame).status()).isEqualTo(200);

        JsonNode me = api().get("/api/v1/me").json();
        assertThat(me.get("mode").asString()).isEqualTo("local");
        assertThat(me.get("quotasEnforced").asBoolean()).isFalse();

        // the one local caller is an admin: health shows its components
        Api.Response health = api().get("/actuator/health");
        assertThat(health.text()).contains("components");
        for (Api.Response r : new Api.Response[] {media, health, api().get("/api/v1/jobs/" + UUID.randomUUID())}) {
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(r.header("Content-Security-Policy")).contains("default-src 'self'");
        }
    }

    @Test
    void localModeOnANonLoopbackAddressRefusesToStartWithAClearMessage() {
        for (String address : new String[] {"0.0.0.0", "::", "192.0.2.10"}) {
            // command-line arguments, like a user would pass them (they outrank application.yml)
            assertThatThrownBy(() -> new SpringApplicationBuilder(InvertAvatarApplication.class)
                    .run("--server.address=" + address, "--invertavatar.security.mode=local", "--server.port=0"))
                    .as(address)
                    .isInstanceOf(BindAddressGuard.RefusedException.class)
                    .hasMessageContaining("loopback")
                    .hasMessageContaining("invertavatar.security.mode=keys");
        }
    }
}
