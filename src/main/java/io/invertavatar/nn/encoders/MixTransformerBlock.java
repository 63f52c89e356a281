package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.encoders.layers.ConvLayer;
import io.invertavatar.nn.encoders.layers.FlopCounter;
import io.invertavatar.nn.encoders.layers.LayerNormLayer;
import io.invertavatar.nn.encoders.layers.LinearLayer;
import io.invertavatar.nn.encoders.layers.ModuleList;
import io.invertavatar.nn.encoders.layers.TensorOps;

/**
 * {@code mix_transformer.transformer_block} (spec §2.8.4): overlapping 7x7/2 patch embedding -> LayerNorm ->
 * {@code numVit} Segformer blocks (4-head attention with sr_ratio 1, Mix-FFN with a depthwise 3x3 conv and exact
 * GELU) -> LayerNorm -> tokens back to a map -> PixelShuffle(2) -> 1x1 conv back to the input width.
 */
final class MixTransformerBlock extends Module {

    static final int HEADS = 4;
    static final int MLP_RATIO = 2;

    private final PatchEmbed patchEmbed;
    private final ModuleList<VitBlock> vit;
    private final LayerNormLayer norm;
    private final ConvLayer mlp;
    private final int embed;

    MixTransformerBlock(int inChannels, int embedDim, int numVit) {
        embed = embedDim;
        patchEmbed = child("patch_embed", new PatchEmbed(inChannels, embedDim));
        vit = child("ViT", new ModuleList<>());
        for (int j = 0; j < numVit; j++) {
            vit.add(j, new VitBlock(embedDim));
        }
        norm = child("norm", new LayerNormLayer(embedDim));
        mlp = child("mlp", ConvLayer.pointwise(embedDim / 4, inChannels));
    }

    NDArray forward(NDArray x) {
        NDArray map = patchEmbed.proj.forward(x);
        long b = map.getShape().get(0);
        long h = map.getShape().get(2);
        long w = map.getShape().get(3);
        NDArray tokens = patchEmbed.norm.forward(map.reshape(b, embed, h * w).transpose(0, 2, 1));
        for (VitBlock blk : vit.items()) {
            tokens = blk.forward(tokens, h, w);
        }
        tokens = norm.forward(tokens);
        NDArray out = tokens.reshape(b, h, w, embed).transpose(0, 3, 1, 2);
        return mlp.forward(TensorOps.pixelShuffle(out, 2));
    }

    private static final class PatchEmbed extends Module {
        final ConvLayer proj;
        final LayerNormLayer norm;

        PatchEmbed(int in, int embed) {
            proj = child("proj", new ConvLayer(in, embed, 7, 2, 3, true));
            norm = child("norm", new LayerNormLayer(embed));
        }
    }

    private static final class VitBlock extends Module {
        final LayerNormLayer norm1;
        final Attention attn;
        final LayerNormLayer norm2;
        final MixFfn mlp;

        VitBlock(int dim) {
            norm1 = child("norm1", new LayerNormLayer(dim));
            attn = child("attn", new Attention(dim));
            norm2 = child("norm2", new LayerNormLayer(dim));
            mlp = child("mlp", new MixFfn(dim, dim * MLP_RATIO));
        }

        NDArray forward(NDArray x, long h, long w) {
            NDArray y = x.add(attn.forward(norm1.forward(x)));
            return y.add(mlp.forward(norm2.forward(y), h, w));
        }
    }

    /** Multi-head self-attention, sr_ratio 1, no qkv bias; kv output is [k | v], each split into heads in order. */
    private static final class Attention extends Module {
        final LinearLayer q;
        final LinearLayer kv;
        final LinearLayer proj;
        final int dim;
        final float scale;

        Attention(int dim) {
            this.dim = dim;
            q = child("q", new LinearLayer(dim, dim, false));
            kv = child("kv", new LinearLayer(dim, 2 * dim, false));
            proj = child("proj", new LinearLayer(dim, dim, true));
            scale = (float) Math.pow(dim / HEADS, -0.5);
        }

        NDArray forward(NDArray x) {
            long b = x.getShape().get(0);
            long n = x.getShape().get(1);
            int d = dim / HEADS;
            NDArray qh = q.forward(x).reshape(b, n, HEADS, d).transpose(0, 2, 1, 3);
            NDArray kvh = kv.forward(x).reshape(b, n, 2, HEADS, d).transpose(2, 0, 3, 1, 4);
            NDArray k = kvh.get(0);
            NDArray v = kvh.get(1);
            FlopCounter.addMatMul(b * HEADS, n, d, n);
            FlopCounter.addMatMul(b * HEADS, n, n, d);
            NDArray a = qh.matMul(k.transpose(0, 1, 3, 2)).mul(scale).softmax(-1);
            NDArray o = a.matMul(v).transpose(0, 2, 1, 3).reshape(b, n, dim);
            return proj.forward(o);
        }
    }

    /** fc1 -> depthwise 3x3 conv on the token grid -> GELU (erf) -> fc2. */
    private static final class MixFfn extends Module {
        final LinearLayer fc1;
        final ConvLayer dwconv;
        final LinearLayer fc2;
        final int hidden;

        MixFfn(int dim, int hidden) {
            this.hidden = hidden;
            fc1 = child("fc1", new LinearLayer(dim, hidden, true));
            dwconv = child("dwconv", new ModuleHolder()).hold("dwconv", new ConvLayer(hidden, hidden, 3, 1, 1, true, hidden));
            fc2 = child("fc2", new LinearLayer(hidden, dim, true));
        }

        NDArray forward(NDArray x, long h, long w) {
            NDArray y = fc1.forward(x);
            long b = y.getShape().get(0);
            NDArray map = y.transpose(0, 2, 1).reshape(new Shape(b, hidden, h, w));
            y = dwconv.forward(map).reshape(b, hidden, h * w).transpose(0, 2, 1);
            return fc2.forward(Activation.gelu(y));
        }
    }

    /** A named wrapper level ({@code mlp.dwconv.dwconv}). */
    private static final class ModuleHolder extends Module {
        <M extends Module> M hold(String name, M m) {
            return child(name, m);
        }
    }
}
