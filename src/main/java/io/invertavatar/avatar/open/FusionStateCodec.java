package io.invertavatar.avatar.open;

import io.invertavatar.geometry.RgbImage;
import io.invertavatar.nn.io.SafeTensorsFile;
import io.invertavatar.nn.io.SafeTensorsWriter;
import io.invertavatar.nn.io.TensorDType;
import io.invertavatar.nn.io.TensorEntry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Saves and loads a {@link FusionState} as safetensors. Everything is stored at full precision (sums as F32/F64,
 * the reference picture as F32) so that load → add frames gives bit-for-bit what adding without saving gives.
 */
public final class FusionStateCodec {

    public static final String FORMAT = "invertavatar.open.v1";

    private FusionStateCodec() {
    }

    public static void write(FusionState s, OutputStream out) throws IOException {
        if (s.reference() == null) {
            throw new IllegalArgumentException("an avatar with no frames cannot be saved");
        }
        int ts = s.textureSize();
        int n = s.vertexCount();
        ReferenceFrame r = s.reference();
        Map<String, SafeTensorsWriter.Tensor> t = new HashMap<>();
        t.put("texture.color_sum", f32(s.colorSum(), ts, ts, 3));
        t.put("texture.weight_sum", f32(s.weightSum(), ts, ts));
        t.put("shape.sum", f64(s.shapeSum(), n, 3));
        t.put("shape.weight", f64(new double[]{s.shapeWeight()}, 1));
        t.put("pose.histogram", f32(s.poseHistogram(), FusionState.PITCH_BINS, FusionState.YAW_BINS));
        t.put("reference.image", f32(r.image().rgb(), r.image().height(), r.image().width(), 3));
        t.put("reference.mesh", f32(r.meshPixels(), n, 3));
        t.put("reference.rotation", f64(r.pose().rotation(), 3, 3));
        t.put("reference.translation", f64(r.pose().translation(), 3));
        t.put("reference.scale", f64(new double[]{r.pose().scale()}, 1));
        t.put("reference.score", f32(new float[]{r.score()}, 1));
        SafeTensorsWriter.write(out, t, Map.of("format", FORMAT, "frames_used", Integer.toString(s.framesUsed())));
    }

    public static FusionState read(Path file) throws IOException {
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            if (!FORMAT.equals(f.metadata().get("format"))) {
                throw new IOException("not an open-pack avatar state (format " + f.metadata().get("format") + ")");
            }
            long[] texShape = shape(f, "texture.weight_sum", TensorDType.F32, 2);
            int ts = Math.toIntExact(texShape[0]);
            long[] meshShape = shape(f, "shape.sum", TensorDType.F64, 2);
            int n = Math.toIntExact(meshShape[0]);
            long[] imgShape = shape(f, "reference.image", TensorDType.F32, 3);
            int h = Math.toIntExact(imgShape[0]), w = Math.toIntExact(imgShape[1]);
            expect(f, "texture.color_sum", TensorDType.F32, ts, ts, 3);
            expect(f, "shape.weight", TensorDType.F64, 1);
            expect(f, "pose.histogram", TensorDType.F32, FusionState.PITCH_BINS, FusionState.YAW_BINS);
            expect(f, "reference.image", TensorDType.F32, h, w, 3);
            expect(f, "reference.mesh", TensorDType.F32, n, 3);
            expect(f, "reference.rotation", TensorDType.F64, 3, 3);
            expect(f, "reference.translation", TensorDType.F64, 3);
            expect(f, "reference.scale", TensorDType.F64, 1);
            expect(f, "reference.score", TensorDType.F32, 1);
            int frames;
            try {
                frames = Integer.parseInt(f.metadata().getOrDefault("frames_used", ""));
            } catch (NumberFormatException e) {
                throw new IOException("avatar state lacks a valid frames_used entry");
            }
            ReferenceFrame ref = new ReferenceFrame(new RgbImage(w, h, floats(f, "reference.image")),
                    floats(f, "reference.mesh"),
                    new HeadPose(doubles(f, "reference.rotation"), doubles(f, "reference.translation"),
                            doubles(f, "reference.scale")[0]),
                    floats(f, "reference.score")[0]);
            return new FusionState(ts, floats(f, "texture.color_sum"), floats(f, "texture.weight_sum"),
                    doubles(f, "shape.sum"), doubles(f, "shape.weight")[0], floats(f, "pose.histogram"), frames, ref);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IOException("corrupt avatar state: " + e.getMessage(), e);
        }
    }

    private static long[] shape(SafeTensorsFile f, String name, TensorDType dtype, int rank) throws IOException {
        if (!f.contains(name)) {
            throw new IOException("avatar state lacks tensor " + name);
        }
        TensorEntry e = f.entry(name);
        if (e.dtype() != dtype || e.shape().length != rank) {
            throw new IOException("tensor " + name + " has dtype " + e.dtype() + " rank " + e.shape().length);
        }
        return e.shape();
    }

    private static void expect(SafeTensorsFile f, String name, TensorDType dtype, long... dims) throws IOException {
        long[] s = shape(f, name, dtype, dims.length);
        if (!Arrays.equals(s, dims)) {
            throw new IOException("tensor " + name + " has shape " + Arrays.toString(s) + ", expected " + Arrays.toString(dims));
        }
    }

    private static float[] floats(SafeTensorsFile f, String name) throws IOException {
        ByteBuffer b = f.bytes(name).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    private static double[] doubles(SafeTensorsFile f, String name) throws IOException {
        ByteBuffer b = f.bytes(name).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(out);
        return out;
    }

    private static SafeTensorsWriter.Tensor f32(float[] data, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        return new SafeTensorsWriter.Tensor(TensorDType.F32, shape, b);
    }

    private static SafeTensorsWriter.Tensor f64(double[] data, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(data);
        return new SafeTensorsWriter.Tensor(TensorDType.F64, shape, b);
    }
}
