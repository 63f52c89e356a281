package io.invertavatar.media.decode;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decode-level bad-input corpus: each kind ends in a {@link ServiceException} with the right code and a message
 * a user can read (no paths, no FFmpeg log text), or is not recognised at all by the sniffer.
 */
class BadInputTest {

    @TempDir
    static Path dir;

    static Path goodMp4;
    static Path goodWebm;

    private final MediaProber prober = new MediaProber();
    private final MediaLimits limits = MediaLimits.defaults();

    @BeforeAll
    static void generate() throws Exception {
        goodMp4 = TestMedia.video(dir.resolve("good.mp4"), TestMedia.VideoSpec.mp4(96, 64, 25, 50));
        goodWebm = TestMedia.video(dir.resolve("good.webm"), TestMedia.webm(96, 64, 25, 20));
    }

    @Test
    void emptyFile() throws Exception {
        Path empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);
        assertEquals(Optional.empty(), ContentSniffer.sniff(Files.readAllBytes(empty)));
        // even if a caller skipped sniffing, probing an empty file says so
        assertFails(ErrorCode.EMPTY_FILE, () -> prober.probe(empty, Formats.MP4, limits));
    }

    @Test
    void truncatedMp4() throws Exception {
        byte[] all = Files.readAllBytes(goodMp4);
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(all, all.length / 2));
        SniffedType type = ContentSniffer.sniff(TestMedia.head(cut)).orElseThrow(); // still looks like an MP4
        assertEquals(Formats.MP4, type);
        assertFails(ErrorCode.CORRUPT_MEDIA, () -> prober.probe(cut, type, limits));
    }

    @Test
    void mp4HeaderFollowedByGarbage() throws Exception {
        byte[] head = Arrays.copyOf(Files.readAllBytes(goodMp4), 32);
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        byte[] file = new byte[head.length + junk.length];
        System.arraycopy(head, 0, file, 0, head.length);
        System.arraycopy(junk, 0, file, head.length, junk.length);
        Path bad = Files.write(dir.resolve("junk.mp4"), file);
        assertFails(ErrorCode.CORRUPT_MEDIA, () -> prober.probe(bad, Formats.MP4, limits));
    }

    @Test
    void truncatedWebmStillYieldsTheFramesBeforeTheCutOrFailsCleanly() throws Exception {
        byte[] all = Files.readAllBytes(goodWebm);
        Path cut = Files.write(dir.resolve("cut.webm"), Arrays.copyOf(all, all.length * 2 / 3));
        try {
            ProbeResult p = prober.probe(cut, Formats.WEBM, limits);
            int n = new FrameExtractor().extract(cut, p, SamplingPlan.all(), 64, (i, ts, img) -> { }, () -> { });
            assertTrue(n >= 1 && n < 20, "frames before the cut: " + n);
        } catch (ServiceException e) {
            assertEquals(ErrorCode.CORRUPT_MEDIA, e.code());
            assertReadable(e);
        }
    }

    @Test
    void textNamedMp4IsNotRecognised() throws Exception {
        Path text = Files.writeString(dir.resolve("video.mp4"), "ffmpeg -i input.mov output.mp4\n".repeat(4));
        assertEquals(Optional.empty(), ContentSniffer.sniff(TestMedia.head(text)));
    }

    @Test
    void pngDeclaring60000By60000() throws Exception {
        Path bomb = TestMedia.write(dir.resolve("bomb.png"), TestMedia.pngHeaderOnly(60_000, 60_000));
        assertFails(ErrorCode.RESOLUTION_TOO_LARGE, () -> prober.probe(bomb, Formats.PNG, limits));
    }

    @Test
    void videoAboveTheResolutionLimitIsRefusedFromItsHeader() {
        MediaLimits small = new MediaLimits(limits.maxUploadBytes(), 80, limits.maxDuration(), 64);
        ServiceException e = assertFails(ErrorCode.RESOLUTION_TOO_LARGE, () -> prober.probe(goodMp4, Formats.MP4, small));
        assertEquals("The video is 96 x 64 pixels; the limit is 80 pixels a side.", e.getMessage());
    }

    @Test
    void corruptJpeg() throws Exception {
        byte[] jpeg = TestMedia.encode(TestMedia.codedFrame(160, 120, 9), "jpeg");
        // header intact, image data cut short: the header probes fine, decoding must fail
        Path cut = TestMedia.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
        ProbeResult p = prober.probe(cut, Formats.JPEG, limits);
        assertFails(ErrorCode.CORRUPT_MEDIA, () -> new FrameExtractor().extract(cut, p, SamplingPlan.defaults(), 64,
                (i, ts, img) -> { }, () -> { }));
        // no frame header at all
        byte[] noFrame = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 4, 0, 0, (byte) 0xFF, (byte) 0xD9};
        Path headerless = TestMedia.write(dir.resolve("noframe.jpg"), noFrame);
        assertFails(ErrorCode.CORRUPT_MEDIA, () -> prober.probe(headerless, Formats.JPEG, limits));
        // scan data overwritten with noise
        byte[] noisy = jpeg.clone();
        Random r = new Random(3);
        for (int i = noisy.length / 2; i < noisy.length - 2; i++) {
            noisy[i] = (byte) (r.nextInt(255));
        }
        Path scrambled = TestMedia.write(dir.resolve("noise.jpg"), noisy);
        ProbeResult ps = prober.probe(scrambled, Formats.JPEG, limits);
        assertFails(ErrorCode.CORRUPT_MEDIA, () -> new FrameExtractor().extract(scrambled, ps,
                SamplingPlan.defaults(), 64, (i, ts, img) -> { }, () -> { }));
    }

    @Test
    void fourChannelAdobeJpegStillGivesAnRgbFrame() throws Exception {
        // a four-channel JPEG marked as Adobe CMYK (as print workflows produce): JDK 17's reader handles it, and the
        // extractor must hand over an ordinary 3-channel picture of the right size
        java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(
                java.awt.image.DataBuffer.TYPE_BYTE, 64, 48, 4, null);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                raster.setPixel(x, y, new int[] {x * 4, y * 5, 40, 10});
            }
        }
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(new javax.imageio.IIOImage(raster, null, null));
        } finally {
            writer.dispose();
        }
        // mark it as Adobe CMYK (APP14 "Adobe", transform 0), as Photoshop does
        byte[] plain = bytes.toByteArray();
        byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        byte[] marked = new byte[plain.length + app14.length];
        System.arraycopy(plain, 0, marked, 0, 2);
        System.arraycopy(app14, 0, marked, 2, app14.length);
        System.arraycopy(plain, 2, marked, 2 + app14.length, plain.length - 2);
        Path cmyk = TestMedia.write(dir.resolve("cmyk.jpg"), marked);
        ProbeResult p = prober.probe(cmyk, Formats.JPEG, limits);
        assertEquals(64, p.width());
        java.util.List<java.awt.image.BufferedImage> frames = new java.util.ArrayList<>();
        assertEquals(1, new FrameExtractor().extract(cmyk, p, SamplingPlan.defaults(), 64,
                (i, ts, img) -> frames.add(img), () -> { }));
        assertEquals(java.awt.image.BufferedImage.TYPE_3BYTE_BGR, frames.get(0).getType());
        assertEquals(64, frames.get(0).getWidth());
        assertEquals(48, frames.get(0).getHeight());
    }

    @Test
    void truncatedPng() throws Exception {
        byte[] png = TestMedia.encode(TestMedia.codedFrame(160, 120, 9), "png");
        Path cut = TestMedia.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        ProbeResult p = prober.probe(cut, Formats.PNG, limits);
        assertFails(ErrorCode.CORRUPT_MEDIA, () -> new FrameExtractor().extract(cut, p, SamplingPlan.defaults(), 64,
                (i, ts, img) -> { }, () -> { }));
        Path tiny = TestMedia.write(dir.resolve("tiny.png"), Arrays.copyOf(png, 12));
        assertFails(ErrorCode.CORRUPT_MEDIA, () -> prober.probe(tiny, Formats.PNG, limits));
    }

    @Test
    void audioOnlyFiles() throws Exception {
        Path m4a = TestMedia.audioOnly(dir.resolve("sound.mp4"), "mp4");
        Path mka = TestMedia.audioOnly(dir.resolve("sound.mkv"), "matroska");
        assertEquals(Formats.MP4, ContentSniffer.sniff(TestMedia.head(m4a)).orElseThrow());
        assertEquals(Formats.MKV, ContentSniffer.sniff(TestMedia.head(mka)).orElseThrow());
        ServiceException e = assertFails(ErrorCode.NO_VIDEO_STREAM, () -> prober.probe(m4a, Formats.MP4, limits));
        assertEquals("The file contains only audio; a video with a picture is needed.", e.getMessage());
        assertFails(ErrorCode.NO_VIDEO_STREAM, () -> prober.probe(mka, Formats.MKV, limits));
    }

    @Test
    void tooLongVideo() {
        MediaLimits oneSecond = new MediaLimits(limits.maxUploadBytes(), 4096, Duration.ofSeconds(1), 64);
        ServiceException e = assertFails(ErrorCode.DURATION_TOO_LONG,
                () -> prober.probe(goodMp4, Formats.MP4, oneSecond));
        assertEquals("The video is 2 s long; the limit is 1 s.", e.getMessage());
        MediaLimits twoSeconds = new MediaLimits(limits.maxUploadBytes(), 4096, Duration.ofSeconds(2), 64);
        assertEquals(50L, prober.probe(goodMp4, Formats.MP4, twoSeconds).frameCount()); // the limit is inclusive
    }

    @Test
    void oversizeFile() {
        MediaLimits tiny = new MediaLimits(1024, 4096, limits.maxDuration(), 64);
        assertFails(ErrorCode.PAYLOAD_TOO_LARGE, () -> prober.probe(goodMp4, Formats.MP4, tiny));
    }

    @Test
    void matroskaHeaderWithNothingBehindIt() throws Exception {
        byte[] head = Arrays.copyOf(Files.readAllBytes(goodWebm), 40);
        Path bad = Files.write(dir.resolve("stub.webm"), head);
        assertEquals(Formats.WEBM, ContentSniffer.sniff(head).orElseThrow());
        assertFails(ErrorCode.CORRUPT_MEDIA, () -> prober.probe(bad, Formats.WEBM, limits));
    }

    @Test
    void aPictureSentAsVideoIsNotDecodedAsOne() throws Exception {
        Path png = TestMedia.write(dir.resolve("pic.mp4"), TestMedia.encode(TestMedia.codedFrame(64, 48, 1), "png"));
        // the sniffer goes by the bytes: it is a PNG whatever the name says
        assertEquals(Formats.PNG, ContentSniffer.sniff(TestMedia.head(png)).orElseThrow());
        // and forcing the MP4 demuxer on it fails cleanly rather than guessing
        assertFails(ErrorCode.CORRUPT_MEDIA, () -> prober.probe(png, Formats.MP4, limits));
    }

    private ServiceException assertFails(ErrorCode code, Executable action) {
        ServiceException e = assertThrows(ServiceException.class, action);
        assertEquals(code, e.code(), e.getMessage());
        assertReadable(e);
        return e;
    }

    /** A user-facing message: a sentence, no file paths, no FFmpeg or Java internals. */
    private static void assertReadable(ServiceException e) {
        String m = e.getMessage();
        assertFalse(m == null || m.isBlank(), "empty message");
        assertFalse(m.contains(dir.toString()) || m.contains("/tmp"), "path in message: " + m);
        for (String internal : new String[] {"AVERROR", "avformat", "0x", "Exception", "moov", "@"}) {
            assertFalse(m.contains(internal), "internal detail '" + internal + "' in message: " + m);
        }
        assertTrue(Character.isUpperCase(m.charAt(0)) && m.endsWith("."), "not a sentence: " + m);
    }
}
