package io.invertavatar.media.decode;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Probing stills: facts from the headers, and the resolution limit enforced before any pixel is decoded. */
class StillProbeTest {

    @TempDir
    Path dir;

    private final MediaProber prober = new MediaProber();
    private final MediaLimits limits = new MediaLimits(10_000_000, 4096, Duration.ofMinutes(10), 64);

    @Test
    void pngFactsComeFromItsHeader() throws Exception {
        Path png = TestMedia.write(dir.resolve("a.png"), TestMedia.encode(TestMedia.codedFrame(70, 30, 3), "png"));
        ProbeResult p = prober.probe(png, Formats.PNG, limits);
        assertEquals(new ProbeResult(MediaKind.IMAGE, "png", "png", 70, 30, 0, null, null, 1L, false), p);
    }

    @Test
    void jpegFactsComeFromItsFrameHeaderEvenAfterLargeSegments() throws Exception {
        byte[] jpeg = TestMedia.encode(TestMedia.codedFrame(90, 20, 3), "jpeg");
        // a 60 KB APP2 segment (like an ICC profile) before the frame header must be skipped, not misread
        ByteArrayOutputStream padded = new ByteArrayOutputStream();
        padded.write(jpeg, 0, 2);
        int len = 60_000;
        padded.write(0xFF);
        padded.write(0xE2);
        padded.write(len >> 8);
        padded.write(len & 0xFF);
        padded.writeBytes(new byte[len - 2]);
        padded.write(jpeg, 2, jpeg.length - 2);
        Path file = TestMedia.write(dir.resolve("a.jpg"), padded.toByteArray());
        ProbeResult p = prober.probe(file, Formats.JPEG, limits);
        assertEquals(90, p.width());
        assertEquals(20, p.height());
        assertEquals("jpeg", p.codec());
        assertNull(p.durationSeconds());
        assertNull(p.fps());
    }

    @Test
    void exifOrientationSwapsTheDisplayedSize() throws Exception {
        byte[] jpeg = TestMedia.encode(TestMedia.codedFrame(90, 20, 3), "jpeg");
        for (int o = 1; o <= 8; o++) {
            Path file = TestMedia.write(dir.resolve("o" + o + ".jpg"), TestMedia.jpegWithOrientation(jpeg, o, o % 2 == 0));
            ProbeResult p = prober.probe(file, Formats.JPEG, limits);
            boolean quarterTurn = o >= 5; // orientations 5-8 store the picture on its side
            assertEquals(quarterTurn ? 20 : 90, p.width(), "width for orientation " + o);
            assertEquals(quarterTurn ? 90 : 20, p.height(), "height for orientation " + o);
        }
        Path six = dir.resolve("o6.jpg");
        assertEquals(90, prober.probe(six, Formats.JPEG, limits).rotation());
        Path eight = dir.resolve("o8.jpg");
        assertEquals(270, prober.probe(eight, Formats.JPEG, limits).rotation());
    }

    @Test
    void webpSizeFromEachKindOfFirstChunk() throws Exception {
        Path lossy = TestMedia.webp(dir.resolve("lossy.webp"), TestMedia.codedFrame(66, 34, 1), false);
        Path lossless = TestMedia.webp(dir.resolve("lossless.webp"), TestMedia.codedFrame(66, 34, 1), true);
        for (Path file : new Path[] {lossy, lossless}) {
            ProbeResult p = prober.probe(file, Formats.WEBP, limits);
            assertEquals(66, p.width(), file.getFileName().toString());
            assertEquals(34, p.height(), file.getFileName().toString());
            assertEquals("webp", p.codec());
        }
        Path extended = TestMedia.write(dir.resolve("x.webp"), webpVp8x(5000, 300));
        ServiceException e = assertThrows(ServiceException.class, () -> prober.probe(extended, Formats.WEBP, limits));
        assertEquals(ErrorCode.RESOLUTION_TOO_LARGE, e.code());
        assertTrue(e.getMessage().contains("5000 x 300"), e.getMessage());
    }

    @Test
    void pngDeclaring60000By60000IsRefusedWithoutAllocating() throws Exception {
        Path bomb = TestMedia.write(dir.resolve("bomb.png"), TestMedia.pngHeaderOnly(60_000, 60_000));
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        ServiceException e = assertThrows(ServiceException.class, () -> prober.probe(bomb, Formats.PNG, limits));
        long after = rt.totalMemory() - rt.freeMemory();
        assertEquals(ErrorCode.RESOLUTION_TOO_LARGE, e.code());
        assertEquals("The picture is 60000 x 60000 pixels; the limit is 4096 pixels a side.", e.getMessage());
        // decoding would need 10.8 GB; the header check may allocate a few KB of buffers at most
        assertTrue(after - before < 64L * 1024 * 1024, "heap grew by " + (after - before));
    }

    @Test
    void theLimitIsInclusive() throws Exception {
        Path edge = TestMedia.write(dir.resolve("edge.png"), TestMedia.pngHeaderOnly(4096, 16));
        assertEquals(4096, prober.probe(edge, Formats.PNG, limits).width());
        Path over = TestMedia.write(dir.resolve("over.png"), TestMedia.pngHeaderOnly(16, 4097));
        assertEquals(ErrorCode.RESOLUTION_TOO_LARGE,
                assertThrows(ServiceException.class, () -> prober.probe(over, Formats.PNG, limits)).code());
    }

    /** RIFF/WEBP with a VP8X chunk declaring a canvas (stored as size-1, 24-bit little-endian). */
    private static byte[] webpVp8x(int width, int height) {
        byte[] b = new byte[64];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        b[4] = 56;
        System.arraycopy("WEBPVP8X".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 8);
        b[16] = 10;
        int w = width - 1;
        int h = height - 1;
        b[24] = (byte) w;
        b[25] = (byte) (w >> 8);
        b[26] = (byte) (w >> 16);
        b[27] = (byte) h;
        b[28] = (byte) (h >> 8);
        b[29] = (byte) (h >> 16);
        return b;
    }
}
