package io.invertavatar.nn.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.invertavatar.nn.core.LoadReport;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;
import io.invertavatar.nn.core.StateDict;
import io.invertavatar.nn.encoders.E4eConfig;
import io.invertavatar.nn.encoders.FrameOrder;
import io.invertavatar.nn.encoders.Encoder4Editing;
import io.invertavatar.nn.encoders.RecurrentOutput;
import io.invertavatar.nn.encoders.TriPlaneSftFeatEncoder;
import io.invertavatar.nn.encoders.TriPlanefeatEncoder;
import io.invertavatar.nn.encoders.layers.TensorOps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few-shot {@code inversionNet} of {@code uvnet.py} (spec §1.3): e4e encoding and one
 * {@code AR_eval_forward} call. Holds the encoder side (state names {@code encoder.*},
 * {@code unet_encoder.texture_unet.*}, {@code unet_encoder.triplane_unet.*}, {@code latent_avg},
 * {@code black_uv_bg}); the {@code generator.*} part is reached through {@link AvatarGenerator}.
 */
public final class InversionNet extends Module {

    /** Number of texture list entries the texture encoder offsets (entries 4 and 5 stay the e4e ones). */
    static final int OFFSET_ENTRIES = 4;

    private final InversionConfig config;
    private final AvatarGenerator generator;
    private final Encoder4Editing encoder;
    private final TriPlanefeatEncoder textureUnet;
    private final TriPlaneSftFeatEncoder triplaneUnet;
    private final Param latentAvg;

    public InversionNet(InversionConfig config, AvatarGenerator generator) {
        this.config = config;
        this.generator = generator;
        encoder = child("encoder", new Encoder4Editing(config.e4e()));
        UNetHolder holder = child("unet_encoder", new UNetHolder(config));
        textureUnet = holder.texture;
        triplaneUnet = holder.triplane;
        latentAvg = buffer("latent_avg", new ai.djl.ndarray.types.Shape(1, config.e4e().wDim()));
        buffer("black_uv_bg", null);
    }

    public InversionConfig config() {
        return config;
    }

    /** Loads every non-generator tensor of an inversionNet state dict (names without the {@code G.} prefix). */
    public LoadReport loadEncoders(StateDict inversionNetState) {
        Map<String, NDArray> mine = new LinkedHashMap<>();
        for (String name : inversionNetState.names()) {
            if (!name.startsWith("generator.")) {
                mine.put(name, inversionNetState.take(name));
            }
        }
        return load(new StateDict(mine));
    }

    /**
     * {@code inversionNet.encode} plus the e4e feature lists: image {@code [1, 3, H, W]} (512 officially, pooled
     * to 256) -> ws = codes + latent_avg -> texture / static lists with no conditions.
     */
    public E4eResult encode(NDArray image) {
        NDArray x = TensorOps.adaptiveAvgPool(image, E4eConfig.INPUT_RESOLUTION);
        NDArray ws = encoder.forward(x, config.e4eNorm()).add(latentAvg.get());
        return new E4eResult(ws, generator.textureFeatures(ws), generator.staticFeatures(ws, null));
    }

    /**
     * One call of {@code AR_eval_forward} on exactly the frames given (4 in the official runs). Intermediates are
     * placed in the managers of the inputs, so callers pass inputs that live in a scope they close.
     */
    public ChunkResult forwardChunk(FrameBatch chunk, E4eResult e4e, HiddenStates hidden) {
        return forwardChunk(chunk, null, e4e, hidden);
    }

    /**
     * The same call when {@code chunk} holds only the distinct frames of a call whose frames repeat equally often
     * and {@code order} (see {@link FrameOrder}) says which one each step reads: every per-frame computation — the
     * e4e render included — runs once per distinct frame. Null {@code order}: the frames are the steps.
     */
    public ChunkResult forwardChunk(FrameBatch chunk, int[] order, E4eResult e4e, HiddenStates hidden) {
        int t = chunk.size();
        List<NDArray> tex0 = e4e.texture();
        List<NDArray> sta0 = e4e.statics();
        NDArray image = chunk.images().get(":, 0:3");
        NDArray rendered = generator.render(e4e.ws().repeat(0, t), expand(tex0, t), expand(sta0, t),
                chunk.cameras(), chunk.uvcoords());
        NDArray delta = rendered.sub(image);
        NDArray uvIn = UvInput.build(chunk.uv(), delta);
        NDArray triIn = NDArrays.concat(new NDList(image, delta), 1);

        RecurrentOutput<List<NDArray>> off = textureUnet.forward(uvIn.expandDims(0), hidden == null ? null : hidden.texture(), order);
        List<NDArray> texture = new ArrayList<>(tex0.size());
        for (int i = 0; i < tex0.size(); i++) {
            texture.add(i < OFFSET_ENTRIES ? tex0.get(i).add(off.output().get(i)) : tex0.get(i));
        }
        RecurrentOutput<Map<Integer, NDArray>> sft = triplaneUnet.forward(triIn.expandDims(0),
                hidden == null ? null : hidden.triplane(), order);
        List<NDArray> statics = generator.staticFeatures(e4e.ws(), sft.output());
        return new ChunkResult(new Avatar(e4e.ws(), texture, statics), new HiddenStates(off.hidden(), sft.hidden()),
                rendered, uvIn);
    }

    private static List<NDArray> expand(List<NDArray> xs, int t) {
        List<NDArray> out = new ArrayList<>(xs.size());
        for (NDArray x : xs) {
            out.add(t == 1 ? x : x.repeat(0, t));
        }
        return out;
    }

    /**
     * Result of one call: the avatar, the hidden states to carry, and the e4e render and UV input of the chunk
     * (intermediates the parity suite compares).
     */
    public record ChunkResult(Avatar avatar, HiddenStates hidden, NDArray e4eImage, NDArray uvInput) {
    }

    private static final class UNetHolder extends Module {
        final TriPlanefeatEncoder texture;
        final TriPlaneSftFeatEncoder triplane;

        UNetHolder(InversionConfig c) {
            texture = child("texture_unet", new TriPlanefeatEncoder(c.texture()));
            triplane = child("triplane_unet", new TriPlaneSftFeatEncoder(c.triplane()));
        }
    }
}
