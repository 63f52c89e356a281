package io.invertavatar.tracking;

/**
 * A square-ish region of interest in image pixels, rotated by {@code rotation} radians (positive = clockwise on screen,
 * MediaPipe's NormalizedRect convention in pixel space). Maps normalised ROI coordinates (u,v in [0,1]) to the image.
 */
public record RotatedRect(double centerX, double centerY, double width, double height, double rotation) {

    /** Image position (continuous pixel coordinates) of normalised ROI coordinates. */
    public Point2 toImage(double u, double v) {
        double dx = (u - 0.5) * width;
        double dy = (v - 0.5) * height;
        double c = Math.cos(rotation), s = Math.sin(rotation);
        return new Point2(centerX + c * dx - s * dy, centerY + s * dx + c * dy);
    }

    /**
     * 2×3 affine that maps output pixel indices of a {@code size}×{@code size} crop to source pixel indices (the inverse
     * map OpenCV's warpAffine expects with WARP_INVERSE_MAP). Pixel index i covers the continuous interval [i, i+1).
     */
    public double[] cropToImage(int size) {
        double c = Math.cos(rotation), s = Math.sin(rotation);
        double sx = width / size, sy = height / size;
        // continuous crop coordinate q = idx + 0.5; u = q/size; p = centre + R diag(w,h) (u - 0.5); idx_img = p - 0.5
        double a = c * sx, b = -s * sy, d = s * sx, e = c * sy;
        double ox = 0.5 - size / 2.0;
        double tx = centerX + a * ox + b * ox - 0.5;
        double ty = centerY + d * ox + e * ox - 0.5;
        return new double[] {a, b, tx, d, e, ty};
    }
}
