package io.invertavatar.tracking;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.dnn.Net;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MediaPipe face_landmark.tflite (468 points, no attention): a 192×192 crop of a rotated ROI, RGB in [0,1], outputs
 * 468×(x,y,z) in crop pixels and a face-presence logit. Also derives the ROIs as MediaPipe's graphs do: from a
 * detection (eye keypoints set the rotation, box ×1.5, square) and from a previous mesh (landmarks 33/263 set the
 * rotation, landmark bounds ×1.5, square). Not thread-safe.
 */
public final class FaceLandmarker {
    static final int INPUT = 192;
    private static final double ROI_SCALE = 1.5;

    private final Net net;
    private final List<String> outputs;

    public FaceLandmarker(Path model) {
        this.net = OpenCvSupport.readTflite(model);
        this.outputs = List.of("conv2d_21", "conv2d_31");
    }

    public FaceMesh run(Mat bgr, RotatedRect roi) {
        Mat crop = OpenCvSupport.crop(bgr, roi, INPUT, Core.BORDER_REPLICATE);
        Mat blob = OpenCvSupport.blob(crop, 1.0 / 255.0, 0.0);
        List<Mat> outs = new ArrayList<>();
        float[] mesh;
        float[] flag;
        try {
            net.setInput(blob);
            net.forward(outs, outputs);
            mesh = OpenCvSupport.data(outs.get(0));
            flag = OpenCvSupport.data(outs.get(1));
        } finally {
            OpenCvSupport.release(crop, blob);
            outs.forEach(Mat::release);
        }
        return project(mesh, flag[0], roi);
    }

    /** Raw model output (crop pixels) to image pixels. */
    static FaceMesh project(float[] raw, float presenceLogit, RotatedRect roi) {
        float[][] pts = new float[FaceMesh.POINTS][3];
        for (int i = 0; i < FaceMesh.POINTS; i++) {
            Point2 p = roi.toImage(raw[3 * i] / INPUT, raw[3 * i + 1] / INPUT);
            pts[i][0] = (float) p.x();
            pts[i][1] = (float) p.y();
            pts[i][2] = (float) (raw[3 * i + 2] / INPUT * roi.width());
        }
        return new FaceMesh(pts, 1 / (1 + Math.exp(-presenceLogit)), roi);
    }

    public static RotatedRect roiFromDetection(FaceDetection d) {
        Point2 re = d.keypoints().get(0), le = d.keypoints().get(1);
        double rotation = normalize(-Math.atan2(-(le.y() - re.y()), le.x() - re.x()));
        double side = Math.max(d.box().width(), d.box().height()) * ROI_SCALE;
        return new RotatedRect(d.box().centerX(), d.box().centerY(), side, side, rotation);
    }

    public static RotatedRect roiFromMesh(FaceMesh m) {
        Point2 a = m.point(33), b = m.point(263);
        double rotation = normalize(-Math.atan2(-(b.y() - a.y()), b.x() - a.x()));
        Box box = m.bounds();
        double side = Math.max(box.width(), box.height()) * ROI_SCALE;
        return new RotatedRect(box.centerX(), box.centerY(), side, side, rotation);
    }

    static double normalize(double a) {
        return a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
    }
}
