package io.invertavatar.media.decode;

import java.time.Duration;
import java.util.Locale;

/** Human-readable sizes and durations for error messages. */
final class Sizes {

    private Sizes() {
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        if (n < 1024L * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
    }

    static String duration(Duration d) {
        long totalMillis = d.toMillis();
        long minutes = totalMillis / 60_000;
        double seconds = (totalMillis % 60_000) / 1000.0;
        String s = seconds == Math.floor(seconds) ? String.valueOf((long) seconds)
                : String.format(Locale.ROOT, "%.1f", seconds);
        if (minutes == 0) {
            return s + " s";
        }
        return seconds == 0 ? minutes + " min" : minutes + " min " + s + " s";
    }
}
