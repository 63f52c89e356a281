package io.invertavatar.tracking;

/**
 * Head pose relative to MediaPipe's canonical face model, from the weighted Procrustes fit.
 * Camera frame: OpenGL-style, x right, y up, z towards the viewer (camera looks down −z), as MediaPipe's face geometry.
 * {@code rotation} (3×3 row-major) maps canonical-model axes to camera axes; {@code scale} is image pixels per canonical
 * centimetre; {@code translationCm} is the model origin in camera space assuming a pinhole with the given vertical
 * field of view ({@code fovYDegrees}), i.e. depth = focal_px / scale.
 * Euler angles (degrees) decompose rotation = Ry(yaw)·Rx(−pitch)·Rz(roll): yaw &gt; 0 = face turned towards image
 * right, pitch &gt; 0 = face looking up, roll &gt; 0 = head tilted counter-clockwise on screen.
 */
public record HeadPose(double[] rotation, double[] translationCm, double scale, double yaw, double pitch, double roll,
                       double fovYDegrees) {

    public double r(int row, int col) {
        return rotation[3 * row + col];
    }
}
