package io.invertavatar.media.decode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sniffing real files made by the encoders, and refusing look-alikes by their bytes whatever they are called. */
class ContentSnifferTest {

    @TempDir
    static Path dir;

    static Path mp4;
    static Path mov;
    static Path webm;
    static Path mkv;
    static Path webp;

    @BeforeAll
    static void generate() throws Exception {
        mp4 = TestMedia.video(dir.resolve("clip.mp4"), TestMedia.VideoSpec.mp4(64, 48, 10, 3));
        mov = TestMedia.video(dir.resolve("clip.mov"), TestMedia.mov(64, 48, 10, 3));
        webm = TestMedia.video(dir.resolve("clip.webm"), TestMedia.webm(64, 48, 10, 3));
        mkv = TestMedia.video(dir.resolve("clip.mkv"), TestMedia.mkv(64, 48, 10, 3));
        webp = TestMedia.webp(dir.resolve("still.webp"), TestMedia.codedFrame(64, 48, 5), false);
    }

    private static BufferedImage picture() {
        return TestMedia.codedFrame(32, 24, 1);
    }

    @Test
    void recognisesEveryStillFormat() throws Exception {
        assertSniffed(TestMedia.encode(picture(), "jpeg"), MediaKind.IMAGE, "jpeg", "image/jpeg");
        assertSniffed(TestMedia.encode(picture(), "png"), MediaKind.IMAGE, "png", "image/png");
        assertSniffed(Files.readAllBytes(webp), MediaKind.IMAGE, "webp", "image/webp");
    }

    @Test
    void recognisesEveryVideoContainer() throws Exception {
        assertSniffed(TestMedia.head(mp4), MediaKind.VIDEO, "mp4", "video/mp4");
        assertSniffed(TestMedia.head(mov), MediaKind.VIDEO, "mov", "video/quicktime");
        assertSniffed(TestMedia.head(webm), MediaKind.VIDEO, "webm", "video/webm");
        assertSniffed(TestMedia.head(mkv), MediaKind.VIDEO, "mkv", "video/x-matroska");
    }

    @Test
    void recognisesOtherMp4BrandsFromTheFtypBox() {
        assertSniffed(ftyp("mp42", "isom", "mp42"), MediaKind.VIDEO, "mp4", "video/mp4");
        assertSniffed(ftyp("M4V ", "M4V ", "M4A "), MediaKind.VIDEO, "mp4", "video/mp4");
        assertSniffed(ftyp("qt  ", "qt  "), MediaKind.VIDEO, "mov", "video/quicktime");
    }

    @Test
    void recognisesQuickTimeWithoutAnFtypBox() throws Exception {
        // old QuickTime files start with an atom: an 8-byte "wide", then "mdat"
        byte[] wide = new byte[64];
        TestMedia.putInt(wide, 0, 8);
        System.arraycopy("widemdat".getBytes(StandardCharsets.US_ASCII), 0, wide, 4, 8);
        TestMedia.putInt(wide, 8, 4000);
        System.arraycopy("mdat".getBytes(StandardCharsets.US_ASCII), 0, wide, 12, 4);
        assertSniffed(wide, MediaKind.VIDEO, "mov", "video/quicktime");
        // the real thing: FFmpeg's MOV muxer output with its ftyp box cut away still opens as a movie
        byte[] mov = Files.readAllBytes(ContentSnifferTest.mov);
        int ftypSize = (int) (((mov[0] & 0xFF) << 24) | ((mov[1] & 0xFF) << 16) | ((mov[2] & 0xFF) << 8) | (mov[3] & 0xFF));
        Path noFtyp = Files.write(dir.resolve("old.mov"), Arrays.copyOfRange(mov, ftypSize, mov.length));
        assertSniffed(TestMedia.head(noFtyp), MediaKind.VIDEO, "mov", "video/quicktime");
        ProbeResult p = new MediaProber().probe(noFtyp, Formats.MOV, MediaLimits.defaults());
        assertEquals(64, p.width());
        // text that happens to say "free" at byte 4 is not a movie
        assertEquals(Optional.empty(), ContentSniffer.sniff(pad("The free software movement began in 1983.")));
        assertEquals(Optional.empty(), ContentSniffer.sniff(pad("Tom skip school today?")));
    }

