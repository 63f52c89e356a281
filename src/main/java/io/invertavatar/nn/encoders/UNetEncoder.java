package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.encoders.layers.NormMode;
import io.invertavatar.nn.encoders.layers.TensorOps;

import java.util.List;

/**
 * What the four U-Net encoders share: 5-D input flattened to frames, average pooling to {@code res}, the IR-SE
 * body in eval mode (both official scripts keep {@code input_layer} and {@code body} in eval), and the taps.
 */
public abstract class UNetEncoder extends IrSeBackbone {

    protected final UNetConfig config;

    protected UNetEncoder(UNetConfig config) {
        super(config.backbone());
        this.config = config;
    }

    public UNetConfig config() {
        return config;
    }

    /** Frames T of a {@code [B, T, C, H, W]} input (1 for a 4-D input). */
    protected static int frames(NDArray x) {
        return x.getShape().dimension() == 5 ? (int) x.getShape().get(1) : 1;
    }

    protected UNetTaps taps(NDArray x) {
        NDArray flat = x;
        Shape s = x.getShape();
        if (s.dimension() == 5) {
            flat = x.reshape(new Shape(s.get(0) * s.get(1)).addAll(s.slice(2)));
        } else if (s.dimension() != 4) {
            throw new IllegalArgumentException("encoder input must be [B,C,H,W] or [B,T,C,H,W], got " + s);
        }
        if (flat.getShape().get(3) != config.resolution()) {
            flat = TensorOps.adaptiveAvgPool(flat, config.resolution());
        }
        IrSeConfig b = config.backbone();
        List<NDArray> u = runBody(flat, NormMode.RUNNING_STATS);
        return new UNetTaps(u.get(b.stageEnd(0)), u.get(b.stageEnd(1)), u.get(b.stageEnd(2)),
                u.get(b.stageEnd(2) + 1), u.get(b.stageEnd(3)));
    }
}
