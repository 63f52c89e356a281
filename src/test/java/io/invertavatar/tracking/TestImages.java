package io.invertavatar.tracking;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Test inputs generated from the astronaut photo (Java2D, independent of the tracker's OpenCV path). */
final class TestImages {
    private TestImages() {
    }

    /** Draws {@code src} through {@code t} (source pixel coords → canvas) on a black canvas, bilinear. */
    static BufferedImage transformed(BufferedImage src, AffineTransform t, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, t, null);
        g.dispose();
        return out;
    }

    /** A synthetic landscape: sky gradient, sun, layered hills, grass noise — no face anywhere. */
    static BufferedImage landscape(int width, int height, long seed) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(70, 120, 200), 0, height * 0.6f, new Color(200, 220, 240)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(255, 230, 150));
        g.fillOval((int) (width * 0.7), (int) (height * 0.1), height / 8, height / 8);
        Random r = new Random(seed);
        Color[] hills = {new Color(90, 130, 90), new Color(60, 110, 60), new Color(40, 90, 40)};
        for (int layer = 0; layer < hills.length; layer++) {
            g.setColor(hills[layer]);
            double phase = r.nextDouble() * 6, freq = 2 + r.nextDouble() * 3, base = height * (0.45 + 0.12 * layer);
            int[] xs = new int[width + 2], ys = new int[width + 2];
            for (int x = 0; x < width; x++) {
                xs[x] = x;
                ys[x] = (int) (base + height * 0.06 * Math.sin(phase + freq * x / (double) width * Math.PI));
            }
            xs[width] = width;
            ys[width] = height;
            xs[width + 1] = 0;
            ys[width + 1] = height;
            g.fillPolygon(xs, ys, width + 2);
        }
        for (int i = 0; i < width * 3; i++) {
            int x = r.nextInt(width), y = (int) (height * 0.75 + r.nextInt(height / 4));
            g.setColor(new Color(30 + r.nextInt(40), 80 + r.nextInt(60), 30 + r.nextInt(30)));
            g.drawLine(x, y, x + r.nextInt(3) - 1, y - 3 - r.nextInt(6));
        }
        g.dispose();
        return out;
    }
}
