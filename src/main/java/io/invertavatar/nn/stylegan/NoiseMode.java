package io.invertavatar.nn.stylegan;

/** Noise inputs of the synthesis layers: the stored constant, fresh Gaussian noise, or none. */
public enum NoiseMode {
    CONST, RANDOM, NONE;

    public static NoiseMode of(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
