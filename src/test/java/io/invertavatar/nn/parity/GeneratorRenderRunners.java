package io.invertavatar.nn.parity;

import java.util.ArrayList;
import java.util.List;

/** Runners for the rendering half of the generator (rays, renderer, super-resolution, rasterize). */
final class GeneratorRenderRunners {

    private GeneratorRenderRunners() {
    }

    static List<VectorRunner> all() {
        return new ArrayList<>();
    }
}
