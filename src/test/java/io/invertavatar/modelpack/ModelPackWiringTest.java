package io.invertavatar.modelpack;

import com.google.gson.JsonParser;
import io.invertavatar.web.ModelController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The command-line import mode and the listing, without starting a Spring context (no embedded services). */
class ModelPackWiringTest {

    private static final Path PKL = Path.of(System.getProperty("invertavatar.golden.dir", "../shared/golden"))
            .resolve("pkl/tiny_fewshot_official_format.pkl");

    private static StandardEnvironment env(String... args) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        new ImportModeEnvironment().postProcessEnvironment(env, null);
        return env;
    }

    @Test
    void importOptionSwitchesToANonWebProcessWithoutRoles() {
        StandardEnvironment on = env("--import-checkpoint", "/x/FSInvertAvatar.pkl", "--name", "fs");
        assertEquals("none", on.getProperty("spring.main.web-application-type"));
        assertEquals("import", on.getProperty("invertavatar.roles"));
        StandardEnvironment on2 = env("--import-checkpoint=/x/FSInvertAvatar.pkl");
        assertEquals("none", on2.getProperty("spring.main.web-application-type"));
        assertNull(env("--server.port=8080").getProperty("spring.main.web-application-type"));
    }

    @Test
    void runnerImportsIntoTheConfiguredFolderExitsAndListsThePack(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.exists(PKL), "tiny pickle not found: SKIPPED");
        Path models = tmp.resolve("models");
        ModelPackRegistry registry = new ModelPackRegistry(models);
        AtomicInteger exit = new AtomicInteger(-1);
        CheckpointImportRunner runner = new CheckpointImportRunner(new ModelPackProperties(models, true, tmp.resolve("imports")), registry,
                exit::set);
        runner.run(new DefaultApplicationArguments("--import-checkpoint", PKL.toString(), "--name", "fs-tiny"));
        assertEquals(0, exit.get());

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

        exit.set(-1);
        runner.run(new DefaultApplicationArguments("--server.port=0"));
        assertEquals(-1, exit.get(), "without the option the runner does nothing");
        runner.run(new DefaultApplicationArguments("--import-checkpoint", tmp.resolve("missing.pkl").toString()));
        assertEquals(1, exit.get());
        assertFalse(Files.exists(models.resolve("missing")));
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
