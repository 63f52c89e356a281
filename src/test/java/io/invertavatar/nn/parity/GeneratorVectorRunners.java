package io.invertavatar.nn.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import io.invertavatar.nn.ops.BiasAct;
import io.invertavatar.nn.ops.Conv2dLayer;
import io.invertavatar.nn.ops.Conv2dResample;
import io.invertavatar.nn.ops.FullyConnectedLayer;
import io.invertavatar.nn.ops.Upfirdn2d;
import io.invertavatar.nn.stylegan.MappingNetwork;
import io.invertavatar.nn.stylegan.NoiseMode;
import io.invertavatar.nn.stylegan.SynthesisBlock;
import io.invertavatar.nn.stylegan.SynthesisLayer;
import io.invertavatar.nn.stylegan.SynthesisNetwork;
import io.invertavatar.nn.stylegan.ToRGBLayer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.invertavatar.nn.parity.VectorCalls.b;
import static io.invertavatar.nn.parity.VectorCalls.dOrNull;
import static io.invertavatar.nn.parity.VectorCalls.i;
import static io.invertavatar.nn.parity.VectorCalls.s;

/**
 * Runners for the generator-side vectors (issue 6). Each builds its module from the vector's {@code init},
 * loads {@code param.*} and performs the JSON's calls with the JSON's arguments.
 */
final class GeneratorVectorRunners {

    private GeneratorVectorRunners() {
    }

    static List<VectorRunner> all() {
        List<VectorRunner> l = new ArrayList<>();
        l.add(new BiasActRunner());
        l.add(new UpfirdnRunner());
        l.add(new FullyConnectedRunner());
        l.add(new MappingRunner());
        l.add(new SynthesisLayersRunner());
        l.add(new SynthesisBlockRunner());
        l.add(new SynthesisNetworkRunner());
        l.addAll(GeneratorRenderRunners.all());
        return l;
    }

    static NoiseMode noise(VectorCalls.Call c, String def) {
        return NoiseMode.of(c.kwString("noise_mode", def));
    }

    // ---------------------------------------------------------------- ops

    static final class BiasActRunner implements VectorRunner {
        public Set<String> modules() {
            return Set.of("bias_act");
        }

        public Map<String, NDArray> run(GoldenVector v, NDManager m) throws Exception {
            return VectorCalls.run(v, m, c -> List.of(BiasAct.apply(c.tensor(0), c.tensor(1), c.kwInt("dim", 1),
                    BiasAct.Activation.of(c.kwString("act", "linear")), c.kwDoubleOrNull("alpha"), c.kwDoubleOrNull("gain"),
                    c.kwDoubleOrNull("clamp"))));
        }
    }

    static final class UpfirdnRunner implements VectorRunner {
        public Set<String> modules() {
            return Set.of("upfirdn2d / conv2d_resample");
        }

        public Map<String, NDArray> run(GoldenVector v, NDManager m) throws Exception {
            return VectorCalls.run(v, m, c -> {
                NDArray x = c.tensor(0);
                NDArray y = switch (c.method()) {
                    case "upfirdn2d.upsample2d" -> c.arg(2) == null && c.kw("padding") == null
                            ? Upfirdn2d.upsample2d(x, c.tensor(1), c.kwInt("up", 2))
                            : unsupported(c);
                    case "upfirdn2d.downsample2d" -> c.kw("padding") == null
                            ? Upfirdn2d.downsample2d(x, c.tensor(1), c.kwInt("down", 2))
                            : unsupported(c);
                    case "upfirdn2d.filter2d" -> Upfirdn2d.filter2d(x, c.tensor(1), VectorCalls.padding(c.kw("padding")));
                    case "upfirdn2d.upfirdn2d" -> Upfirdn2d.upfirdn2d(x, c.tensor(1), c.kwInt("up", 1), c.kwInt("down", 1),
                            VectorCalls.padding(c.kw("padding")), c.kwBool("flip_filter", false), c.kwDouble("gain", 1));
                    case "conv2d_resample.conv2d_resample" -> Conv2dResample.apply(x, c.tensor(1), c.tensor(2), c.kwInt("up", 1),
                            c.kwInt("down", 1), VectorCalls.padding(c.kw("padding")), c.kwInt("groups", 1),
                            c.kwBool("flip_weight", true));
                    default -> unsupported(c);
                };
                return List.of(y);
            });
        }
    }

