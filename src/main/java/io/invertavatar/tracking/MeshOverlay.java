package io.invertavatar.tracking;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws a tracked frame for people to check: mesh edges (canonical topology), detection box and keypoints, the five
 * alignment points, and the head-pose axes from the nose tip (x red = subject's left, y green = up, z blue = out of
 * the face), with yaw/pitch/roll written in the corner.
 */
public final class MeshOverlay {
    private MeshOverlay() {
    }

    public static BufferedImage draw(BufferedImage frame, float[][] landmarks, FaceDetection face, HeadPose pose,
                                     int[] triangles) {
        BufferedImage out = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(frame, 0, 0, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float unit = Math.max(1f, Math.max(frame.getWidth(), frame.getHeight()) / 800f);
        if (landmarks != null) {
            g.setColor(new Color(0, 255, 200, 140));
            g.setStroke(new BasicStroke(0.6f * unit));
            for (int t = 0; t + 2 < triangles.length; t += 3) {
                for (int e = 0; e < 3; e++) {
                    float[] a = landmarks[triangles[t + e]], b = landmarks[triangles[t + (e + 1) % 3]];
                    g.draw(new Line2D.Float(a[0], a[1], b[0], b[1]));
                }
            }
        }
        if (face != null) {
            g.setColor(Color.YELLOW);
            g.setStroke(new BasicStroke(2 * unit));
            Box b = face.box();
            g.draw(new Rectangle2D.Double(b.x(), b.y(), b.width(), b.height()));
            for (Point2 p : face.keypoints()) {
                g.fill(new Rectangle2D.Double(p.x() - 2 * unit, p.y() - 2 * unit, 4 * unit, 4 * unit));
            }
        }
        if (pose != null && landmarks != null) {
            float[] nose = landmarks[FiveLandmarks.NOSE_TIP];
            double len = 6 * pose.scale(); // 6 canonical cm
            Color[] colors = {Color.RED, Color.GREEN, Color.BLUE};
            g.setStroke(new BasicStroke(3 * unit));
            for (int axis = 0; axis < 3; axis++) {
                // column `axis` of the rotation, camera frame y up → image y down
                double dx = pose.r(0, axis) * len, dy = -pose.r(1, axis) * len;
                g.setColor(colors[axis]);
                g.draw(new Line2D.Double(nose[0], nose[1], nose[0] + dx, nose[1] + dy));
            }
            g.setColor(Color.WHITE);
            g.setFont(g.getFont().deriveFont(14f * unit));
            g.drawString(String.format(java.util.Locale.ROOT, "yaw %.1f  pitch %.1f  roll %.1f", pose.yaw(), pose.pitch(),
                    pose.roll()), 8 * unit, 20 * unit);
        }
        g.dispose();
        return out;
    }
}
