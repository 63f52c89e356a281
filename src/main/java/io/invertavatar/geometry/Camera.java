package io.invertavatar.geometry;

/**
 * Maps world points to the screen. Screen convention: x right, y down, pixel (i, j) covers [i, i+1) × [j, j+1)
 * with its centre at (i + 0.5, j + 0.5); depth grows away from the camera.
 */
public interface Camera {

    /** Per vertex {@code sx, sy, depth, invW} ({@code invW} = 1 for orthographic); NaN for unprojectable points. */
    float[] project(float[] positions);

    /** Unit vector from world point (x, y, z) towards the camera, written to {@code out[0..2]}. */
    void towardsCamera(float x, float y, float z, float[] out);
}
