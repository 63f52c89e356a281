package io.invertavatar.tracking;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.dnn.Net;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MediaPipe face_detection_short_range (128×128, faces within ~2 m) with the decoding of its graph: the whole image
 * letterboxed to a square, RGB in [-1,1], 896 SSD anchors, sigmoid scores ≥ {@code minScore}, weighted NMS at IoU 0.3.
 * Not thread-safe (one OpenCV net per instance; its native memory goes with the Java object).
 */
public final class FaceDetector {
    static final int INPUT = 128;
    private static final double SCALE = 128.0;
    private static final double NMS_IOU = 0.3;

    private final Net net;
    private final double[][] anchors = SsdAnchors.shortRange(INPUT);
    private final double minScore;
    private final List<String> outputs;

    public FaceDetector(Path model, double minScore) {
        this.net = OpenCvSupport.readTflite(model);
        this.minScore = minScore;
        this.outputs = List.of("regressors", "classificators");
    }

    /** All faces in the image (BGR Mat), best first. */
    public List<FaceDetection> detect(Mat bgr) {
        double side = Math.max(bgr.cols(), bgr.rows());
        RotatedRect roi = new RotatedRect(bgr.cols() / 2.0, bgr.rows() / 2.0, side, side, 0);
        Mat crop = OpenCvSupport.crop(bgr, roi, INPUT, Core.BORDER_CONSTANT);
        Mat blob = OpenCvSupport.blob(crop, 2.0 / 255.0, -1.0);
        List<Mat> outs = new ArrayList<>();
        float[] reg;
        float[] cls;
        try {
            net.setInput(blob);
            net.forward(outs, outputs);
            reg = OpenCvSupport.data(outs.get(0));
            cls = OpenCvSupport.data(outs.get(1));
        } finally {
            OpenCvSupport.release(crop, blob);
            outs.forEach(Mat::release);
        }
        return decode(reg, cls, roi);
    }

    List<FaceDetection> decode(float[] reg, float[] cls, RotatedRect roi) {
        int n = anchors.length;
        int stride = reg.length / n;
        List<Raw> raws = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double logit = Math.max(-100, Math.min(100, cls[i]));
            double score = 1 / (1 + Math.exp(-logit));
            if (score < minScore) {
                continue;
            }
            int o = i * stride;
            double ax = anchors[i][0], ay = anchors[i][1];
            double cx = reg[o] / SCALE + ax, cy = reg[o + 1] / SCALE + ay;
            double w = reg[o + 2] / SCALE, h = reg[o + 3] / SCALE;
            double[] v = new double[4 + 12];
            v[0] = cx - w / 2;
            v[1] = cy - h / 2;
            v[2] = cx + w / 2;
            v[3] = cy + h / 2;
            for (int k = 0; k < 6; k++) {
                v[4 + 2 * k] = reg[o + 4 + 2 * k] / SCALE + ax;
                v[5 + 2 * k] = reg[o + 5 + 2 * k] / SCALE + ay;
            }
            raws.add(new Raw(v, score));
        }
        List<FaceDetection> out = new ArrayList<>();
        for (Raw r : weightedNms(raws)) {
            Point2 tl = roi.toImage(r.v[0], r.v[1]);
            Point2 br = roi.toImage(r.v[2], r.v[3]);
            List<Point2> kps = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                kps.add(roi.toImage(r.v[4 + 2 * k], r.v[5 + 2 * k]));
            }
            out.add(new FaceDetection(new Box(tl.x(), tl.y(), br.x() - tl.x(), br.y() - tl.y()), r.score, List.copyOf(kps)));
        }
        return out;
    }

    private record Raw(double[] v, double score) {
        Box box() {
            return new Box(v[0], v[1], v[2] - v[0], v[3] - v[1]);
        }
    }

    /** MediaPipe's WEIGHTED suppression: overlapping candidates are averaged by score instead of dropped. */
    private static List<Raw> weightedNms(List<Raw> raws) {
        List<Raw> remaining = new ArrayList<>(raws);
        remaining.sort(Comparator.comparingDouble(Raw::score).reversed());
        List<Raw> kept = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Raw top = remaining.get(0);
            Box tb = top.box();
            List<Raw> cluster = new ArrayList<>();
            List<Raw> rest = new ArrayList<>();
            for (Raw r : remaining) {
                (tb.iou(r.box()) > NMS_IOU ? cluster : rest).add(r);
            }
            double[] acc = new double[top.v.length];
            double total = 0;
            for (Raw r : cluster) {
                for (int j = 0; j < acc.length; j++) {
                    acc[j] += r.v[j] * r.score;
                }
                total += r.score;
            }
            for (int j = 0; j < acc.length; j++) {
                acc[j] /= total;
            }
            kept.add(new Raw(acc, top.score));
            remaining = rest;
        }
        return kept;
    }
}
