package io.invertavatar.tracking;

import java.util.List;

/**
 * Coverage of a tracked sequence: counts, mean presence, yaw/pitch ranges and a histogram of frames per 15° bin of
 * yaw and of pitch (bin k covers [−90 + 15k, −75 + 15k) degrees), so callers can tell which views the frames cover.
 * Ranges are {min, max} in degrees, empty when no frame has a face.
 */
public record TrackingSummary(int frames, int framesWithFace, int detectorRuns, double meanPresence, double[] yawRange,
                              double[] pitchRange, int[] yawHistogram, int[] pitchHistogram, List<Integer> framesWithoutFace) {
    public static final double BIN_DEGREES = 15;

    public static TrackingSummary of(List<FrameTracking> frames) {
        int with = 0, detectorRuns = 0;
        double presence = 0;
        double[] yaw = {Double.NaN, Double.NaN}, pitch = {Double.NaN, Double.NaN};
        int[] yh = new int[12], ph = new int[12];
        List<Integer> missing = new java.util.ArrayList<>();
        for (FrameTracking f : frames) {
            if (!f.hasFace()) {
                missing.add(f.frameIndex());
                continue;
            }
            with++;
            if (f.quality().redetected()) {
                detectorRuns++;
            }
            presence += f.quality().presence();
            extend(yaw, f.pose().yaw());
            extend(pitch, f.pose().pitch());
            yh[bin(f.pose().yaw())]++;
            ph[bin(f.pose().pitch())]++;
        }
        if (with == 0) {
            yaw = new double[0];
            pitch = new double[0];
        }
        return new TrackingSummary(frames.size(), with, detectorRuns, with == 0 ? 0 : presence / with, yaw, pitch, yh, ph,
                List.copyOf(missing));
    }

    private static void extend(double[] range, double v) {
        range[0] = Double.isNaN(range[0]) ? v : Math.min(range[0], v);
        range[1] = Double.isNaN(range[1]) ? v : Math.max(range[1], v);
    }

    static int bin(double degrees) {
        return (int) Math.max(0, Math.min(11, Math.floor((degrees + 90) / BIN_DEGREES)));
    }
}
