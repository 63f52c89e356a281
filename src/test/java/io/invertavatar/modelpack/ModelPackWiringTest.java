package io.invertavatar.modelpack;

import com.google.gson.JsonParser;
import io.invertavatar.web.ModelController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The command-line import (which never starts Spring) and the listing, without a Spring context. */
class ModelPackWiringTest {

    private static final Path PKL = Path.of(System.getProperty("invertavatar.golden.dir", "../shared/golden"))
            .resolve("pkl/tiny_fewshot_official_format.pkl");

    @Test
    void importOptionIsRecognisedInBothSpellings() {
        assertTrue(ImportCommand.requested(new String[]{"--import-checkpoint", "/x/FSInvertAvatar.pkl", "--name", "fs"}));
        assertTrue(ImportCommand.requested(new String[]{"--import-checkpoint=/x/FSInvertAvatar.pkl"}));
        assertFalse(ImportCommand.requested(new String[]{"--server.port=8080"}));
        assertFalse(ImportCommand.requested(new String[]{"--import-checkpoints=/x"}));
    }

    @Test
    void modelsFolderComesFromTheServicePropertyThenTheEnvironment() {
        assertEquals("/a", ImportCommand.modelsDir(new String[]{"--invertavatar.models.dir=/a"},
                Map.of("INVERTAVATAR_MODELS_DIR", "/b")));
        assertEquals("/b", ImportCommand.modelsDir(new String[]{"--import-checkpoint=x.pkl"},
                Map.of("INVERTAVATAR_MODELS_DIR", "/b")));
        assertEquals(System.getProperty("invertavatar.models.dir", "./models"),
                ImportCommand.modelsDir(new String[0], Map.of()));
    }

    @Test
    void commandImportsIntoTheConfiguredFolderAndTheListingShowsThePack(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.exists(PKL), "tiny pickle not found: SKIPPED");
        Path models = tmp.resolve("models");
        int code = ImportCommand.run(new String[]{"--import-checkpoint", PKL.toString(), "--name", "fs-tiny"},
                Map.of("INVERTAVATAR_MODELS_DIR", models.toString()));
        assertEquals(0, code);

        ModelPackRegistry registry = new ModelPackRegistry(models);
        registry.discover();
        List<ModelController.ModelResponse> listed = new ModelController(registry, null, null, null).list();
        assertEquals(2, listed.size());
        ModelController.ModelResponse open = listed.get(1);
        assertEquals("open", open.name());
        assertEquals("BROKEN", open.status(), "no open.manifest in this models folder");
        ModelController.ModelResponse r = listed.get(0);
        assertEquals("fs-tiny", r.name());
        assertEquals("READY", r.status());
        assertEquals("uvnet", r.sizes().get("variant"));
        assertEquals(1963, r.tensorCount());

        assertEquals(1, ImportCommand.run(new String[]{"--import-checkpoint", tmp.resolve("missing.pkl").toString()},
                Map.of("INVERTAVATAR_MODELS_DIR", models.toString())));
        assertFalse(Files.exists(models.resolve("missing")));
        assertEquals(2, ImportCommand.run(new String[]{"--import-checkpoint="}, Map.of()), "bad usage");
    }

    @Test
    void jsonValuesKeepIntegersIntegral() {
        Map<String, Object> m = JsonValues.toMap(JsonParser.parseString(
                "{\"a\":128,\"b\":0.5,\"c\":[1,\"x\",null],\"d\":{\"e\":true}}").getAsJsonObject());
        assertEquals(128L, m.get("a"));
        assertEquals(0.5, m.get("b"));
        assertEquals(java.util.Arrays.asList(1L, "x", null), m.get("c"));
        assertEquals(Map.of("e", true), m.get("d"));
    }
}
