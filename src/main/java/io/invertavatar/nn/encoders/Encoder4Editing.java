package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.encoders.layers.ConvLayer;
import io.invertavatar.nn.encoders.layers.ModuleList;
import io.invertavatar.nn.encoders.layers.NormMode;
import io.invertavatar.nn.encoders.layers.TensorOps;

import java.util.ArrayList;
import java.util.List;

/**
 * E_w (spec §2.7): image 256^2 -> IR-SE body (taps c1 = end of stage 2, c2 = end of stage 3, c3 = end of stage 4)
 * -> FPN (bilinear align_corners=True upsampling + 1x1 laterals) -> one GradualStyleBlock per w.
 * Returns codes {@code [B, nStyles, wDim]} WITHOUT latent_avg (inversionNet.encode adds it).
 */
public final class Encoder4Editing extends IrSeBackbone {

    private final E4eConfig config;
    private final ModuleList<GradualStyleBlock> styles;
    private final ConvLayer latlayer1;
    private final ConvLayer latlayer2;

    public Encoder4Editing(E4eConfig config) {
        super(config.backbone());
        this.config = config;
        IrSeConfig b = config.backbone();
        int top = b.depth(3);
        styles = child("styles", new ModuleList<>());
        for (int i = 0; i < config.nStyles(); i++) {
            int spatial = i < E4eConfig.COARSE_INDEX ? 16 : i < E4eConfig.MIDDLE_INDEX ? 32 : 64;
            styles.add(i, new GradualStyleBlock(top, config.wDim(), spatial));
        }
        latlayer1 = child("latlayer1", ConvLayer.pointwise(b.depth(2), top));
        latlayer2 = child("latlayer2", ConvLayer.pointwise(b.depth(1), top));
    }

    public E4eConfig config() {
        return config;
    }

    /**
     * @param x    {@code [B, 3, 256, 256]} in [-1, 1]
     * @param mode {@link NormMode#BATCH_STATS} reproduces eval_seq.py (the encoder is left in train mode there)
     */
    public NDArray forward(NDArray x, NormMode mode) {
        if (x.getShape().get(2) != E4eConfig.INPUT_RESOLUTION || x.getShape().get(3) != E4eConfig.INPUT_RESOLUTION) {
            throw new IllegalArgumentException("Encoder4Editing needs 256x256 input, got " + x.getShape());
        }
        IrSeConfig b = config.backbone();
        List<NDArray> units = runBody(x, mode);
        NDArray c1 = units.get(b.stageEnd(1));
        NDArray c2 = units.get(b.stageEnd(2));
        NDArray c3 = units.get(b.stageEnd(3));

        List<NDArray> deltas = new ArrayList<>(config.nStyles());
        NDArray w0 = styles.get(0).forward(c3);
        NDArray feature = c3;
        NDArray p2 = null;
        for (int i = 1; i < config.nStyles(); i++) {
            if (i == E4eConfig.COARSE_INDEX) {
                p2 = upsampleAdd(c3, latlayer1.forward(c2));
                feature = p2;
            } else if (i == E4eConfig.MIDDLE_INDEX) {
                feature = upsampleAdd(p2, latlayer2.forward(c1));
            }
            deltas.add(styles.get(i).forward(feature));
        }
        // w[:, 0] = w0; w[:, i] = w0 + delta_i — the same sums the official loop performs in place.
        List<NDArray> ws = new ArrayList<>(config.nStyles());
        ws.add(w0);
        for (NDArray d : deltas) {
            ws.add(w0.add(d));
        }
        return NDArrays.stack(new NDList(ws), 1);
    }

    private static NDArray upsampleAdd(NDArray x, NDArray lateral) {
        Shape s = lateral.getShape();
        return TensorOps.upsampleBilinearAlignCorners(x, s.get(2), s.get(3)).add(lateral);
    }
}
