package io.invertavatar.nn.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import io.invertavatar.nn.render.ImportanceRenderer;
import io.invertavatar.nn.render.OSGDecoder;
import io.invertavatar.nn.render.RaySampler;
import io.invertavatar.nn.render.RenderOptions;
import io.invertavatar.nn.stylegan.NoiseMode;
import io.invertavatar.nn.superres.SuperresolutionHybrid8XDC;
import io.invertavatar.nn.texture.NeuralTextureRasterizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.invertavatar.nn.parity.VectorCalls.b;
import static io.invertavatar.nn.parity.VectorCalls.d;
import static io.invertavatar.nn.parity.VectorCalls.i;
import static io.invertavatar.nn.parity.VectorCalls.s;

/** Runners for the rendering half of the generator (rays, renderer, super-resolution, rasterize). */
final class GeneratorRenderRunners {

    private GeneratorRenderRunners() {
    }

    static List<VectorRunner> all() {
        List<VectorRunner> l = new ArrayList<>();
        l.add(new RaySamplerRunner());
        l.add(new RendererRunner());
        l.add(new SuperresRunner());
        l.add(new RasterizeRunner());
        return l;
    }

    @SuppressWarnings("unchecked")
    static List<NDArray> tensors(Object list) {
        List<NDArray> out = new ArrayList<>();
        for (Object o : (List<Object>) list) {
            out.add((NDArray) o);
        }
        return out;
    }

    static final class RaySamplerRunner implements VectorRunner {
        public Set<String> modules() {
            return Set.of("RaySampler_zxc");
        }

        public Map<String, NDArray> run(GoldenVector v, NDManager m) throws Exception {
            RaySampler sampler = new RaySampler();
            return VectorCalls.run(v, m, c -> {
                RaySampler.Rays r = sampler.forward(c.tensor(0), c.tensor(1), ((Number) c.arg(2)).intValue());
                return List.of(r.origins(), r.directions());
            });
        }
    }

    static RenderOptions renderOptions(JsonObject o) {
        return new RenderOptions(i(o, "depth_resolution", 48), i(o, "depth_resolution_importance", 0), d(o, "box_warp", 1),
                s(o, "clamp_mode", "softplus"), b(o, "white_back", false), b(o, "disparity_space_sampling", false));
    }

    static final class RendererRunner implements VectorRunner {
        public Set<String> modules() {
            return Set.of("ImportanceRenderer_bsMotion + OSGDecoder");
        }

        public Map<String, NDArray> run(GoldenVector v, NDManager m) throws Exception {
            JsonObject dec = v.init().getAsJsonObject("decoder");
            JsonObject opts = dec.getAsJsonObject("options");
            OSGDecoder decoder = new OSGDecoder(new OSGDecoder.Config(i(dec, "n_features", 32), 64, i(opts, "decoder_output_dim", 32),
                    d(opts, "decoder_lr_mul", 1)));
            VectorCalls.load(decoder, v, m, "decoder", n -> false);
            Map<String, NDArray> out = VectorCalls.run(v, m, c -> {
                if (!"decoder".equals(c.arg(1))) {
                    throw new AssertionError("renderer call expects the decoder submodule as second argument");
                }
                RenderOptions options = renderOptions(com.google.gson.JsonParser.parseString(
                        new com.google.gson.Gson().toJson(c.arg(4))).getAsJsonObject());
                ImportanceRenderer renderer = new ImportanceRenderer(options);
                // deterministic reference mode: the vectors were made without coarse jitter and with det=True
                ImportanceRenderer.Output o = renderer.forward(c.tensor(0), decoder, c.tensor(2), c.tensor(3),
                        ImportanceRenderer.Draws.deterministic());
                List<NDArray> r = new ArrayList<>(List.of(o.rgb(), o.depth(), o.weightsSum()));
                lastMid = o;
                return r;
            });
            if (lastMid != null) {
                putMid(v, out, "mid.depths_coarse", lastMid.depthsCoarse());
                putMid(v, out, "mid.depths_fine", lastMid.depthsFine());
            }
            return out;
        }

        private ImportanceRenderer.Output lastMid;

        private static void putMid(GoldenVector v, Map<String, NDArray> out, String name, NDArray t) {
            if (t != null && v.has(name)) {
                out.put(name, t);
            }
        }
    }

    static final class SuperresRunner implements VectorRunner {
        public Set<String> modules() {
            return Set.of("SuperresolutionHybrid8XDC");
        }

        public Map<String, NDArray> run(GoldenVector v, NDManager m) throws Exception {
            JsonObject o = v.init();
            // block widths and w_dim are literals in the official source (reduced by the vector's width patch):
            // read them from the stored parameter shapes
            long[] w0 = v.file().entry("param.block0.conv0.weight").shape();
            long[] w1 = v.file().entry("param.block1.conv0.weight").shape();
            long[] aff = v.file().entry("param.block0.conv0.affine.weight").shape();
            SuperresolutionHybrid8XDC sr = new SuperresolutionHybrid8XDC(new SuperresolutionHybrid8XDC.Config(i(o, "channels", 32),
                    i(o, "img_resolution", 512), i(o, "sr_num_fp16_res", 4), b(o, "sr_antialias", true), (int) w0[0], (int) w1[0],
                    (int) aff[1], 128, s(o, "fused_modconv_default", "true")));
            // noise_const buffers are never read with noise_mode 'none' and are not stored in the vector
            VectorCalls.load(sr, v, m, null, n -> n.endsWith("noise_const"));
            return VectorCalls.run(v, m, c -> List.of(sr.forward(c.tensor(0), c.tensor(1), c.tensor(2),
                    GeneratorVectorRunners.noise(c, "random"))));
        }
    }

    static final class RasterizeRunner implements VectorRunner {
        public Set<String> modules() {
            return Set.of("TriPlaneGenerator.rasterize");
        }

        public Map<String, NDArray> run(GoldenVector v, NDManager m) throws Exception {
            NeuralTextureRasterizer rasterizer = new NeuralTextureRasterizer();
            return VectorCalls.run(v, m, c -> {
                List<Object> box = (List<Object>) c.arg(3);
                int[] bbox = box.stream().mapToInt(x -> ((Number) x).intValue()).toArray();
                NeuralTextureRasterizer.Output o = rasterizer.rasterize(tensors(c.arg(0)), c.tensor(1), tensors(c.arg(2)), bbox);
                List<NDArray> r = new ArrayList<>(o.renderingImages());
                r.add(o.fullAlpha());
                r.add(o.mouthMask());
                return r;
            });
        }
    }
}
