package io.invertavatar.tracking;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;

/**
 * A clip made from the astronaut photo moving along a known smooth path (translation on a Lissajous curve and an
 * in-plane rotation), with per-frame sensor noise so that a tracker shows the jitter real video gives it.
 */
final class GeneratedClip {
    final int width;
    final int height;
    final int frames;
    final double noiseSigma;
    private final BufferedImage head = TrackerFixture.astronaut().getSubimage(96, 16, 256, 256);
    private final double headScale;

    GeneratedClip(int width, int height, int frames, double noiseSigma) {
        this.width = width;
        this.height = height;
        this.frames = frames;
        this.noiseSigma = noiseSigma;
        this.headScale = height / 480.0 * 1.2;
    }

    /** Head-photo pixel → frame pixel for frame k. */
    AffineTransform transform(int k) {
        double phase = 2 * Math.PI * k / frames;
        AffineTransform t = new AffineTransform();
        t.translate(width / 2.0 + width * 0.04 * Math.sin(phase), height / 2.0 + height * 0.02 * Math.sin(2 * phase));
        t.rotate(Math.toRadians(-rollDegrees(k)));
        t.scale(headScale, headScale);
        t.translate(-128, -128);
        return t;
    }

    /** The path's in-plane rotation (counter-clockwise on screen) at frame k, degrees. */
    double rollDegrees(int k) {
        return 6 * Math.sin(2 * Math.PI * k / frames);
    }

    /** Offset that maps full-photo coordinates to head-crop coordinates. */
    static AffineTransform photoToHead() {
        return AffineTransform.getTranslateInstance(-96, -16);
    }

    BufferedImage frame(int k) {
        BufferedImage background = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        var g = background.createGraphics();
        g.setColor(new java.awt.Color(90, 100, 110));
        g.fillRect(0, 0, width, height);
        g.dispose();
        BufferedImage img = TestImages.transformed(head, transform(k), width, height);
        // composite over a grey background
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] bg = ((DataBufferByte) background.getRaster().getDataBuffer()).getData();
        Random r = new Random(1000L + k);
        for (int i = 0; i < px.length; i += 3) {
            boolean empty = px[i] == 0 && px[i + 1] == 0 && px[i + 2] == 0;
            for (int c = 0; c < 3; c++) {
                int v = empty ? bg[i + c] & 0xff : px[i + c] & 0xff;
                if (noiseSigma > 0) {
                    v += (int) Math.round(r.nextGaussian() * noiseSigma);
                }
                px[i + c] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        return img;
    }
}