    static NDArray unsupported(VectorCalls.Call c) {
        throw new AssertionError("runner cannot perform " + c.method() + " with " + c.kwargs());
    }

    // ---------------------------------------------------------------- FC / mapping

    static FullyConnectedLayer fc(JsonObject o) {
        return new FullyConnectedLayer(new FullyConnectedLayer.Config(i(o, "in_features", 0), i(o, "out_features", 0),
                b(o, "bias", true), s(o, "activation", "linear"), VectorCalls.d(o, "lr_multiplier", 1), VectorCalls.d(o, "bias_init", 0)));
    }

    static final class FullyConnectedRunner implements VectorRunner {
        public Set<String> modules() {
            return Set.of("FullyConnectedLayer (ModuleDict of 4 instances)", "FullyConnectedLayer");
        }

        public Map<String, NDArray> run(GoldenVector v, NDManager m) throws Exception {
            Map<String, FullyConnectedLayer> layers = new LinkedHashMap<>();
            for (var e : v.init().entrySet()) {
                FullyConnectedLayer l = fc(e.getValue().getAsJsonObject());
                VectorCalls.load(l, v, m, e.getKey(), n -> false);
                layers.put(e.getKey(), l);
            }
            return VectorCalls.run(v, m, c -> List.of(layers.get(c.target()).forward(c.tensor(0))));
        }
    }

    static final class MappingRunner implements VectorRunner {
        public Set<String> modules() {
            return Set.of("MappingNetwork");
        }

        public Map<String, NDArray> run(GoldenVector v, NDManager m) throws Exception {
            JsonObject o = v.init();
            MappingNetwork net = new MappingNetwork(new MappingNetwork.Config(i(o, "z_dim", 0), i(o, "c_dim", 0), i(o, "w_dim", 0),
                    i(o, "num_ws", 0), i(o, "num_layers", 8), VectorCalls.iOrNull(o, "embed_features"),
                    VectorCalls.iOrNull(o, "layer_features"), s(o, "activation", "lrelu"), VectorCalls.d(o, "lr_multiplier", 0.01)));
            VectorCalls.load(net, v, m, null, n -> false);
            return VectorCalls.run(v, m, c -> {
                Object cut = c.kw("truncation_cutoff");
                return List.of(net.forward(c.tensor(0), c.tensor(1), c.kwDouble("truncation_psi", 1),
                        cut == null ? null : ((Number) cut).intValue()));
            });
        }
    }

    // ---------------------------------------------------------------- synthesis

    static final class SynthesisLayersRunner implements VectorRunner {
        public Set<String> modules() {
            return Set.of("SynthesisLayer / ToRGBLayer / Conv2dLayer (ModuleDict)");
        }

        public Map<String, NDArray> run(GoldenVector v, NDManager m) throws Exception {
            Map<String, Object> mods = new LinkedHashMap<>();
            for (var e : v.init().entrySet()) {
                JsonObject o = e.getValue().getAsJsonObject();
                Object mod;
                if (o.has("w_dim") && o.has("resolution")) {
                    mod = new SynthesisLayer(new SynthesisLayer.Config(i(o, "in_channels", 0), i(o, "out_channels", 0), i(o, "w_dim", 0),
                            i(o, "resolution", 0), i(o, "kernel_size", 3), i(o, "up", 1), b(o, "use_noise", true),
                            s(o, "activation", "lrelu"), dOrNull(o, "conv_clamp")));
                } else if (o.has("w_dim")) {
                    mod = new ToRGBLayer(new ToRGBLayer.Config(i(o, "in_channels", 0), i(o, "out_channels", 0), i(o, "w_dim", 0),
                            i(o, "kernel_size", 1), dOrNull(o, "conv_clamp")));
                } else {
                    mod = new Conv2dLayer(new Conv2dLayer.Config(i(o, "in_channels", 0), i(o, "out_channels", 0),
                            i(o, "kernel_size", 0), b(o, "bias", true), s(o, "activation", "linear"), i(o, "up", 1), i(o, "down", 1),
                            dOrNull(o, "conv_clamp")));
                }
                VectorCalls.load((io.invertavatar.nn.core.Module) mod, v, m, e.getKey(), n -> false);
                mods.put(e.getKey(), mod);
            }
            return VectorCalls.run(v, m, c -> {
                Object mod = mods.get(c.target());
                if (mod instanceof SynthesisLayer l) {
                    return List.of(l.forward(c.tensor(0), c.tensor(1), noise(c, "random"), c.kwBool("fused_modconv", true),
                            c.kwDouble("gain", 1)));
                }
                if (mod instanceof ToRGBLayer t) {
                    return List.of(t.forward(c.tensor(0), c.tensor(1), c.kwBool("fused_modconv", true)));
                }
                return List.of(((Conv2dLayer) mod).forward(c.tensor(0), c.kwDouble("gain", 1)));
            });
        }
    }

