package io.invertavatar.tracking;

/**
 * Expression scalars measured geometrically on the pose-normalised (canonical-space) landmarks, so head pose and
 * distance do not change them. "Left"/"right" are the subject's. All are ratios of canonical-space distances
 * (dimensionless); the neutral canonical face gives the reference values in {@link ExpressionEstimator#neutral()}.
 * <ul>
 *   <li>jawOpen: inner-lip gap (13–14) / face height (10–152)</li>
 *   <li>mouthWidth: mouth-corner distance (61–291) / outer-eye-corner distance (33–263)</li>
 *   <li>smileLeft/Right: height of the corner (291 / 61) above the inner-lip midpoint, / 33–263</li>
 *   <li>lipPucker: max(0, 1 − mouthWidth / neutral mouthWidth)</li>
 *   <li>eyeOpenLeft/Right: lid gap (386–374 / 159–145) / eye width (362–263 / 33–133)</li>
 *   <li>browRaiseLeft/Right: brow-to-upper-lid distance (334–386 / 105–159) / 33–263</li>
 * </ul>
 */
public record Expression(double jawOpen, double mouthWidth, double smileLeft, double smileRight, double lipPucker,
                         double eyeOpenLeft, double eyeOpenRight, double browRaiseLeft, double browRaiseRight) {
}
