package io.invertavatar.nn.parity;

import java.util.ArrayList;
import java.util.List;

/** The registry of runners the parity suite knows. One line per runner; keep each area's lines together. */
final class VectorRunners {

    private VectorRunners() {
    }

    static List<VectorRunner> all() {
        List<VectorRunner> runners = new ArrayList<>();
        // --- generator side (issue 6) ---
        runners.addAll(GeneratorVectorRunners.all());

        // --- encoder side (issue 7) ---
        runners.addAll(EncoderVectorRunners.all());

        // --- checkpoints (issue 10) ---

        return runners;
    }
}
