package io.invertavatar.nn.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.StateDict;
import io.invertavatar.nn.encoders.Encoder4Editing;
import io.invertavatar.nn.encoders.RecurrentOutput;
import io.invertavatar.nn.encoders.TriPlaneSftFeatEncoder;
import io.invertavatar.nn.encoders.TriPlaneSftFeatSegformerDecoder;
import io.invertavatar.nn.encoders.TriPlanefeatEncoder;
import io.invertavatar.nn.encoders.TriPlanefeatSegformerDecoder;
import io.invertavatar.nn.encoders.layers.NormMode;
import io.invertavatar.nn.inversion.UvInput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** Runners for the encoder-side vectors (issue 7). Sizes come from each vector's JSON. */
final class EncoderVectorRunners {

    private EncoderVectorRunners() {
    }

    static List<VectorRunner> all() {
        return List.of(
                runner("Encoder4Editing", EncoderVectorRunners::encoder4Editing),
                runner("TriPlanefeat_Encoder", EncoderVectorRunners::textureUnet),
                runner("TriPlaneSFTfeat_Encoder", EncoderVectorRunners::triplaneUnet),
                runner("TriPlanefeat_SegformerDecoder", EncoderVectorRunners::textureSegformer),
                runner("TriPlaneSFTfeat_SegformerDecoder", EncoderVectorRunners::triplaneSegformer),
                runner("inversionNet.get_unet_uvinput", EncoderVectorRunners::uvInput),
                runner("inversionNet (uvnet.py) with TriPlaneGenerator (triplane_v20.py)", E2eFewShotRunner::run));
    }

    private interface Body {
        Map<String, NDArray> run(GoldenVector v, NDManager m) throws Exception;
    }

    private static VectorRunner runner(String module, Body body) {
        return new VectorRunner() {
            @Override
            public Set<String> modules() {
                return Set.of(module);
            }

            @Override
            public Map<String, NDArray> run(GoldenVector vector, NDManager manager) throws Exception {
                return body.run(vector, manager);
            }
        };
    }

    static <M extends Module> M loaded(M module, GoldenVector v, NDManager m) throws Exception {
        module.load(new StateDict(v.params(m))).requireComplete();
        return module;
    }

    /** Resolves a call argument: an output of an earlier call (ours, so carry-over is tested end to end) or a stored tensor. */
    static NDArray tensor(String name, Map<String, NDArray> produced, GoldenVector v, NDManager m) throws Exception {
        NDArray t = produced.get(name);
        return t != null ? t : v.tensor(name, m);
    }

    static void name(JsonObject call, List<NDArray> values, Map<String, NDArray> into) {
        List<String> names = new ArrayList<>();
        for (JsonElement e : call.getAsJsonArray("outputs")) {
            names.add(e.getAsString());
        }
        if (names.size() != values.size()) {
            throw new IllegalStateException("call returns " + values.size() + " tensors, vector names " + names.size());
        }
        for (int i = 0; i < names.size(); i++) {
            into.put(names.get(i), values.get(i));
        }
    }

    private static Map<String, NDArray> encoder4Editing(GoldenVector v, NDManager m) throws Exception {
        Encoder4Editing e4e = loaded(new Encoder4Editing(EncoderConfigs.e4e(v.json(), new WidthPatch(v.json()))), v, m);
        JsonObject modes = v.json().getAsJsonObject("mode");
        Map<String, NDArray> out = new LinkedHashMap<>();
        int i = 0;
        for (JsonElement c : v.calls()) {
            JsonObject call = c.getAsJsonObject();
            String mode = modes.get("call" + i++).getAsString();
            NormMode norm = mode.startsWith("train") ? NormMode.BATCH_STATS : NormMode.RUNNING_STATS;
            NDArray x = tensor(call.getAsJsonArray("args").get(0).getAsString(), out, v, m);
            name(call, List.of(e4e.forward(x, norm)), out);
        }
        return out;
    }

    private static List<NDArray> hidden(JsonObject call, Map<String, NDArray> produced, GoldenVector v, NDManager m) throws Exception {
        JsonObject kw = call.getAsJsonObject("kwargs");
        if (!kw.has("r_list") || kw.get("r_list").isJsonNull()) {
            return null;
        }
        List<NDArray> r = new ArrayList<>();
        for (JsonElement e : kw.getAsJsonArray("r_list")) {
            r.add(tensor(e.getAsString(), produced, v, m));
        }
        return r;
    }

    private static <T> Map<String, NDArray> recurrent(GoldenVector v, NDManager m,
            BiFunction<NDArray, List<NDArray>, RecurrentOutput<T>> forward,
            java.util.function.Function<T, List<NDArray>> flatten) throws Exception {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (JsonElement c : v.calls()) {
            JsonObject call = c.getAsJsonObject();
            NDArray x = tensor(call.getAsJsonArray("args").get(0).getAsString(), out, v, m);
            RecurrentOutput<T> r = forward.apply(x, hidden(call, out, v, m));
            List<NDArray> values = new ArrayList<>(flatten.apply(r.output()));
            values.addAll(r.hidden());
            name(call, values, out);
        }
        return out;
    }

    private static Map<String, NDArray> textureUnet(GoldenVector v, NDManager m) throws Exception {
        TriPlanefeatEncoder enc = loaded(new TriPlanefeatEncoder(
                EncoderConfigs.unet(v.json(), new WidthPatch(v.json()), false, false)), v, m);
        return recurrent(v, m, enc::forward, feats -> feats);
    }

    private static Map<String, NDArray> triplaneUnet(GoldenVector v, NDManager m) throws Exception {
        TriPlaneSftFeatEncoder enc = loaded(new TriPlaneSftFeatEncoder(
                EncoderConfigs.unet(v.json(), new WidthPatch(v.json()), true, false)), v, m);
        return recurrent(v, m, enc::forward, cond -> new ArrayList<>(cond.values()));
    }

    private static Map<String, NDArray> textureSegformer(GoldenVector v, NDManager m) throws Exception {
        TriPlanefeatSegformerDecoder dec = loaded(new TriPlanefeatSegformerDecoder(
                EncoderConfigs.unet(v.json(), new WidthPatch(v.json()), false, true)), v, m);
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (JsonElement c : v.calls()) {
            JsonObject call = c.getAsJsonObject();
            name(call, dec.forward(tensor(call.getAsJsonArray("args").get(0).getAsString(), out, v, m)), out);
        }
        return out;
    }

    private static Map<String, NDArray> triplaneSegformer(GoldenVector v, NDManager m) throws Exception {
        TriPlaneSftFeatSegformerDecoder dec = loaded(new TriPlaneSftFeatSegformerDecoder(
                EncoderConfigs.unet(v.json(), new WidthPatch(v.json()), true, true)), v, m);
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (JsonElement c : v.calls()) {
            JsonObject call = c.getAsJsonObject();
            name(call, new ArrayList<>(dec.forward(tensor(call.getAsJsonArray("args").get(0).getAsString(), out, v, m)).values()), out);
        }
        return out;
    }

    private static Map<String, NDArray> uvInput(GoldenVector v, NDManager m) throws Exception {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (JsonElement c : v.calls()) {
            JsonObject call = c.getAsJsonObject();
            var args = call.getAsJsonArray("args");
            NDArray uv = tensor(args.get(0).getAsString(), out, v, m);
            NDArray delta = tensor(args.get(1).getAsString(), out, v, m);
            name(call, List.of(UvInput.build(uv, delta)), out);
        }
        return out;
    }
}
