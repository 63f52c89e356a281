package io.invertavatar.avatar;

import java.util.Locale;
import java.util.Optional;

/** Why the caller may make an avatar of the person shown (issue 9): they agreed, or the caller is them. */
public enum ConsentBasis {
    SUBJECT_AGREED, CALLER_IS_SUBJECT;

    public static Optional<ConsentBasis> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(s.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