    @Test
    void refusesTextNamedMp4() throws Exception {
        Path fake = Files.writeString(dir.resolve("holiday.mp4"),
                "This is not a video, just some text that someone renamed to .mp4 to see what happens.\n");
        assertEquals(Optional.empty(), ContentSniffer.sniff(TestMedia.head(fake)));
    }

    @Test
    void refusesOtherPictureFormats() throws Exception {
        assertEquals(Optional.empty(), ContentSniffer.sniff(TestMedia.encode(picture(), "gif")));
        assertEquals(Optional.empty(), ContentSniffer.sniff(TestMedia.encode(picture(), "bmp")));
        assertEquals(Optional.empty(), ContentSniffer.sniff(TestMedia.encode(picture(), "tiff")));
        // HEIF/AVIF stills share the ftyp box with MP4 but are not videos
        assertEquals(Optional.empty(), ContentSniffer.sniff(ftyp("heic", "mif1", "heic")));
        assertEquals(Optional.empty(), ContentSniffer.sniff(ftyp("avif", "avif", "mif1", "miaf")));
        assertEquals(Optional.empty(), ContentSniffer.sniff(ftyp("mif1", "mif1", "heic", "iso8")));
        assertEquals(Optional.empty(), ContentSniffer.sniff(ftyp("crx ", "crx ")));
    }

    @Test
    void refusesDocumentsArchivesAndOtherRiffOrEbmlFiles() {
        assertEquals(Optional.empty(), ContentSniffer.sniff(pad("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj")));
        assertEquals(Optional.empty(), ContentSniffer.sniff(pad("PK\u0003\u0004\u0014\u0000\u0000\u0000")));
        assertEquals(Optional.empty(), ContentSniffer.sniff(pad("RIFF\u0024\u0000\u0000\u0000WAVEfmt ")));
        assertEquals(Optional.empty(), ContentSniffer.sniff(pad("RIFF\u0024\u0000\u0000\u0000AVI LIST")));
        byte[] ebmlOther = pad("\u001a\u0045\u00df\u00a3\u0093\u0042\u0082\u0088notmkvxx");
        assertEquals(Optional.empty(), ContentSniffer.sniff(ebmlOther));
        assertEquals(Optional.empty(), ContentSniffer.sniff(pad("<!DOCTYPE html><html>")));
    }

    @Test
    void refusesEmptyAndTooShortInput() {
        assertEquals(Optional.empty(), ContentSniffer.sniff(null));
        assertEquals(Optional.empty(), ContentSniffer.sniff(new byte[0]));
        assertEquals(Optional.empty(), ContentSniffer.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8}));
        assertEquals(Optional.empty(), ContentSniffer.sniff(new byte[64]));
    }

    @Test
    void aTruncatedHeadIsEnoughForTheShortSignatures() throws Exception {
        byte[] png = TestMedia.encode(picture(), "png");
        assertSniffed(Arrays.copyOf(png, 8), MediaKind.IMAGE, "png", "image/png");
        byte[] jpeg = TestMedia.encode(picture(), "jpeg");
        assertSniffed(Arrays.copyOf(jpeg, 4), MediaKind.IMAGE, "jpeg", "image/jpeg");
    }

    private static void assertSniffed(byte[] head, MediaKind kind, String format, String mime) {
        Optional<SniffedType> t = ContentSniffer.sniff(head);
        assertTrue(t.isPresent(), "not recognised: " + format);
        assertEquals(new SniffedType(kind, format, mime), t.get());
    }

    /** An ftyp box: size, "ftyp", major brand, minor version 0, compatible brands; then an mdat header. */
    private static byte[] ftyp(String major, String... compatible) {
        int size = 16 + 4 * compatible.length;
        byte[] b = new byte[Math.max(64, size + 8)];
        TestMedia.putInt(b, 0, size);
        System.arraycopy("ftyp".getBytes(StandardCharsets.US_ASCII), 0, b, 4, 4);
        System.arraycopy(major.getBytes(StandardCharsets.US_ASCII), 0, b, 8, 4);
        for (int i = 0; i < compatible.length; i++) {
            System.arraycopy(compatible[i].getBytes(StandardCharsets.US_ASCII), 0, b, 16 + 4 * i, 4);
        }
        TestMedia.putInt(b, size, 8);
        System.arraycopy("mdat".getBytes(StandardCharsets.US_ASCII), 0, b, size + 4, 4);
        return b;
    }

    private static byte[] pad(String latin1) {
        return Arrays.copyOf(latin1.getBytes(StandardCharsets.ISO_8859_1), 64);
    }
}