    static SynthesisBlock.Config blockConfig(JsonObject o) {
        return new SynthesisBlock.Config(i(o, "in_channels", 0), i(o, "out_channels", 0), i(o, "w_dim", 0), i(o, "resolution", 0),
                i(o, "img_channels", 0), b(o, "is_last", false), dOrNull(o, "conv_clamp"), s(o, "fused_modconv_default", "true"));
    }

    static final class SynthesisBlockRunner implements VectorRunner {
        public Set<String> modules() {
            return Set.of("SynthesisBlock (ModuleDict: first const block + skip block)", "SynthesisBlock");
        }

        public Map<String, NDArray> run(GoldenVector v, NDManager m) throws Exception {
            Map<String, SynthesisBlock> blocks = new LinkedHashMap<>();
            for (var e : v.init().entrySet()) {
                JsonObject o = e.getValue().getAsJsonObject();
                if (!s(o, "architecture", "skip").equals("skip")) {
                    throw new AssertionError("only the skip architecture is used by the generator");
                }
                SynthesisBlock blk = new SynthesisBlock(blockConfig(o));
                VectorCalls.load(blk, v, m, e.getKey(), n -> false);
                blocks.put(e.getKey(), blk);
            }
            return VectorCalls.run(v, m, c -> {
                SynthesisBlock.Output out = blocks.get(c.target()).forward(c.tensor(0), c.tensor(1), c.tensor(2),
                        (NDArray) c.kw("condition"), noise(c, "random"));
                return List.of(out.x(), out.img());
            });
        }
    }

    static SynthesisNetwork synthesisNetwork(JsonObject o) {
        if (i(o, "num_fp16_res", 0) != 0) {
            // fp16 only applies on CUDA; on CPU the official blocks force fp32, which is what we compute
        }
        return new SynthesisNetwork(new SynthesisNetwork.Config(i(o, "w_dim", 0), i(o, "img_resolution", 0), i(o, "img_channels", 0),
                i(o, "channel_base", 32768), i(o, "channel_max", 512), dOrNull(o, "conv_clamp"), s(o, "fused_modconv_default", "true"),
                32, 256));
    }

    static final class SynthesisNetworkRunner implements VectorRunner {
        public Set<String> modules() {
            return Set.of("SynthesisNetwork");
        }

        @SuppressWarnings("unchecked")
        public Map<String, NDArray> run(GoldenVector v, NDManager m) throws Exception {
            SynthesisNetwork net = synthesisNetwork(v.init());
            VectorCalls.load(net, v, m, null, n -> false);
            return VectorCalls.run(v, m, c -> {
                List<NDArray> condList = null;
                Object cl = c.arg(1) != null ? c.arg(1) : c.kw("cond_list");
                if (cl != null) {
                    condList = new ArrayList<>();
                    for (Object o : (List<Object>) cl) {
                        condList.add((NDArray) o);
                    }
                }
                Map<Integer, NDArray> feat = null;
                Object fc = c.kw("feat_conditions");
                if (fc != null) {
                    feat = new LinkedHashMap<>();
                    for (var e : ((Map<String, Object>) fc).entrySet()) {
                        feat.put(Integer.parseInt(e.getKey()), (NDArray) e.getValue());
                    }
                }
                boolean returnList = c.kwBool("return_list", false);
                return net.forward(c.tensor(0), condList, returnList, feat, noise(c, "random"));
            });
        }
    }
}
