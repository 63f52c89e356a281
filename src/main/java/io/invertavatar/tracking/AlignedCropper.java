package io.invertavatar.tracking;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * EG3D "in-the-wild" alignment (§4.4 step 4) as one similarity warp: POS least-squares fit of the five landmarks to the
 * BFM 5-point template gives scale s and translation t; the official pipeline resizes by 300/s, crops 1024 at
 * (w/2 − 512 + (t_x − W/2)s', h/2 − 512 + (H/2 − t_y)s'), centre-crops 700 at 162 and resizes to 512. Composing those
 * steps gives the affine used here (one resampling: area pre-shrink + Lanczos, instead of PIL bicubic then Lanczos;
 * the integer truncations of the official crop origin are kept). Outside the image is zero, like the official padding.
 */
public final class AlignedCropper {
    /** Deep3DFaceRecon load_lm3d(): BFM similarity_Lm3D_all.mat, 5 points (eye, eye, nose, mouth, mouth), y up. */
    static final double[][] LM3D_STD = {
        {-0.31148657, 0.29036078, 0.13377953},
        {0.30979887, 0.28972036, 0.13179526},
        {0.0032535, -0.04617932, 0.55244243},
        {-0.25216928, -0.38133916, 0.22405732},
        {0.2484662, -0.38128236, 0.22235769},
    };
    private static final double RESCALE = 300, TARGET = 1024, CENTER = 700, CENTER_OFFSET = 162;
    /** Camera radius and pivot of EG3D's FFHQ cameras (§4.2), used because no FaceVerse fit gives the distance. */
    static final double RADIUS = 2.7;
    static final double[] PIVOT = {0, 0, 0.2};

    /** Image-to-crop affine (continuous pixel coordinates) for the given five points. */
    public static double[] imageToCrop(FiveLandmarks lm, int width, int height) {
        double[][] xp = new double[5][2];
        var pts = lm.asList();
        for (int i = 0; i < 5; i++) {
            xp[i][0] = pts.get(i).x();
            xp[i][1] = height - 1 - pts.get(i).y();
        }
        double[] ts = pos(xp);
        double s2 = RESCALE / ts[2];
        double w = Math.floor(width * s2), h = Math.floor(height * s2);
        double left = (int) (w / 2 - TARGET / 2 + (ts[0] - width / 2.0) * s2);
        double up = (int) (h / 2 - TARGET / 2 + (height / 2.0 - ts[1]) * s2);
        double k = AlignedCrop.SIZE / CENTER;
        // crop = (X * s2 - left - 162) * k
        return new double[] {s2 * k, 0, -(left + CENTER_OFFSET) * k, 0, s2 * k, -(up + CENTER_OFFSET) * k};
    }

    /** Deep3DFaceRecon POS: least squares of [X 1 0; 0 X 1] k = xp; returns {t_x, t_y, s}. */
    static double[] pos(double[][] xp) {
        double[][] ata = new double[8][8];
        double[] atb = new double[8];
        for (int i = 0; i < 5; i++) {
            double[][] rows = {
                {LM3D_STD[i][0], LM3D_STD[i][1], LM3D_STD[i][2], 1, 0, 0, 0, 0},
                {0, 0, 0, 0, LM3D_STD[i][0], LM3D_STD[i][1], LM3D_STD[i][2], 1},
            };
            for (int r = 0; r < 2; r++) {
                for (int a = 0; a < 8; a++) {
                    atb[a] += rows[r][a] * xp[i][r];
                    for (int b = 0; b < 8; b++) {
                        ata[a][b] += rows[r][a] * rows[r][b];
                    }
                }
            }
        }
        // 10 equations, 8 unknowns: normal equations are well posed for non-degenerate landmarks; tiny ridge for safety
        Mat a = new Mat(8, 8, CvType.CV_64F), b = new Mat(8, 1, CvType.CV_64F), x = new Mat();
        for (int i = 0; i < 8; i++) {
            a.put(i, 0, ata[i]);
            b.put(i, 0, atb[i]);
        }
        Core.solve(a, b, x, Core.DECOMP_SVD);
        double[] k = new double[8];
        x.get(0, 0, k);
        OpenCvSupport.release(a, b, x);
        double s = (Math.sqrt(k[0] * k[0] + k[1] * k[1] + k[2] * k[2]) + Math.sqrt(k[4] * k[4] + k[5] * k[5] + k[6] * k[6])) / 2;
        return new double[] {k[3], k[7], s};
    }

    public AlignedCrop crop(Mat bgr, FiveLandmarks lm, HeadPose pose) {
        double[] m = imageToCrop(lm, bgr.cols(), bgr.rows());
        double scale = m[0];
        Mat src = bgr;
        double pre = 1;
        if (scale < 0.8) {
            // shrink with area averaging first so that the final warp does not alias
            pre = scale;
            src = new Mat();
            Imgproc.resize(bgr, src, new Size(Math.max(1, Math.round(bgr.cols() * pre)), Math.max(1, Math.round(bgr.rows() * pre))),
                    0, 0, Imgproc.INTER_AREA);
        }
        double sx = (double) src.cols() / bgr.cols(), sy = (double) src.rows() / bgr.rows();
        // crop = m · X, X = Xsrc / s → crop = (m0/sx) Xsrc + m2; pixel-index form: idx_c + .5 = A (idx_s + .5) + t
        double a = m[0] / sx, e = m[4] / sy;
        double tx = m[2] + 0.5 * a - 0.5, ty = m[5] + 0.5 * e - 0.5;
        Mat affine = new Mat(2, 3, CvType.CV_64F);
        affine.put(0, 0, a, 0, tx, 0, e, ty);
        Mat out = new Mat();
        Imgproc.warpAffine(src, out, affine, new Size(AlignedCrop.SIZE, AlignedCrop.SIZE), Imgproc.INTER_LANCZOS4,
                Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
        var image = OpenCvSupport.toImage(out);
        OpenCvSupport.release(affine, out);
        if (src != bgr) {
            src.release();
        }
        return new AlignedCrop(image, camera(pose), m);
    }

    /**
     * 25-float label from the head pose: the camera looks at the EG3D pivot from distance 2.7 along the direction the
     * pose implies (canonical frame ≙ EG3D world, both y up with the face towards +z), so a frontal face gives
     * cam2world = [[1,0,0,0],[0,−1,0,0],[0,0,−1,2.9],[0,0,0,1]] in OpenCV camera axes.
     */
    public static float[] camera(HeadPose pose) {
        double[] r = pose.rotation();
        // R^T: camera axes (OpenGL) in canonical/world coordinates are the rows of R
        double[][] rt = {{r[0], r[3], r[6]}, {r[1], r[4], r[7]}, {r[2], r[5], r[8]}};
        double[] flip = {1, -1, -1};
        float[] c = new float[25];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                c[4 * row + col] = (float) (rt[row][col] * flip[col]);
            }
            c[4 * row + 3] = (float) (PIVOT[row] + RADIUS * rt[row][2]);
        }
        c[15] = 1;
        float[] k = {(float) AlignedCrop.FOCAL, 0, 0.5f, 0, (float) AlignedCrop.FOCAL, 0.5f, 0, 0, 1};
        System.arraycopy(k, 0, c, 16, 9);
        return c;
    }
}
