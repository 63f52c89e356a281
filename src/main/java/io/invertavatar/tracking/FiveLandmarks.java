package io.invertavatar.tracking;

import java.util.List;

/**
 * The five alignment points in the MTCNN order §4.4 expects, image pixels: eye on the image's left (the subject's
 * right eye), eye on the image's right, nose tip, mouth corner on the image's left, mouth corner on the image's right.
 * Eye centres are the mean of the 16-point eye contours of the mesh; nose tip is mesh landmark 4 (the most forward
 * nose vertex of the canonical model); mouth corners are landmarks 61 and 291.
 */
public record FiveLandmarks(Point2 leftEye, Point2 rightEye, Point2 nose, Point2 mouthLeft, Point2 mouthRight) {
    static final int[] IMAGE_LEFT_EYE = {33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246};
    static final int[] IMAGE_RIGHT_EYE = {263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466};
    static final int NOSE_TIP = 4;

    public static FiveLandmarks of(FaceMesh m) {
        return new FiveLandmarks(mean(m, IMAGE_LEFT_EYE), mean(m, IMAGE_RIGHT_EYE), m.point(NOSE_TIP), m.point(61), m.point(291));
    }

    /**
     * §4.4 step 2 for a video: each coordinate smoothed over time with a Gaussian of {@code sigma} frames (scipy
     * {@code gaussian_filter1d} semantics: kernel radius int(4σ + 0.5), 'reflect' borders). Null entries (frames
     * without a face) are skipped over and stay null.
     */
    public static List<FiveLandmarks> smoothed(List<FiveLandmarks> sequence, double sigma) {
        List<Integer> present = new java.util.ArrayList<>();
        for (int i = 0; i < sequence.size(); i++) {
            if (sequence.get(i) != null) {
                present.add(i);
            }
        }
        int n = present.size();
        int radius = (int) (4 * sigma + 0.5);
        double[] w = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            w[k + radius] = Math.exp(-0.5 * k * k / (sigma * sigma));
            sum += w[k + radius];
        }
        List<FiveLandmarks> out = new java.util.ArrayList<>(java.util.Collections.nCopies(sequence.size(), null));
        for (int j = 0; j < n; j++) {
            double[] acc = new double[10];
            for (int k = -radius; k <= radius; k++) {
                List<Point2> pts = sequence.get(present.get(reflect(j + k, n))).asList();
                for (int p = 0; p < 5; p++) {
                    acc[2 * p] += w[k + radius] / sum * pts.get(p).x();
                    acc[2 * p + 1] += w[k + radius] / sum * pts.get(p).y();
                }
            }
            out.set(present.get(j), new FiveLandmarks(new Point2(acc[0], acc[1]), new Point2(acc[2], acc[3]),
                    new Point2(acc[4], acc[5]), new Point2(acc[6], acc[7]), new Point2(acc[8], acc[9])));
        }
        return out;
    }

    /** scipy 'reflect' (d c b a | a b c d | d c b a), repeated for kernels longer than the sequence. */
    static int reflect(int i, int n) {
        int period = 2 * n;
        int m = ((i % period) + period) % period;
        return m < n ? m : period - 1 - m;
    }

    public List<Point2> asList() {
        return List.of(leftEye, rightEye, nose, mouthLeft, mouthRight);
    }

    private static Point2 mean(FaceMesh m, int[] ids) {
        double x = 0, y = 0;
        for (int i : ids) {
            x += m.landmarks()[i][0];
            y += m.landmarks()[i][1];
        }
        return new Point2(x / ids.length, y / ids.length);
    }
}
