package io.invertavatar.nn.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.invertavatar.nn.core.LoadReport;
import io.invertavatar.nn.core.StateDict;
import io.invertavatar.nn.encoders.E4eConfig;
import io.invertavatar.nn.encoders.layers.NormMode;
import io.invertavatar.nn.inversion.Avatar;
import io.invertavatar.nn.inversion.E4eResult;
import io.invertavatar.nn.inversion.FewShotChunks;
import io.invertavatar.nn.inversion.FrameBatch;
import io.invertavatar.nn.inversion.HiddenStates;
import io.invertavatar.nn.inversion.InversionConfig;
import io.invertavatar.nn.inversion.InversionNet;
import io.invertavatar.nn.inversion.TriPlaneAvatarGenerator;
import io.invertavatar.nn.render.OSGDecoder;
import io.invertavatar.nn.render.RenderOptions;
import io.invertavatar.nn.superres.SuperresolutionHybrid8XDC;
import io.invertavatar.nn.io.SafeTensorsFile;
import io.invertavatar.nn.texture.TriPlaneGenerator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * e2e_fewshot: the eval_seq.py procedure of the vector's {@code steps} — e4e of frame 0, the frames chunked as
 * {@link FewShotChunks} plans them (checked against the vector's {@code chunk_frames}), hidden states carried, and
 * the final render with the driving camera and UV-coordinate image. Intermediates named {@code mid.*} are
 * produced under the vector's names (sub-sampled as their {@code _sN} suffix says).
 */
final class E2eFewShotRunner {

    private E2eFewShotRunner() {
    }

    static Map<String, NDArray> run(GoldenVector v, NDManager m) throws Exception {
        JsonObject json = v.json();
        JsonObject init = json.getAsJsonObject("init");
        WidthPatch patch = new WidthPatch(json);
        StateDict state;
        try (SafeTensorsFile params = SafeTensorsFile.open(v.dir().resolve(json.get("params_file").getAsString()))) {
            state = new StateDict(params.loadAll("G.", m));
        }
        return run(v, m, state);
    }

    /** The same procedure with the weights from elsewhere (the official-format pickle, names as state_dict()). */
    static Map<String, NDArray> run(GoldenVector v, NDManager m, StateDict state) throws Exception {
        JsonObject json = v.json();
        JsonObject init = json.getAsJsonObject("init");
        WidthPatch patch = new WidthPatch(json);
        TriPlaneGenerator generator = new TriPlaneGenerator(generatorConfig(init, patch));
        LoadReport g = generator.load(state.sub("generator"));
        // the vector does not store the never-read SR noise_const buffers
        if (!g.unexpected().isEmpty() || g.missing().stream().anyMatch(n -> !(n.startsWith("superresolution.") && n.endsWith("noise_const")))) {
            throw new IllegalStateException("generator state mismatch: " + g);
        }
        generator.setTraining(true); // eval_seq.py: G_new.train()
        InversionConfig cfg = new InversionConfig(
                EncoderConfigs.e4e(patch, 3, E4eConfig.official().nStyles()),
                EncoderConfigs.unet(patch, 7, 256, false, false),
                EncoderConfigs.unet(patch, 6, 256, true, false), NormMode.BATCH_STATS);
        InversionNet net = new InversionNet(cfg, new TriPlaneAvatarGenerator(generator));
        net.loadEncoders(state).requireComplete();

        FrameBatch frames = new FrameBatch(v.tensor("in.image", m), v.tensor("in.uv", m), v.tensor("in.c", m),
                v.tensor("in.uvcoords_image", m));
        Map<String, NDArray> out = new LinkedHashMap<>();
        E4eResult e4e = net.encode(frames.images().get("0:1"));
        out.put("mid.ws", e4e.ws());
        List<int[]> plan = FewShotChunks.plan(frames.size());
        checkPlan(plan, json);
        HiddenStates hidden = null;
        Avatar avatar = null;
        for (int c = 0; c < plan.size(); c++) {
            InversionNet.ChunkResult r = net.forwardChunk(frames.select(plan.get(c), m), e4e, hidden);
            hidden = r.hidden();
            avatar = r.avatar();
            NDArray image = frames.select(plan.get(c), m).images();
            put(out, v, "mid.chunk" + c + ".e4e_image", r.e4eImage());
            put(out, v, "mid.chunk" + c + ".delta_x", r.e4eImage().sub(image));
            put(out, v, "mid.chunk" + c + ".uv_input", r.uvInput());
            for (int i = 0; i < 4; i++) {
                put(out, v, "mid.chunk" + c + ".r_texture." + i, hidden.texture().get(i));
                put(out, v, "mid.chunk" + c + ".r_triplane." + i, hidden.triplane().get(i));
            }
        }
        for (int i = 0; i < avatar.texture().size(); i++) {
            put(out, v, "mid.final.texture." + i, avatar.texture().get(i));
            put(out, v, "mid.final.static." + i, avatar.statics().get(i));
        }
        TriPlaneGenerator.Output o = new TriPlaneAvatarGenerator(generator).renderFull(avatar.ws(), avatar.texture(),
                avatar.statics(), v.tensor("in.drv_c", m), v.tensor("in.drv_uvcoords_image", m));
        out.put("out.image", o.image());
        out.put("mid.render.image_raw", o.imageRaw());
        out.put("mid.render.image_depth", o.imageDepth());
        return out;
    }

    /**
     * TriPlaneGenerator configuration from the vector's {@code G_kwargs}; the SR block widths from its width patch.
     * Constants of the official code that no kwarg carries: synthesis resolution 256, 32 channels per plane,
     * SR input resolution 128, OSGDecoder hidden width 64.
     */
    static TriPlaneGenerator.Config generatorConfig(JsonObject init, WidthPatch patch) {
        JsonObject g = init.getAsJsonObject("G_kwargs");
        JsonObject r = g.getAsJsonObject("rendering_kwargs");
        JsonObject sr = g.getAsJsonObject("sr_kwargs");
        int[] b0 = patch.numbers("self.block0 = SynthesisBlock(channels, 256, w_dim=512, resolution=256,", "superresolution.py");
        int[] b1 = patch.numbers("self.block1 = SynthesisBlock(256, 128, w_dim=512, resolution=512,", "superresolution.py");
        RenderOptions render = new RenderOptions(r.get("depth_resolution").getAsInt(), r.get("depth_resolution_importance").getAsInt(),
                r.get("box_warp").getAsDouble(), r.get("clamp_mode").getAsString(),
                r.has("white_back") && r.get("white_back").getAsBoolean(), r.get("disparity_space_sampling").getAsBoolean());
        SuperresolutionHybrid8XDC.Config superres = new SuperresolutionHybrid8XDC.Config(32, g.get("img_resolution").getAsInt(),
                g.get("sr_num_fp16_res").getAsInt(), r.get("sr_antialias").getAsBoolean(), b0[0], b1[1], b0[1], 128,
                sr.get("fused_modconv_default").getAsString());
        return new TriPlaneGenerator.Config(g.get("z_dim").getAsInt(), g.get("c_dim").getAsInt(), g.get("w_dim").getAsInt(), 256,
                g.get("channel_base").getAsInt(), g.get("channel_max").getAsInt(), 32,
                g.getAsJsonObject("mapping_kwargs").get("num_layers").getAsInt(), init.get("neural_rendering_resolution").getAsInt(),
                render, superres, new OSGDecoder.Config(32, 64, 32, r.get("decoder_lr_mul").getAsDouble()),
                g.get("fused_modconv_default").getAsString());
    }

    /** Stores {@code x} under the vector's name for it: the plain name, or {@code name_sN} sub-sampled by N. */
    private static void put(Map<String, NDArray> out, GoldenVector v, String name, NDArray x) {
        if (v.has(name)) {
            out.put(name, x);
            return;
        }
        for (String stored : v.file().entries().keySet()) {
            if (stored.startsWith(name + "_s")) {
                int s = Integer.parseInt(stored.substring(name.length() + 2));
                out.put(stored, x.get(new NDIndex("..., ::" + s + ", ::" + s)));
            }
        }
    }

    private static void checkPlan(List<int[]> plan, JsonObject json) {
        JsonArray expected = json.getAsJsonArray("calls").get(0).getAsJsonObject().getAsJsonObject("kwargs")
                .getAsJsonArray("chunk_frames");
        for (int c = 0; c < expected.size(); c++) {
            JsonArray e = expected.get(c).getAsJsonArray();
            for (int j = 0; j < e.size(); j++) {
                if (plan.size() != expected.size() || plan.get(c)[j] != e.get(j).getAsInt()) {
                    throw new AssertionError("chunking differs from the vector's chunk_frames");
                }
            }
        }
    }
}
