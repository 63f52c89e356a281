package io.invertavatar.nn.ops;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The libtorch operators DJL 0.36 does not wrap, compiled once per device from TorchScript source
 * ({@link TorchScriptArchive}) and then called like any op: bit-identical to PyTorch's own kernels.
 * This is THE grid_sample of the project; every call site (texture sampling, tri-plane sampling,
 * get_unet_uvinput) goes through {@link #gridSample}.
 */
public final class TorchOps {

    private enum Op {
        GRID_SAMPLE("GridSample", "x: Tensor, grid: Tensor, mode: int, padding: int, align_corners: bool",
                "return torch.grid_sampler(x, grid, mode, padding, align_corners)"),
        RESIZE_AA("ResizeBilinearAa", "x: Tensor, h: int, w: int, align_corners: bool",
                "return torch._upsample_bilinear2d_aa(x, [h, w], align_corners, None, None)"),
        RESIZE("ResizeBilinear", "x: Tensor, h: int, w: int, align_corners: bool",
                "return torch.upsample_bilinear2d(x, [h, w], align_corners, None, None)"),
        CONV_TRANSPOSE("ConvTranspose2d", "x: Tensor, w: Tensor, stride: int, pad_h: int, pad_w: int, groups: int",
                "return torch.conv_transpose2d(x, w, None, [stride, stride], [pad_h, pad_w], [0, 0], groups, [1, 1])"),
        SEARCH_SORTED("SearchSorted", "sorted: Tensor, values: Tensor, right: bool",
                "return torch.searchsorted(sorted, values, out_int32=False, right=right)"),
        PRELU("Prelu", "x: Tensor, weight: Tensor", "return torch.prelu(x, weight)");

        final String cls;
        final String signature;
        final String body;

        Op(String cls, String signature, String body) {
            this.cls = cls;
            this.signature = signature;
            this.body = body;
        }
    }

    /** grid_sample interpolation modes as ATen numbers them. */
    public static final int MODE_BILINEAR = 0;
    public static final int MODE_NEAREST = 1;
    /** grid_sample padding modes as ATen numbers them. */
    public static final int PAD_ZEROS = 0;
    public static final int PAD_BORDER = 1;

    private static final Map<String, PtSymbolBlock> MODULES = new ConcurrentHashMap<>();
    private static final Map<Device, NDManager> OWNERS = new ConcurrentHashMap<>();

    private TorchOps() {
    }

    /** {@code F.grid_sample(x, grid, mode='bilinear', padding_mode='zeros', align_corners=False)}. */
    public static NDArray gridSample(NDArray x, NDArray grid) {
        return gridSample(x, grid, MODE_BILINEAR, PAD_ZEROS, false);
    }

    public static NDArray gridSample(NDArray x, NDArray grid, int mode, int padding, boolean alignCorners) {
        return call(Op.GRID_SAMPLE, x, IValue.from((PtNDArray) x), IValue.from((PtNDArray) grid),
                IValue.from((long) mode), IValue.from((long) padding), IValue.from(alignCorners));
    }

    /** {@code F.interpolate(x, size=(h, w), mode='bilinear', align_corners=False, antialias=True)}. */
    public static NDArray resizeBilinearAntialias(NDArray x, int h, int w) {
        return call(Op.RESIZE_AA, x, IValue.from((PtNDArray) x), IValue.from((long) h), IValue.from((long) w),
                IValue.from(false));
    }

    /** {@code F.interpolate(x, size=(h, w), mode='bilinear', align_corners=alignCorners)} without antialias. */
    public static NDArray resizeBilinear(NDArray x, int h, int w, boolean alignCorners) {
        return call(Op.RESIZE, x, IValue.from((PtNDArray) x), IValue.from((long) h), IValue.from((long) w),
                IValue.from(alignCorners));
    }

    /** {@code F.conv_transpose2d(x, w, stride=stride, padding=[padH, padW], groups=groups)}, no bias. */
    public static NDArray convTranspose2d(NDArray x, NDArray w, int stride, int padH, int padW, int groups) {
        return call(Op.CONV_TRANSPOSE, x, IValue.from((PtNDArray) x), IValue.from((PtNDArray) w),
                IValue.from((long) stride), IValue.from((long) padH), IValue.from((long) padW), IValue.from((long) groups));
    }

    /** {@code torch.searchsorted(sorted, values, right=right)} (int64 indices). */
    public static NDArray searchSorted(NDArray sorted, NDArray values, boolean right) {
        return call(Op.SEARCH_SORTED, values, IValue.from((PtNDArray) sorted), IValue.from((PtNDArray) values),
                IValue.from(right));
    }

    /**
     * {@code torch.prelu(x, weight)}, what {@code nn.PReLU} runs: one pass of PyTorch's own kernel (slope per
     * channel of dim 1), where the {@code where(x > 0, x, w x)} that DJL allows costs three passes and two
     * temporaries.
     */
    public static NDArray prelu(NDArray x, NDArray weight) {
        return call(Op.PRELU, x, IValue.from((PtNDArray) x), IValue.from((PtNDArray) weight));
    }

    /** Runs the op; the result belongs to {@code owner}'s manager. Every IValue handle is released. */
    private static NDArray call(Op op, NDArray owner, IValue... args) {
        PtSymbolBlock module = module(op, owner.getDevice());
        IValue out = null;
        try {
            out = module.forward(args);
            return out.toTensor((PtNDManager) owner.getManager());
        } finally {
            for (IValue a : args) {
                a.close();
            }
            if (out != null) {
                out.close();
            }
        }
    }

    private static PtSymbolBlock module(Op op, Device device) {
        return MODULES.computeIfAbsent(op.name() + "@" + device, k -> {
            NDManager owner = OWNERS.computeIfAbsent(device, d -> NDManager.newBaseManager(d, "PyTorch"));
            try {
                byte[] archive = TorchScriptArchive.build(op.cls, op.signature, "Tensor", op.body);
                PtSymbolBlock block = JniUtils.loadModule((PtNDManager) owner, new ByteArrayInputStream(archive), true, false);
                return block;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot build TorchScript operator " + op.cls, e);
            }
        });
    }
}
