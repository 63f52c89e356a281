package io.invertavatar.nn.texture;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;
import io.invertavatar.nn.ops.RandomInit;
import io.invertavatar.nn.render.ImportanceRenderer;
import io.invertavatar.nn.render.OSGDecoder;
import io.invertavatar.nn.render.RenderOptions;
import io.invertavatar.nn.stylegan.NoiseMode;
import io.invertavatar.nn.superres.SuperresolutionHybrid8XDC;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Structure of the official generator, and a small generator rendered repeatedly without native memory growth. */
class TriPlaneGeneratorTest {

    static long trainable(Module m, String prefix) {
        long n = 0;
        for (Map.Entry<String, Param> e : m.namedParameters().entrySet()) {
            if (e.getKey().startsWith(prefix) && !e.getValue().isBuffer()) {
                n += e.getValue().shape().size();
            }
        }
        return n;
    }

    @Test
    void officialConfigurationHasTheOfficialParameterCountsAndNames() {
        TriPlaneGenerator g = new TriPlaneGenerator(TriPlaneGenerator.Config.official());
        // counts from spec §5 (computed there from the official constructors)
        assertEquals(88_301_010L, trainable(g, ""));
        assertEquals(28_018_669L, trainable(g, "texture_backbone.synthesis."));
        assertEquals(28_018_669L, trainable(g, "face_backbone.synthesis."));
        assertEquals(28_207_533L, trainable(g, "backbone.synthesis."));
        assertEquals(800_768L, trainable(g, "backbone.mapping."));
        assertEquals(1_649_578L, trainable(g, "superresolution."));
        assertEquals(4_257L, trainable(g, "decoder."));
        Map<String, Param> names = g.namedParameters();
        for (String n : List.of("texture_backbone.synthesis.b4.const", "backbone.synthesis.b256.torgb.weight",
                "face_backbone.synthesis.b128.conv0.noise_const", "backbone.mapping.w_avg", "backbone.mapping.fc1.weight",
                "superresolution.block1.conv1.affine.weight", "decoder.net.2.bias", "backbone.synthesis.b16.resample_filter")) {
            assertTrue(names.containsKey(n), "missing official state-dict name " + n);
        }
        assertEquals(new Shape(96, 128, 1, 1), names.get("backbone.synthesis.b256.torgb.weight").shape());
        assertEquals(new Shape(128, 256, 3, 3), names.get("superresolution.block1.conv0.weight").shape());
    }

    /** Same structure as the official generator with narrow widths and a small neural rendering. */
    static TriPlaneGenerator.Config small() {
        return new TriPlaneGenerator.Config(16, 25, 16, 256, 256, 8, 4, 2, 16,
                new RenderOptions(6, 6, 1, "softplus", false, false),
                new SuperresolutionHybrid8XDC.Config(4, 512, 4, true, 4, 4, 16, 128, "inference_only"),
                new OSGDecoder.Config(4, 64, 4, 1), "inference_only");
    }

    /** A frontal camera at radius 2.7 looking at the origin (OpenCV axes), normalised intrinsics. */
    static NDArray camera(NDManager m) {
        float f = 4.2647f;
        return m.create(new float[] {
                1, 0, 0, 0,
                0, -1, 0, 0,
                0, 0, -1, 2.7f,
                0, 0, 0, 1,
                f, 0, 0.5f, 0, f, 0.5f, 0, 0, 1}).reshape(1, 25);
    }

    static TriPlaneGenerator.Output frame(TriPlaneGenerator g, NDManager m) {
        NDArray z = m.randomNormal(new Shape(1, g.config().zDim()));
        NDArray c = camera(m);
        NDArray ws = g.mapping(z, c, 0.7, null);
        List<NDArray> tex = g.textureBackbone().synthesis().forward(ws, null, true, null, NoiseMode.CONST);
        return g.synthesisWithTexture(ws, tex, c, TriPlaneGeneratorTestData.uvImage(m), null, ImportanceRenderer.Draws.deterministic(), NoiseMode.CONST);
    }

    static void assertFinite(NDArray a, String what) {
        assertTrue(a.isNaN().logicalOr(a.isInfinite()).none().getBoolean(), what + " has non-finite values");
    }

    @Test
    void smallGeneratorRendersAndReleasesNativeMemory() throws IOException {
        try (NDManager base = NDManager.newBaseManager()) {
            TriPlaneGenerator g = new TriPlaneGenerator(small());
            RandomInit.apply(g, base, 7);
            try (NDManager m = base.newSubManager()) {
                TriPlaneGenerator.Output o = frame(g, m);
                assertEquals(new Shape(1, 3, 512, 512), o.image().getShape());
                assertEquals(new Shape(1, 4, 16, 16), o.featureImage().getShape());
                assertEquals(new Shape(1, 1, 16, 16), o.imageDepth().getShape());
                assertEquals(new Shape(1, 3, 4, 256, 256), o.triplane().getShape());
                assertFinite(o.image(), "image");
                assertFinite(o.imageDepth(), "depth");
            }
            // warm-up: the allocator and libtorch's caches grow to a plateau during the first frames
            for (int i = 0; i < 10; i++) {
                try (NDManager m = base.newSubManager()) {
                    frame(g, m);
                }
            }
            // exact check: no tensor handle may stay attached to the long-lived (parameter) manager
            int managed = ((BaseNDManager) base).getManagedArrays().size();
            long before = nativeKb();
            int runs = Integer.getInteger("invertavatar.test.leakRuns", 30);
            for (int i = 0; i < runs; i++) {
                try (NDManager m = base.newSubManager()) {
                    frame(g, m);
                }
            }
            assertEquals(managed, ((BaseNDManager) base).getManagedArrays().size(), "arrays left attached to the parameter manager");
            long grownMb = (nativeKb() - before) / 1024;
            // one leaked frame keeps about 10 MB (512² images, 256² feature maps); a leak shows as hundreds of MB
            assertTrue(grownMb < 48, "native memory grew by " + grownMb + " MB over " + runs + " frames");
        }
    }

    /** Resident memory minus the committed Java heap: what native tensors (and the allocator) hold. */
    static long nativeKb() throws IOException {
        System.gc();
        return rssKb() - Runtime.getRuntime().totalMemory() / 1024;
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }
}
