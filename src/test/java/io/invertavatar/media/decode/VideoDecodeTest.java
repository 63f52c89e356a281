package io.invertavatar.media.decode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Probe facts and frame extraction on videos generated with FFmpeg's encoders. Every frame shows its own index
 * (see {@link TestMedia#codedFrame}), so the tests check that the frame handed over as index k really is frame k.
 */
class VideoDecodeTest {

    @TempDir
    static Path dir;

    static Path mp4;
    static Path webm;
    static Path mkv;
    static Path mov;

    private final MediaProber prober = new MediaProber();

    @BeforeAll
    static void generate() throws Exception {
        mp4 = TestMedia.video(dir.resolve("a.mp4"), TestMedia.VideoSpec.mp4(160, 120, 25, 50));
        webm = TestMedia.video(dir.resolve("a.webm"), TestMedia.webm(160, 96, 20, 40));
        mkv = TestMedia.video(dir.resolve("a.mkv"), TestMedia.mkv(128, 96, 30, 45));
        mov = TestMedia.video(dir.resolve("a.mov"), TestMedia.mov(96, 64, 15, 30));
    }

    private ProbeResult probe(Path file) throws Exception {
        SniffedType type = ContentSniffer.sniff(TestMedia.head(file)).orElseThrow();
        return prober.probe(file, type, MediaLimits.defaults());
    }

    @Test
    void probeFactsOfAnMp4() throws Exception {
        ProbeResult p = probe(mp4);
        assertEquals(MediaKind.VIDEO, p.kind());
        assertEquals("mp4", p.format());
        assertEquals("h264", p.codec());
        assertEquals(160, p.width());
        assertEquals(120, p.height());
        assertEquals(0, p.rotation());
        assertEquals(25.0, p.fps(), 1e-6);
        assertEquals(50L, p.frameCount());
        assertEquals(2.0, p.durationSeconds(), 0.05);
        assertFalse(p.hasAudio());
    }

    @Test
    void probeFactsOfWebmMkvAndMov() throws Exception {
        ProbeResult w = probe(webm);
        assertEquals(List.of("webm", "vp9", 160, 96, 20.0, 40L), List.of(w.format(), w.codec(), w.width(),
                w.height(), w.fps(), w.frameCount()));
        assertEquals(2.0, w.durationSeconds(), 0.06);

        ProbeResult k = probe(mkv);
        assertEquals(List.of("mkv", "mpeg4", 128, 96, 30.0, 45L), List.of(k.format(), k.codec(), k.width(),
                k.height(), k.fps(), k.frameCount()));
        assertEquals(1.5, k.durationSeconds(), 0.05);

        ProbeResult q = probe(mov);
        assertEquals(List.of("mov", "h264", 96, 64, 15.0, 30L), List.of(q.format(), q.codec(), q.width(),
                q.height(), q.fps(), q.frameCount()));
        assertEquals(2.0, q.durationSeconds(), 0.08);
    }

    @Test
    void aVideoWithSoundReportsAudio() throws Exception {
        Path withSound = TestMedia.videoWithAudio(dir.resolve("sound.mp4"), 96, 64, 10, 10);
        ProbeResult p = probe(withSound);
        assertTrue(p.hasAudio());
        assertEquals(10L, p.frameCount());
    }

    @Test
    void extractAllFramesInOrderWithTimestamps() throws Exception {
        List<int[]> got = extract(mp4, SamplingPlan.all(), 100);
        assertEquals(50, got.size());
        for (int i = 0; i < 50; i++) {
            assertEquals(i, got.get(i)[0], "index");
            assertEquals(i, got.get(i)[1], "code shown in frame " + i);
            assertEquals(i * 40_000L, got.get(i)[2], "timestamp of frame " + i); // 25 fps = 40 ms
        }
    }

    @Test
    void extractEveryKthFrame() throws Exception {
        List<int[]> got = extract(mp4, SamplingPlan.everyKth(7), 100);
        assertEquals(List.of(0, 7, 14, 21, 28, 35, 42, 49), got.stream().map(f -> f[0]).toList());
        got.forEach(f -> assertEquals(f[0], f[1], "code of frame " + f[0]));
    }

    @Test
    void extractUniformlySpreadFrames() throws Exception {
        // 50 frames in 5 slices of 10: centres 5, 15, 25, 35, 45
        List<int[]> got = extract(mp4, SamplingPlan.uniform(5), 64);
        assertEquals(List.of(5, 15, 25, 35, 45), got.stream().map(f -> f[0]).toList());
        got.forEach(f -> assertEquals(f[0], f[1], "code of frame " + f[0]));
    }

    @Test
    void uniformOnWebmUsesTheCountedFrames() throws Exception {
        // 40 frames in 4 slices of 10: centres 5, 15, 25, 35
        List<int[]> got = extract(webm, SamplingPlan.uniform(4), 64);
        assertEquals(List.of(5, 15, 25, 35), got.stream().map(f -> f[0]).toList());
        got.forEach(f -> assertEquals(f[0], f[1], "code of frame " + f[0]));
    }

    @Test
    void maxFramesCapsEveryPlan() throws Exception {
        assertEquals(List.of(0, 1, 2), extract(mkv, SamplingPlan.all(), 3).stream().map(f -> f[0]).toList());
        assertEquals(List.of(0, 10), extract(mov, SamplingPlan.everyKth(10), 2).stream().map(f -> f[0]).toList());
        assertEquals(2, extract(mov, SamplingPlan.defaults(), 2).size());
    }

    @Test
    void displayRotationIsApplied() throws Exception {
        // JavaCV's setDisplayRotation(d) writes a display matrix that turns the picture d degrees counter-clockwise
        // (it stores av_display_rotation_set(-d), a clockwise set); players turn the picture that way for display.
        // So -90 shows the stored top-left corner at the top-right, 90 at the bottom-left, 180 at the bottom-right.
        int[][] cases = {{-90, 90}, {90, 270}, {180, 180}};
        for (int[] c : cases) {
            Path file = TestMedia.video(dir.resolve("rot" + c[0] + ".mp4"),
                    TestMedia.VideoSpec.mp4(160, 120, 25, 8).rotated(c[0]));
            ProbeResult p = probe(file);
            assertEquals(c[1], p.rotation(), "clockwise rotation for setDisplayRotation(" + c[0] + ")");
            boolean sideways = c[1] != 180;
            assertEquals(sideways ? 120 : 160, p.width());
            assertEquals(sideways ? 160 : 120, p.height());

            List<BufferedImage> frames = new ArrayList<>();
            new FrameExtractor().extract(file, p, SamplingPlan.all(), 8, (i, ts, img) -> frames.add(img), () -> { });
            assertEquals(8, frames.size());
            BufferedImage f = frames.get(3);
            assertEquals(p.width(), f.getWidth());
            assertEquals(p.height(), f.getHeight());
            int w = f.getWidth();
            int h = f.getHeight();
            int red = c[1] == 90 ? f.getRGB(w - 4, 4) : c[1] == 270 ? f.getRGB(4, h - 4) : f.getRGB(w - 4, h - 4);
            assertTrue(TestMedia.isRed(red), "marker corner for rotation " + c[1]);
            assertFalse(TestMedia.isRed(f.getRGB(4, 4)) && c[1] != 0, "top-left is no longer the marker");
            // turn back with the test's own pixel loop (clockwise quarter turns to a full circle) and read the code
            BufferedImage back = f;
            for (int q = 0; q < (360 - c[1]) / 90; q++) {
                back = TestMedia.quarterTurnClockwise(back);
            }
            assertEquals(3, TestMedia.readCode(back), "frame 3 after undoing rotation " + c[1]);
        }
    }

    @Test
    void rowsNotAMultipleOfTheVectorSizeDecodeIntact() throws Exception {
        // 122 px = 366 bytes of BGR a row: conversion must not overrun the buffer (it once corrupted the heap)
        Path odd = TestMedia.video(dir.resolve("odd.mkv"), TestMedia.mkv(122, 70, 10, 20));
        List<int[]> got = extract(odd, SamplingPlan.all(), 64);
        assertEquals(20, got.size());
        got.forEach(f -> assertEquals(f[0], f[1], "code of frame " + f[0]));
    }

    @Test
    void webpStillIsOneFrame() throws Exception {
        Path webp = TestMedia.webp(dir.resolve("s.webp"), TestMedia.codedFrame(120, 80, 37), false);
        ProbeResult p = prober.probe(webp, Formats.WEBP, MediaLimits.defaults());
        List<int[]> got = extract(webp, p, SamplingPlan.all(), 64);
        assertEquals(1, got.size());
        assertEquals(37, got.get(0)[1]);
    }

    @Test
    void framesAreIndependentImages() throws Exception {
        // the sink may keep frames: a later frame must not overwrite an earlier one's pixels
        List<BufferedImage> kept = new ArrayList<>();
        new FrameExtractor().extract(mp4, probe(mp4), SamplingPlan.everyKth(10), 64,
                (i, ts, img) -> kept.add(img), () -> { });
        for (int j = 0; j < kept.size(); j++) {
            assertEquals(j * 10, TestMedia.readCode(kept.get(j)));
        }
    }

    @Test
    void theExtractorKeepsNoFrame() throws Exception {
        // streaming: once handed over, a frame belongs to the sink alone; after a GC none may survive
        List<java.lang.ref.WeakReference<BufferedImage>> refs = new ArrayList<>();
        new FrameExtractor().extract(mp4, probe(mp4), SamplingPlan.all(), 100,
                (i, ts, img) -> refs.add(new java.lang.ref.WeakReference<>(img)), () -> { });
        assertEquals(50, refs.size());
        for (int attempt = 0; attempt < 10 && refs.stream().anyMatch(r -> r.get() != null); attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(0, refs.stream().filter(r -> r.get() != null).count(), "frames still reachable");
    }

    @Test
    void cancellationStopsDecoding() throws Exception {
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger checks = new AtomicInteger();
        RuntimeException cancelled = new RuntimeException("cancelled");
        RuntimeException thrown = assertThrows(RuntimeException.class, () ->
                new FrameExtractor().extract(mp4, probe(mp4), SamplingPlan.all(), 100,
                        (i, ts, img) -> delivered.incrementAndGet(),
                        () -> {
                            if (checks.incrementAndGet() > 5) {
                                throw cancelled;
                            }
                        }));
        assertEquals(cancelled, thrown);
        assertTrue(delivered.get() < 10, "delivered " + delivered.get());
    }

    private List<int[]> extract(Path file, SamplingPlan plan, int max) throws Exception {
        return extract(file, probe(file), plan, max);
    }

    /** Runs the extractor and returns, per frame, {index, code shown in the picture, timestamp}. */
    private static List<int[]> extract(Path file, ProbeResult p, SamplingPlan plan, int max) throws Exception {
        List<int[]> out = new ArrayList<>();
        int n = new FrameExtractor().extract(file, p, plan, max, (i, ts, img) -> {
            assertNotNull(img);
            assertEquals(p.width(), img.getWidth());
            assertEquals(p.height(), img.getHeight());
            out.add(new int[] {i, TestMedia.readCode(img), (int) ts});
        }, () -> { });
        assertEquals(out.size(), n);
        return out;
    }
}
