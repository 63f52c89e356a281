package io.invertavatar.nn.checkpoint;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A checkpoint at the official few-shot sizes (spec §5: generator 88,301,010 + e4e 209,450,688 + texture encoder
 * 68,518,304 + tri-plane encoder 82,784,960 = 449,054,962 parameters) in the official snapshot layout with random
 * weights, for the import benchmark. The module tree is simplified (3×3 conv layers of 256 channels, BatchNorm
 * buffers, one remainder tensor per part) but the byte volume, tensor count (~2,000) and record format are those
 * of {@code FSInvertAvatar.pkl}.
 */
final class SyntheticCheckpoint {

    static final long[] PART_PARAMS = {88_301_010L, 209_450_688L, 68_518_304L, 82_784_960L};
    static final String[] PART_NAMES = {"generator", "encoder", "texture_unet", "triplane_unet"};
    static final long TOTAL_PARAMS = 449_054_962L;

    private SyntheticCheckpoint() {
    }

    /** Random float bytes without the cost of a per-value generator call. */
    private static SnapshotWriter.Data random(SplittableRandom rnd) {
        return (out, n) -> {
            byte[] buf = new byte[(int) Math.min(n, 1 << 20)];
            long left = n;
            while (left > 0) {
                int k = (int) Math.min(buf.length, left);
                for (int i = 0; i + 8 <= k; i += 8) {
                    long v = rnd.nextLong() & 0x3fff_ffff_3fff_ffffL; // finite floats
                    for (int b = 0; b < 8; b++) {
                        buf[i + b] = (byte) (v >>> (8 * b));
                    }
                }
                out.write(buf, 0, k);
                left -= k;
            }
        };
    }

    private static final SnapshotWriter.Data ZERO_LONG = (out, n) -> out.write(new byte[(int) n]);

    static void write(Path file) throws IOException {
        SplittableRandom rnd = new SplittableRandom(449);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            SnapshotWriter w = new SnapshotWriter(out);
            PickleOut p = w.pickle();
            p.proto(4).op(PickleOut.EMPTY_DICT, PickleOut.MARK).str("training_set_kwargs").op(PickleOut.EMPTY_DICT)
                    .str("G");
            w.beginPlainModule("encoder_inversion.models.uvnet", "inversionNet");
            w.orderedDictEntry("_parameters", Map.of());
            w.orderedDictEntry("_buffers", Map.of());
            Map<String, SnapshotWriter.IORunnable> parts = new LinkedHashMap<>();
            for (int i = 0; i < PART_NAMES.length; i++) {
                final long budget = PART_PARAMS[i];
                final boolean persistent = i == 0;
                parts.put(PART_NAMES[i], () -> part(w, budget, persistent, rnd));
            }
            w.orderedDictEntry("_modules", parts);
            w.endPlainModule();
            p.op(PickleOut.SETITEMS, PickleOut.STOP);
        }
    }

    /** One part: blocks of 8 conv layers (weight [256,256,3,3] + bias) and a BatchNorm, until the budget is met. */
    private static void part(SnapshotWriter w, long budget, boolean persistent, SplittableRandom rnd) throws IOException {
        if (persistent) {
            w.beginPersistentModule("training_avatar_texture.triplane_v20", "TriPlaneGenerator");
        } else {
            w.beginPlainModule("encoder_inversion.models.e4e", "Encoder4Editing");
        }
        long conv = 256L * 256 * 9 + 256;
        long bn = 2 * 256;
        long perBlock = 8 * conv + bn;
        long blocks = budget / perBlock;
        long rest = budget - blocks * perBlock;
        Map<String, SnapshotWriter.IORunnable> children = new LinkedHashMap<>();
        for (long b = 0; b < blocks; b++) {
            children.put("b" + b, () -> block(w, rnd));
        }
        Map<String, SnapshotWriter.IORunnable> params = new LinkedHashMap<>();
        if (rest > 0) {
            params.put("rest", () -> w.tensor(StorageType.FLOAT, new long[] {rest}, new long[] {1}, 0, rest, true,
                    random(rnd)));
        }
        w.orderedDictEntry("_parameters", params);
        w.orderedDictEntry("_buffers", Map.of());
        w.orderedDictEntry("_modules", children);
        if (persistent) {
            w.pickle().str("_init_args").op(PickleOut.EMPTY_TUPLE).str("_init_kwargs").op(PickleOut.EMPTY_DICT)
                    .str("img_resolution").integer(512).op(PickleOut.SETITEM);
            w.pickle().str("neural_rendering_resolution").integer(128);
            w.endPersistentModule();
        } else {
            w.endPlainModule();
        }
    }

    private static void block(SnapshotWriter w, SplittableRandom rnd) throws IOException {
        w.beginPlainModule("torch.nn.modules.container", "Sequential");
        w.orderedDictEntry("_parameters", Map.of());
        w.orderedDictEntry("_buffers", Map.of());
        Map<String, SnapshotWriter.IORunnable> layers = new LinkedHashMap<>();
        for (int l = 0; l < 8; l++) {
            layers.put(Integer.toString(l), () -> {
                w.beginPlainModule("torch.nn.modules.conv", "Conv2d");
                Map<String, SnapshotWriter.IORunnable> ps = new LinkedHashMap<>();
                long[] ws = {256, 256, 3, 3};
                ps.put("weight", () -> w.tensor(StorageType.FLOAT, ws, SnapshotWriter.contiguousStride(ws), 0,
                        256L * 256 * 9, true, random(rnd)));
                ps.put("bias", () -> w.tensor(StorageType.FLOAT, new long[] {256}, new long[] {1}, 0, 256, true,
                        random(rnd)));
                w.orderedDictEntry("_parameters", ps);
                w.orderedDictEntry("_buffers", Map.of());
                w.orderedDictEntry("_modules", Map.of());
                w.endPlainModule();
            });
        }
        layers.put("bn", () -> {
            w.beginPlainModule("torch.nn.modules.batchnorm", "BatchNorm2d");
            Map<String, SnapshotWriter.IORunnable> ps = new LinkedHashMap<>();
            ps.put("weight", () -> w.tensor(StorageType.FLOAT, new long[] {256}, new long[] {1}, 0, 256, true, random(rnd)));
            ps.put("bias", () -> w.tensor(StorageType.FLOAT, new long[] {256}, new long[] {1}, 0, 256, true, random(rnd)));
            Map<String, SnapshotWriter.IORunnable> bs = new LinkedHashMap<>();
            bs.put("running_mean", () -> w.tensor(StorageType.FLOAT, new long[] {256}, new long[] {1}, 0, 256, false, random(rnd)));
            bs.put("running_var", () -> w.tensor(StorageType.FLOAT, new long[] {256}, new long[] {1}, 0, 256, false, random(rnd)));
            bs.put("num_batches_tracked", () -> w.tensor(StorageType.LONG, new long[] {}, new long[] {}, 0, 1, false, ZERO_LONG));
            w.orderedDictEntry("_parameters", ps);
            w.orderedDictEntry("_buffers", bs);
            w.orderedDictEntry("_modules", Map.of());
            w.endPlainModule();
        });
        w.orderedDictEntry("_modules", layers);
        w.endPlainModule();
    }
}
