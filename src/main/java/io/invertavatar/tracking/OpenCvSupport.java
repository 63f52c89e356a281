package io.invertavatar.tracking;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;
import org.opencv.imgproc.Imgproc;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;

/** OpenCV glue: one-time native load, image conversion and the rotated-ROI tensor crop MediaPipe uses. */
final class OpenCvSupport {
    private static volatile boolean loaded;

    private OpenCvSupport() {
    }

    static synchronized void load() {
        if (!loaded) {
            nu.pattern.OpenCV.loadLocally();
            loaded = true;
        }
    }

    static Net readTflite(Path model) {
        load();
        Net net = Dnn.readNetFromTFLite(model.toString());
        net.setPreferableBackend(Dnn.DNN_BACKEND_OPENCV);
        net.setPreferableTarget(Dnn.DNN_TARGET_CPU);
        return net;
    }

    /** Copies an image into an 8-bit BGR Mat (the caller releases it). */
    static Mat toBgr(BufferedImage image) {
        load();
        BufferedImage bgr = image;
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            var g = bgr.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        byte[] data = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        Mat m = new Mat(bgr.getHeight(), bgr.getWidth(), CvType.CV_8UC3);
        m.put(0, 0, data);
        return m;
    }

    static BufferedImage toImage(Mat bgr) {
        BufferedImage out = new BufferedImage(bgr.cols(), bgr.rows(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.get(0, 0, ((DataBufferByte) out.getRaster().getDataBuffer()).getData());
        return out;
    }

    /** Warps a rotated ROI to size×size (bilinear, border replicate) and returns it as a Mat. */
    static Mat crop(Mat bgr, RotatedRect roi, int size, int border) {
        double[] m = roi.cropToImage(size);
        Mat affine = new Mat(2, 3, CvType.CV_64F);
        affine.put(0, 0, m);
        Mat out = new Mat();
        Imgproc.warpAffine(bgr, out, affine, new Size(size, size), Imgproc.INTER_LINEAR | Imgproc.WARP_INVERSE_MAP,
                border, new Scalar(0, 0, 0));
        affine.release();
        return out;
    }

    /** NCHW float RGB blob: value = pixel * scale + offset. */
    static Mat blob(Mat bgrCrop, double scale, double offset) {
        // blobFromImage computes (pixel - mean) * scale
        double mean = -offset / scale;
        return Dnn.blobFromImage(bgrCrop, scale, bgrCrop.size(), new Scalar(mean, mean, mean), true, false, CvType.CV_32F);
    }

    static float[] data(Mat m) {
        float[] buf = new float[(int) m.total() * m.channels()];
        Mat flat = m.reshape(1, 1);
        flat.get(0, 0, buf);
        flat.release();
        return buf;
    }

    static void release(Mat... mats) {
        for (Mat m : mats) {
            if (m != null) {
                m.release();
            }
        }
    }

    static int threads() {
        return Core.getNumThreads();
    }
}
