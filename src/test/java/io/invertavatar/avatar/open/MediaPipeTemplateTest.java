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

    @Test
    void jawAndSmileControlsMoveTheMouthOnly() throws Exception {
        FaceTemplate t = templateOrSkip();
        float[] n = t.mesh().positions();
        float[] jaw = ExpressionControls.offsets(n, 1, 0);
        // lips part by more than a centimetre; the chin goes down; forehead (10) and eye corners (33, 263) stay
        float gap0 = n[3 * 13 + 1] - n[3 * 14 + 1];
        float gap1 = (n[3 * 13 + 1] + jaw[3 * 13 + 1]) - (n[3 * 14 + 1] + jaw[3 * 14 + 1]);
        assertThat(gap1 - gap0).isGreaterThan(1.0f);
        assertThat(jaw[3 * 152 + 1]).isLessThan(-1.0f);
        for (int v : new int[]{10, 33, 263}) {
            assertThat(jaw[3 * v]).isZero();
            assertThat(jaw[3 * v + 1]).isZero();
        }
        float[] smile = ExpressionControls.offsets(n, 0, 1);
        assertThat(smile[3 * 61 + 1]).isGreaterThan(0.3f);     // corners up
        assertThat(smile[3 * 291 + 1]).isGreaterThan(0.3f);
        assertThat(smile[3 * 61] * n[3 * 61]).isPositive();    // and outwards
        assertThat(Math.abs(smile[3 * 10 + 1])).isLessThan(1e-3f);
        assertThat(ExpressionControls.offsets(n, 0, 0)).containsOnly(0f);
    }

    @Test
    void realPhotoRendersBackIntoItselfAtItsOwnPose() throws Exception {
        FaceTemplate t = templateOrSkip();
        Path photo = Path.of(System.getProperty("invertavatar.media.dir", "src/test/resources/tracking")).resolve("astronaut.png");
        Assumptions.assumeTrue(Files.isRegularFile(photo), "test photo not found at " + photo);
        RgbImage img = RgbImage.of(javax.imageio.ImageIO.read(photo.toFile()));
        // the canonical mesh placed on the astronaut's face by hand (no tracker in a library test)
        HeadPose pose = HeadPose.fromEuler(0, Math.toRadians(-22), Math.toRadians(-3), 7.7, 224, 128, 0);
        float[] mesh = pose.apply(t.mesh().positions());
        OpenPackSettings settings = OpenPackSettings.defaults();
        OpenAvatarBuilder builder = new OpenAvatarBuilder(t, settings);
        FusionState state = builder.build(List.of(new FaceObservation(img, mesh, pose, FrameQuality.estimate(img, mesh))));
        OpenAvatarRenderer renderer = new OpenAvatarRenderer(t, settings);
        PreparedAvatar avatar = renderer.prepare(state);
        Rendering same = renderer.render(avatar, pose, null);
        // inside the face (minus the mouth, which is filled, and grazing texels) the photo comes back
        float[] mask = same.faceMask().clone();
        float[] screen = new float[4 * 468];
        for (int v = 0; v < 468; v++) {
            System.arraycopy(mesh, 3 * v, screen, 4 * v, 3);
            screen[4 * v + 3] = 1;
        }
        Fragments f = new Rasterizer(img.width(), img.height()).rasterize(screen, t.mesh().triangles());
        for (int q = 0; q < mask.length; q++) {
            if (f.face()[q] >= 0 && t.mouthTriangle()[f.face()[q]]) {
                mask[q] = 0;
            }
        }
        assertThat(SyntheticHead.psnr(same.image().rgb(), img.rgb(), mask)).isGreaterThan(30);
        // and outside the face the picture is untouched beyond the feather
        float[] far = new float[mask.length];
        for (int q = 0; q < far.length; q++) {
            int x = q % img.width(), y = q / img.width();
            far[q] = (x < 100 || x > 350 || y > 300) ? 1 : 0;
        }
        assertThat(SyntheticHead.psnr(same.image().rgb(), img.rgb(), far)).isGreaterThan(45);
        // a turned, talking render stays a picture
        Rendering turned = renderer.render(avatar, pose.turned(Math.toRadians(-20), Math.toRadians(5), 0.05),
                ExpressionControls.offsets(avatar.neutralShape(), 0.6, 0.3));
        for (float v : turned.image().rgb()) {
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
