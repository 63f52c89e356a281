package io.invertavatar.tracking;

import org.opencv.core.Mat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tracking benchmark (not a test). Generates a 720p clip of the astronaut moving on a smooth path, then measures:
 * cold start (model load + first frame), first-frame latency with warm models, steady-state throughput of the video
 * tracker (detector only on loss), the same clip with the detector on every frame (baseline, MediaPipe's static-image
 * mode), and per-stage mean times. Prints a Markdown table for BENCHMARKS.md.
 * <pre>./mvnw -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.invertavatar.tracking.TrackingBenchmark [-Dtracking.bench.frames=300]</pre>
 * (not -Dexec.args: that property would also replace the arguments of the model-fetch execution).
 */
public final class TrackingBenchmark {
    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : Integer.getInteger("tracking.bench.frames", 300);
        GeneratedClip clip = new GeneratedClip(1280, 720, 100, 4.0);
        List<BufferedImage> images = new ArrayList<>();
        for (int k = 0; k < clip.frames; k++) {
            images.add(clip.frame(k));
        }

        long t0 = System.nanoTime();
        FaceTracker tracker = new FaceTracker(FaceModelFiles.defaultLocation(), TrackingOptions.defaults());
        FrameTracking first = tracker.track(images.get(0));
        double coldMs = ms(System.nanoTime() - t0);
        if (!first.hasFace()) {
            throw new IllegalStateException("no face on the generated clip");
        }
        // warm-up
        VideoFaceTracker warm = new VideoFaceTracker(tracker, 25);
        for (int k = 0; k < 30; k++) {
            warm.next(images.get(k % images.size()));
        }
        long t1 = System.nanoTime();
        tracker.track(images.get(1));
        double firstFrameMs = ms(System.nanoTime() - t1);

        VideoFaceTracker video = new VideoFaceTracker(tracker, 25);
        long t2 = System.nanoTime();
        for (int k = 0; k < frames; k++) {
            video.next(images.get(k % images.size()));
        }
        double trackFps = frames / (ms(System.nanoTime() - t2) / 1000);
        int detectorRuns = TrackingSummary.of(video.frames()).detectorRuns();

        int baselineFrames = Math.max(30, frames / 3);
        long t3 = System.nanoTime();
        for (int k = 0; k < baselineFrames; k++) {
            tracker.track(images.get(k % images.size()));
        }
        double detectEveryFrameFps = baselineFrames / (ms(System.nanoTime() - t3) / 1000);

        // stages
        int n = Math.min(frames, 100);
        double convert = 0, detect = 0, landmarks = 0, describe = 0;
        FaceMesh prev = first.mesh();
        for (int k = 0; k < n; k++) {
            BufferedImage img = images.get(k % images.size());
            long a = System.nanoTime();
            Mat bgr = OpenCvSupport.toBgr(img);
            long b = System.nanoTime();
            tracker.detector().detect(bgr);
            long c = System.nanoTime();
            FaceMesh mesh = tracker.landmarker().run(bgr, FaceLandmarker.roiFromMesh(prev));
            long d = System.nanoTime();
            tracker.describe(bgr, k, List.of(), null, mesh, false);
            long e = System.nanoTime();
            bgr.release();
            prev = mesh;
            convert += ms(b - a);
            detect += ms(c - b);
            landmarks += ms(d - c);
            describe += ms(e - d);
        }
        System.out.println("| measure (1280×720 generated clip, " + frames + " frames) | value | ratio to baseline |");
        System.out.println("|---|---|---|");
        row("steady-state tracking, detector only on loss (" + detectorRuns + " detector runs)", fmt(trackFps) + " frames/s",
                trackFps / detectEveryFrameFps);
        row("baseline: detector + mesh on every frame (still-image mode)", fmt(detectEveryFrameFps) + " frames/s", 1.0);
        row("first-frame latency, models warm (detect + mesh + pose)", fmt(firstFrameMs) + " ms",
                firstFrameMs / (1000 / detectEveryFrameFps));
        row("cold start: verify + load models + first frame", fmt(coldMs) + " ms", coldMs / (1000 / detectEveryFrameFps));
        row("stage: BufferedImage → BGR Mat", fmt(convert / n) + " ms", convert / n / (1000 / trackFps));
        row("stage: face detector (128×128, letterboxed)", fmt(detect / n) + " ms", detect / n / (1000 / trackFps));
        row("stage: mesh model (192×192 rotated crop + inference)", fmt(landmarks / n) + " ms", landmarks / n / (1000 / trackFps));
        row("stage: pose + canonical + expression + sharpness", fmt(describe / n) + " ms", describe / n / (1000 / trackFps));
        System.out.println();
        System.out.println("Ratios: throughput rows vs the still-image baseline; latency rows vs the baseline's time per frame;"
                + " stage rows as a fraction of the steady-state time per frame. OpenCV threads: " + OpenCvSupport.threads()
                + ", CPUs: " + Runtime.getRuntime().availableProcessors());
    }

    private static void row(String name, String value, double ratio) {
        System.out.println("| " + name + " | " + value + " | " + String.format(Locale.ROOT, "%.2f", ratio) + " |");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
