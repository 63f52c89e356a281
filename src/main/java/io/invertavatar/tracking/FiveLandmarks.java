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
