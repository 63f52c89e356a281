package io.invertavatar.avatar;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

import io.invertavatar.animation.Mp4Writer;
import io.invertavatar.geometry.RgbImage;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 9: every rendered PNG and MP4 says it is synthetic, who made it, from which avatar, when (read back). */
class ProvenanceTest {

    private final UUID avatar = UUID.fromString("6f1c7a52-6c1e-4f07-9d8e-2f3b9a1c0d11");
    private final Instant at = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void pngCarriesTextTagsReadableWithImageIo() throws Exception {
        Provenance p = new Provenance(new ProvenanceProperties(false, null));
        byte[] png = p.png(gradient(64, 48), p.tags(avatar, at));
        Map<String, String> text = pngText(png);
        assertThat(text).containsEntry(Provenance.KEY_GENERATOR, Provenance.GENERATOR)
                .containsEntry(Provenance.KEY_AVATAR, avatar.toString())
                .containsEntry(Provenance.KEY_CREATED, "2026-11-24T10:00:00Z")
                .containsEntry(Provenance.KEY_SYNTHETIC, "true")
                .containsKey(Provenance.KEY_VERSION)
                .containsEntry("Software", Provenance.GENERATOR + " " + Provenance.version());
        assertThat(text.get("Comment")).contains("Synthetic").contains(avatar.toString());
        // still an ordinary PNG of the same picture
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(back.getWidth()).isEqualTo(64);
        assertThat(back.getRGB(10, 10)).isEqualTo(gradient(64, 48).toBufferedImage().getRGB(10, 10));
    }

    @Test
    void mp4CarriesContainerMetadataReadableWithFfmpeg(@TempDir Path dir) throws Exception {
        Provenance p = new Provenance(new ProvenanceProperties(false, null));
        Path file = dir.resolve("v.mp4");
        try (Mp4Writer w = new Mp4Writer(file, 64, 48, 10, 0, 0, p.mp4Metadata(p.tags(avatar, at)))) {
            for (int i = 0; i < 5; i++) {
                w.writeFrame(gradient(64, 48));
            }
            w.finish();
        }
        Map<String, String> meta;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            meta = new HashMap<>(g.getMetadata());
            assertThat(g.getLengthInVideoFrames()).isEqualTo(5);
        }
        assertThat(meta).containsEntry(Provenance.KEY_GENERATOR, Provenance.GENERATOR)
                .containsEntry(Provenance.KEY_AVATAR, avatar.toString())
                .containsEntry(Provenance.KEY_SYNTHETIC, "true")
                .containsEntry(Provenance.KEY_CREATED, "2026-11-24T10:00:00Z")
                .containsKey(Provenance.KEY_VERSION);
        assertThat(meta.get("comment")).contains("Synthetic");
        assertThat(Files.size(file)).isPositive();
    }

    @Test
    void watermarkIsOffByDefaultAndVisibleWhenOn() {
        RgbImage img = gradient(320, 240);
        assertThat(new Provenance(new ProvenanceProperties(false, null)).watermarkByDefault()).isFalse();
        assertThat(new Provenance(new ProvenanceProperties(true, null)).watermarkByDefault()).isTrue();
        assertThat(new Provenance(new ProvenanceProperties(false, null)).mark(img, false)).isSameAs(img);
        RgbImage marked = new Provenance(new ProvenanceProperties(false, null)).mark(img, true);
        int changed = 0;
        for (int i = 0; i < img.rgb().length; i++) {
            changed += Math.abs(img.rgb()[i] - marked.rgb()[i]) > 0.05f ? 1 : 0;
        }
        assertThat(changed).isGreaterThan(100);
        // only the corner is touched
        assertThat(marked.rgb()[0]).isEqualTo(img.rgb()[0]);
    }

    private static RgbImage gradient(int w, int h) {
        float[] rgb = new float[3 * w * h];
        for (int p = 0; p < w * h; p++) {
            rgb[3 * p] = (p % w) / (float) w;
            rgb[3 * p + 1] = (p / w) / (float) h;
            rgb[3 * p + 2] = 0.5f;
        }
        return new RgbImage(w, h, rgb);
    }

    static Map<String, String> pngText(byte[] png) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            reader.setInput(in);
            IIOMetadata meta = reader.getImageMetadata(0);
            Node root = meta.getAsTree("javax_imageio_png_1.0");
            Map<String, String> out = new HashMap<>();
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if ("tEXt".equals(n.getNodeName())) {
                    for (Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
                        out.put(e.getAttributes().getNamedItem("keyword").getNodeValue(),
                                e.getAttributes().getNamedItem("value").getNodeValue());
                    }
                }
            }
            return out;
        } finally {
            reader.dispose();
        }
    }
}
