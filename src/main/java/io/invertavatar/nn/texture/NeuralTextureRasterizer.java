package io.invertavatar.nn.texture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.invertavatar.nn.ops.TorchOps;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code TriPlaneGenerator.rasterize} (spec §2.4 step 7): samples every level of the neural texture at the
 * UV-coordinate image, resizes with the antialiased (triangle) filter to the level's resolution, blends it over the
 * bbox crop of the static background and appends the resized "upper mouth" alpha as the last channel.
 */
public final class NeuralTextureRasterizer {

    /** Rows of the 256² alpha above which mouth holes do not count as face (official literal 87). */
    static final int UPPER_MOUTH_ROW = 87;

    /** Face box of plane 0 at 256² (row0, row1, col0, col1). */
    public static final int[] BBOX_256 = {57, 185, 64, 192};

    /** Rasterised levels [N, C_k + 1, r_k, r_k], the alpha with mouth holes filled and the mouth mask [N, 1, H, W]. */
    public record Output(List<NDArray> renderingImages, NDArray fullAlpha, NDArray mouthMask) {
    }

    /** {@code [round(b · res / 256)]} with Python's round-half-to-even. */
    public static int[] scaledBox(int[] bbox256, int res) {
        int[] out = new int[bbox256.length];
        for (int i = 0; i < bbox256.length; i++) {
            out[i] = (int) Math.rint(bbox256[i] * (double) res / 256.0);
        }
        return out;
    }

    /**
     * @param textureFeats per level [N, C_k, r_k, r_k]
     * @param uvcoordsImage [N, H, W, 3] (u, v, alpha)
     * @param staticFeats background per level [N, C_k, R_k, R_k]
     */
    public Output rasterize(List<NDArray> textureFeats, NDArray uvcoordsImage, List<NDArray> staticFeats, int[] bbox256) {
        NDManager m = uvcoordsImage.getManager();
        long n = uvcoordsImage.getShape().get(0);
        int h = (int) uvcoordsImage.getShape().get(1);
        int w = (int) uvcoordsImage.getShape().get(2);
        NDArray grid = uvcoordsImage.get(":, :, :, :2");
        NDArray alpha = uvcoordsImage.get(":, :, :, 2:").transpose(0, 3, 1, 2);
        NDArray mouth = mouthMasks(alpha, h, w);
        NDArray fullAlpha = alpha.add(mouth).clip(0, 1);
        NDArray rowMask = m.arange(0, h, 1, DataType.FLOAT32).gte(UPPER_MOUTH_ROW).toType(DataType.FLOAT32, false).reshape(1, 1, h, 1);
        NDArray upperAlpha = alpha.add(mouth.mul(rowMask)).clip(0, 1);
        List<NDArray> out = new ArrayList<>();
        for (int k = 0; k < textureFeats.size(); k++) {
            int res = (int) textureFeats.get(k).getShape().get(3);
            int[] b = scaledBox(bbox256, res);
            NDArray r = TorchOps.gridSample(textureFeats.get(k), grid);
            r = TorchOps.resizeBilinearAntialias(r, res, res);
            NDArray a = TorchOps.resizeBilinearAntialias(alpha, res, res);
            NDArray crop = staticFeats.get(k).get(":, :, {}:{}, {}:{}", b[0], b[1], b[2], b[3]);
            NDArray s = TorchOps.resizeBilinearAntialias(crop, res, res);
            NDArray blended = r.mul(a).add(s.mul(a.neg().add(1f)));
            out.add(blended.concat(TorchOps.resizeBilinearAntialias(upperAlpha, res, res), 1));
        }
        return new Output(out, fullAlpha, mouth);
    }

    /** Flood fill per sample on the CPU (as the official code does with OpenCV). */
    static NDArray mouthMasks(NDArray alpha, int h, int w) {
        NDManager m = alpha.getManager();
        long n = alpha.getShape().get(0);
        float[] all = alpha.toType(DataType.FLOAT32, false).toFloatArray();
        NDList masks = new NDList();
        for (int i = 0; i < n; i++) {
            float[] one = new float[h * w];
            System.arraycopy(all, i * h * w, one, 0, h * w);
            masks.add(m.create(MouthFill.mouthMask(one, h, w)).reshape(1, 1, h, w));
        }
        NDArray mm = masks.size() == 1 ? masks.get(0) : ai.djl.ndarray.NDArrays.concat(masks, 0);
        return mm.toDevice(alpha.getDevice(), false);
    }
}
