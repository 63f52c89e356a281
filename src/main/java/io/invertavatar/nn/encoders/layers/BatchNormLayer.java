package io.invertavatar.nn.encoders.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;

/**
 * {@code torch.nn.BatchNorm2d} (eps 1e-5, affine). In {@link NormMode#BATCH_STATS} the PyTorch kernel is run in
 * training mode on throw-away copies of the running buffers, so the numbers are the official kernel's while the
 * loaded state never changes (the official run also updates its buffers, but outputs never read them).
 */
public final class BatchNormLayer extends Module {

    static final float EPS = 1e-5f;

    private final Param weight;
    private final Param bias;
    private final Param runningMean;
    private final Param runningVar;

    public BatchNormLayer(int channels) {
        weight = param("weight", new Shape(channels));
        bias = param("bias", new Shape(channels));
        runningMean = buffer("running_mean", new Shape(channels));
        runningVar = buffer("running_var", new Shape(channels));
        buffer("num_batches_tracked", new Shape(), DataType.INT64);
    }

    public NDArray forward(NDArray x, NormMode mode) {
        boolean batch = mode == NormMode.BATCH_STATS;
        NDArray mean = runningMean.get();
        NDArray var = runningVar.get();
        if (batch) {
            mean = mean.duplicate();
            var = var.duplicate();
            mean.attach(x.getManager());
            var.attach(x.getManager());
        }
        return BatchNorm.batchNorm(x, mean, var, weight.get(), bias.get(), 1, 0.1f, EPS, batch).singletonOrThrow();
    }
}
