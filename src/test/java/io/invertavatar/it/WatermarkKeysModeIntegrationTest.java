package io.invertavatar.it;

import io.invertavatar.security.ApiKey;
import io.invertavatar.security.Caller;
import io.invertavatar.security.Role;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The visible watermark per key (issue 9): an admin turns it on for one key; avatars that key creates carry the mark
 * on every picture, avatars of a key without it do not, and the two previews of the same photo differ only where the
 * mark is drawn (bottom-right corner).
 */
class WatermarkKeysModeIntegrationTest extends KeysModeIntegrationTestBase {

    @Test
    void aKeysWatermarkSwitchMarksWhatItCreates() throws Exception {
        String admin = newKey("wm-root", Role.ADMIN);
        String marked = newKey("wm-marked", Role.USER);
        String plain = newKey("wm-plain", Role.USER);
        UUID markedKeyId = keyIdOf("wm-marked");
        UUID plainKeyId = keyIdOf("wm-plain");

        // only an admin may set it; one's own key without the admin role is a 403, like quotas
        assertProblem(send("PUT", "/api/v1/keys/" + plainKeyId + "/watermark", plain, "{\"watermark\":true}"),
                403, "FORBIDDEN");
        HttpResponse<byte[]> set = send("PUT", "/api/v1/keys/" + markedKeyId + "/watermark", admin,
                "{\"watermark\":true}");
        assertThat(set.statusCode()).as(text(set)).isEqualTo(200);
        assertThat(json(set).get("watermark").asBoolean()).isTrue();

        JsonNode markedAvatar = buildAvatar(marked);
        JsonNode plainAvatar = buildAvatar(plain);
        assertThat(markedAvatar.get("watermark").asBoolean()).isTrue();
        assertThat(plainAvatar.get("watermark").asBoolean()).isFalse();

        BufferedImage withMark = png(get(markedAvatar.get("previewUrl").asString(), marked));
        BufferedImage without = png(get(plainAvatar.get("previewUrl").asString(), plain));
        assertThat(withMark.getWidth()).isEqualTo(without.getWidth());
        assertThat(withMark.getHeight()).isEqualTo(without.getHeight());
        int w = without.getWidth(), h = without.getHeight();
        int inCorner = 0, elsewhere = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (differs(withMark.getRGB(x, y), without.getRGB(x, y))) {
                    if (x >= w / 2 && y >= h * 3 / 4) {
                        inCorner++;
                    } else {
                        elsewhere++;
                    }
                }
            }
        }
        assertThat(inCorner).as("pixels changed by the mark in the bottom-right corner").isGreaterThan(50);
        assertThat(elsewhere).as("pixels changed anywhere else (the same photo builds the same avatar)").isZero();

        // the render endpoint of the marked avatar is marked too
        BufferedImage rendered = png(get("/api/v1/avatars/" + markedAvatar.get("id").asString()
                + "/render?yaw=0&pitch=0&roll=0", marked));
        int renderedInCorner = 0;
        for (int y = h * 3 / 4; y < h; y++) {
            for (int x = w / 2; x < w; x++) {
                renderedInCorner += differs(rendered.getRGB(x, y), without.getRGB(x, y)) ? 1 : 0;
            }
        }
        assertThat(renderedInCorner).isGreaterThan(50);

        // null hands the key back to the global setting (off here)
        HttpResponse<byte[]> reset = send("PUT", "/api/v1/keys/" + markedKeyId + "/watermark", admin,
                "{\"watermark\":null}");
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(json(reset).get("watermark").isNull()).isTrue();
    }

    private UUID keyIdOf(String name) {
        return keys.list(new Caller(UUID.randomUUID(), Role.ADMIN, "test")).stream()
                .filter(k -> k.getName().equals(name)).map(ApiKey::getId).findFirst().orElseThrow();
    }

    private JsonNode buildAvatar(String key) throws Exception {
        Api api = new Api(port);
        Api.Response r = api.multipart("/api/v1/avatars", Map.of("Authorization", "Bearer " + key),
                Api.Part.file("a.png", "image/png", TestMedia.astronautPng()),
                Api.field("consent", "CALLER_IS_SUBJECT"));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        String path = "/api/v1/avatars/" + r.json().get("avatarId").asString();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).until(() ->
                !json(get(path, key)).get("status").asString().equals("BUILDING"));
        JsonNode avatar = json(get(path, key));
        assertThat(avatar.get("status").asString()).as(avatar.toString()).isEqualTo("READY");
        return avatar;
    }

    private static BufferedImage png(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    private static boolean differs(int a, int b) {
        for (int s = 0; s <= 16; s += 8) {
            if (Math.abs(((a >> s) & 0xff) - ((b >> s) & 0xff)) > 24) {
                return true;
            }
        }
        return false;
    }
}
