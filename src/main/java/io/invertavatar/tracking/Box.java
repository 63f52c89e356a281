package io.invertavatar.tracking;

/** Axis-aligned box in image pixels. */
public record Box(double x, double y, double width, double height) {
    public double area() {
        return Math.max(0, width) * Math.max(0, height);
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    public double iou(Box o) {
        double ix = Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x));
        double iy = Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y));
        double inter = ix * iy;
        double union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
