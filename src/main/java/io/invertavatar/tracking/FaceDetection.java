package io.invertavatar.tracking;

import java.util.List;

/**
 * One face found by the short-range detector: box and score, and its six keypoints in MediaPipe's order
 * (subject's right eye, left eye, nose tip, mouth centre, right ear tragion, left ear tragion), all in image pixels.
 * The subject's right eye appears on the image's left.
 */
public record FaceDetection(Box box, double score, List<Point2> keypoints) {
}
