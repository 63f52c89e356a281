package io.invertavatar.avatar;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.springframework.stereotype.Component;

import io.invertavatar.geometry.RgbImage;

/**
 * Marks everything the service renders as synthetic (issue 9): PNGs get tEXt chunks, MP4s container metadata, both
 * with the generator's name and version, the avatar id, the creation time and {@code synthetic=true}; optionally a
 * visible watermark on every picture and frame.
 */
@Component
public class Provenance {

    public static final String GENERATOR = "invertavatar-server";
    /** Tag names, the same in PNG tEXt and MP4 metadata (FFmpeg's {@code use_metadata_tags} keeps custom keys). */
    public static final String KEY_GENERATOR = "invertavatar_generator";
    public static final String KEY_VERSION = "invertavatar_version";
    public static final String KEY_AVATAR = "invertavatar_avatar_id";
    public static final String KEY_CREATED = "invertavatar_created";
    public static final String KEY_SYNTHETIC = "invertavatar_synthetic";

    private final ProvenanceProperties props;

    public Provenance(ProvenanceProperties props) {
        this.props = props;
    }

    public static String version() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    /** The tags of one rendered artefact, in a stable order; standard names (Software, comment) come along. */
    public Map<String, String> tags(UUID avatarId, Instant created) {
        Map<String, String> t = new LinkedHashMap<>();
        String at = created.truncatedTo(ChronoUnit.SECONDS).toString();
        t.put(KEY_GENERATOR, GENERATOR);
        t.put(KEY_VERSION, version());
        t.put(KEY_AVATAR, avatarId.toString());
        t.put(KEY_CREATED, at);
        t.put(KEY_SYNTHETIC, "true");
        return t;
    }

    /** The tags plus the container's standard fields, for an MP4 (title, comment, creation_time). */
    public Map<String, String> mp4Metadata(Map<String, String> tags) {
        Map<String, String> m = new LinkedHashMap<>(tags);
        m.put("title", "Synthetic video");
        m.put("comment", description(tags));
        m.put("creation_time", tags.get(KEY_CREATED));
        return m;
    }

    /** A PNG with the tags (and Software, Creation Time, Comment) as tEXt chunks. */
    public byte[] png(BufferedImage image, Map<String, String> tags) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try {
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                    writer.getDefaultWriteParam());
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Software", tags.get(KEY_GENERATOR) + " " + tags.get(KEY_VERSION));
            all.put("Creation Time", tags.get(KEY_CREATED));
            all.put("Comment", description(tags));
            all.putAll(tags);
            all.forEach((k, v) -> {
                IIOMetadataNode e = new IIOMetadataNode("tEXtEntry");
                e.setAttribute("keyword", k);
                e.setAttribute("value", v);
                text.appendChild(e);
            });
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(text);
            meta.mergeTree("javax_imageio_png_1.0", root);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(image, null, meta), writer.getDefaultWriteParam());
            }
            return out.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    public byte[] png(RgbImage image, Map<String, String> tags) throws IOException {
        return png(image.toBufferedImage(), tags);
    }

    /** The global setting: whether what is created without a key-level choice carries the visible mark. */
    public boolean watermarkByDefault() {
        return props.watermark();
    }

    /** The picture with the visible mark when {@code on}; the same picture otherwise. */
    public RgbImage mark(RgbImage image, boolean on) {
        if (!on) {
            return image;
        }
        BufferedImage b = image.toBufferedImage();
        Graphics2D g = b.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int size = Math.max(10, b.getHeight() / 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
            String text = props.watermarkText();
            int w = g.getFontMetrics().stringWidth(text);
            int x = b.getWidth() - w - size / 2, y = b.getHeight() - size / 2;
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.55f));
            g.setColor(Color.BLACK);
            g.drawString(text, x + Math.max(1, size / 12), y + Math.max(1, size / 12));
            g.setColor(Color.WHITE);
            g.drawString(text, x, y);
        } finally {
            g.dispose();
        }
        return RgbImage.of(b);
    }

    private static String description(Map<String, String> tags) {
        return "Synthetic media generated by " + tags.get(KEY_GENERATOR) + " " + tags.get(KEY_VERSION)
                + " from avatar " + tags.get(KEY_AVATAR) + " at " + tags.get(KEY_CREATED) + ".";
    }
}
