package io.invertavatar.avatar.open;

import io.invertavatar.geometry.CanonicalFaceModel;
import io.invertavatar.geometry.Fragments;
import io.invertavatar.geometry.Mesh;
import io.invertavatar.geometry.Rasterizer;
import io.invertavatar.geometry.RgbImage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The open pack on the real MediaPipe topology (skipped when the model pack is not installed). */
class MediaPipeTemplateTest {

    private static final int SIZE = 256;

    private static FaceTemplate templateOrSkip() throws Exception {
        Path file = Path.of(System.getProperty("invertavatar.models.dir", "models")).resolve(CanonicalFaceModel.RELATIVE_PATH);
        Assumptions.assumeTrue(Files.isRegularFile(file), "canonical face model not installed at " + file.toAbsolutePath());
        return FaceTemplate.mediaPipe(CanonicalFaceModel.read(file));
    }

    @Test
    void templateFindsOutlineAndMouthOpening() throws Exception {
        FaceTemplate t = templateOrSkip();
        assertThat(t.outline()).hasSize(36);
        int mouth = 0;
        for (boolean m : t.mouthTriangle()) {
            mouth += m ? 1 : 0;
        }
        // the inner-lip loop has 20 vertices: a triangulated opening has 18 triangles
        assertThat(mouth).isEqualTo(18);
    }

    @Test
    void openingTheJawShowsAFilledMouth() throws Exception {
        FaceTemplate t = templateOrSkip();
        OpenPackSettings settings = OpenPackSettings.defaults().withTextureSize(256);
        OpenAvatarBuilder builder = new OpenAvatarBuilder(t, settings);
        OpenAvatarRenderer renderer = new OpenAvatarRenderer(t, settings);
        HeadPose pose = HeadPose.fromEuler(0, 0, 0, 9, SIZE / 2.0, SIZE / 2.0, 0);
        FusionState state = builder.build(List.of(frame(t.mesh(), pose), frame(t.mesh(),
                HeadPose.fromEuler(Math.toRadians(25), 0, 0, 9, SIZE / 2.0, SIZE / 2.0, 0))));
        PreparedAvatar avatar = renderer.prepare(state);

        // jaw drop: the lower lip and everything below it move down (canonical y is up), up to 1.2 cm
        float[] p = t.mesh().positions();
        float lipY = p[3 * 14 + 1];
        float[] jaw = new float[p.length];
        for (int i = 0; i < p.length / 3; i++) {
            boolean lower = p[3 * i + 1] <= lipY + 1e-4f;
            jaw[3 * i + 1] = lower ? -1.2f : 0f;
        }
        Rendering closed = renderer.render(avatar, pose, null);
        Rendering open = renderer.render(avatar, pose, jaw);
        int darkClosed = darkPixels(closed.image()), darkOpen = darkPixels(open.image());
        // the synthetic skin is never darker than 0.3 in red; the mouth interior is
        assertThat(darkOpen).isGreaterThan(darkClosed + 40);
        for (float v : open.image().rgb()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    private static int darkPixels(RgbImage img) {
        int n = 0;
        for (int q = 0; q < img.width() * img.height(); q++) {
            if (img.rgb()[3 * q] < 0.3f) {
                n++;
            }
        }
        return n;
    }

    private static FaceObservation frame(Mesh mesh, HeadPose pose) {
        float[] dst = pose.apply(mesh.positions());
        float[] screen = new float[4 * (dst.length / 3)];
        for (int v = 0; v < dst.length / 3; v++) {
            System.arraycopy(dst, 3 * v, screen, 4 * v, 3);
            screen[4 * v + 3] = 1;
        }
        Fragments f = new Rasterizer(SIZE, SIZE).rasterize(screen, mesh.triangles());
        float[] uv = f.interpolate(mesh.triangles(), mesh.uvs(), 2, 0);
        float[] rgb = new float[3 * SIZE * SIZE];
        for (int q = 0; q < SIZE * SIZE; q++) {
            if (f.covered(q)) {
                SyntheticHead.skin(uv[2 * q], uv[2 * q + 1], rgb, 3 * q);
            } else {
                rgb[3 * q] = 0.5f;
                rgb[3 * q + 1] = 0.6f;
                rgb[3 * q + 2] = 0.7f;
            }
        }
        return new FaceObservation(new RgbImage(SIZE, SIZE, rgb), dst, pose);
    }
}
