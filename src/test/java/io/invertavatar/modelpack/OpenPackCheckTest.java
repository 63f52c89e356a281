package io.invertavatar.modelpack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in open pack against models/open.manifest, and its place in the registry listing. */
class OpenPackCheckTest {

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static Path openPack(Path models) throws Exception {
        Path open = Files.createDirectories(models.resolve("open"));
        byte[] a = "detector bytes".getBytes(StandardCharsets.UTF_8);
        byte[] b = "landmark bytes, a few more".getBytes(StandardCharsets.UTF_8);
        Files.write(open.resolve("a.tflite"), a);
        Files.write(open.resolve("b.tflite"), b);
        Files.writeString(models.resolve("open.manifest"), String.join("\n",
                "# comment line",
                sha(a) + " " + a.length + " a.tflite @mediapipe/x!/a.tflite",
                "",
                sha(b) + " " + b.length + " b.tflite @mediapipe/x!/b.tflite", ""));
        return open;
    }

    @Test
    void readyWhenEveryFileMatches(@TempDir Path models) throws Exception {
        openPack(models);
        ModelPackInfo info = OpenPackCheck.verify(models);
        assertEquals("open", info.name());
        assertEquals("open", info.kind());
        assertEquals(ModelPackStatus.READY, info.status());
        assertNull(info.problem());
        assertEquals(14 + 26, info.bytes());
        assertEquals(2, info.sizes().get("files").getAsInt());
    }

    @Test
    void brokenWhenAByteChangesAFileIsMissingOrTheManifestIsBad(@TempDir Path models) throws Exception {
        Path open = openPack(models);
        byte[] b = Files.readAllBytes(open.resolve("b.tflite"));
        b[3] ^= 1;
        Files.write(open.resolve("b.tflite"), b);
        ModelPackInfo info = OpenPackCheck.verify(models);
        assertEquals(ModelPackStatus.BROKEN, info.status());
        assertTrue(info.problem().contains("b.tflite does not match its SHA-256"), info.problem());
        assertTrue(info.problem().contains("generate-resources"), info.problem());

        Files.delete(open.resolve("a.tflite"));
        assertTrue(OpenPackCheck.verify(models).problem().contains("a.tflite is missing"));

        Files.writeString(models.resolve("open.manifest"), "00 12 ../../etc/passwd x\n");
        assertTrue(OpenPackCheck.verify(models).problem().contains("malformed"));

        Files.delete(models.resolve("open.manifest"));
        assertTrue(OpenPackCheck.verify(models).problem().contains("open.manifest is missing"));
    }

    @Test
    void registryListsTheOpenPackNextToImportedPacksAndNeverAsAnImportedOne(@TempDir Path models) throws Exception {
        openPack(models);
        Files.createDirectories(models.resolve("broken-one")); // no manifest
        List<ModelPackInfo> listed = new ModelPackRegistry(models).discover();
        assertEquals(List.of("broken-one", "open"), listed.stream().map(ModelPackInfo::name).toList());
        ModelPackInfo open = listed.get(1);
        assertEquals("open", open.kind());
        assertEquals(ModelPackStatus.READY, open.status());
        assertEquals(ModelPackStatus.BROKEN, listed.get(0).status());
    }

    @Test
    void theRepositoryOpenPackVerifiesWhenFetched() {
        Path models = Path.of("models");
        if (!Files.isDirectory(models.resolve("open"))) {
            return; // fetched by ./mvnw generate-resources; nothing to check in a bare checkout
        }
        ModelPackInfo info = OpenPackCheck.verify(models);
        assertEquals(ModelPackStatus.READY, info.status(), String.valueOf(info.problem()));
        assertEquals(3, info.sizes().get("files").getAsInt());
    }
}
