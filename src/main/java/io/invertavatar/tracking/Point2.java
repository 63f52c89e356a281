package io.invertavatar.tracking;

/** A point in image pixels (x right, y down; pixel (0,0)'s top-left corner is the origin). */
public record Point2(double x, double y) {
    public double distance(Point2 o) {
        return Math.hypot(x - o.x, y - o.y);
    }
}
