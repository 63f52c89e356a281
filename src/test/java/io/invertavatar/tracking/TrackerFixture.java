package io.invertavatar.tracking;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** One tracker per test JVM (model load is the slow part), and the test photo. */
final class TrackerFixture {
    private static FaceTracker tracker;

    private TrackerFixture() {
    }

    static synchronized FaceTracker tracker() {
        if (tracker == null) {
            tracker = new FaceTracker(FaceModelFiles.defaultLocation(), TrackingOptions.defaults());
        }
        return tracker;
    }

    static BufferedImage astronaut() {
        try (InputStream in = TrackerFixture.class.getResourceAsStream("/tracking/astronaut.png")) {
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
