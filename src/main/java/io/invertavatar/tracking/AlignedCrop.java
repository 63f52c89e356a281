package io.invertavatar.tracking;

import java.awt.image.BufferedImage;

/**
 * The 512×512 aligned face crop of architecture spec §4.4 and its 25-float camera label (§4.2): cam2world 4×4
 * row-major (OpenCV camera axes, EG3D world: y up, face looking towards +z) followed by the normalised intrinsics
 * [[4.2647,0,0.5],[0,4.2647,0.5],[0,0,1]]. {@code imageToCrop} is the 2×3 affine (row-major) from source image
 * pixel coordinates to crop pixel coordinates (continuous, corner origin).
 */
public record AlignedCrop(BufferedImage image, float[] camera, double[] imageToCrop) {
    public static final int SIZE = 512;
    public static final double FOCAL = 4.2647;

    public Point2 map(Point2 p) {
        double[] m = imageToCrop;
        return new Point2(m[0] * p.x() + m[1] * p.y() + m[2], m[3] * p.x() + m[4] * p.y() + m[5]);
    }
}
