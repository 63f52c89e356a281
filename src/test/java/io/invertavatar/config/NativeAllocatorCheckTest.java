package io.invertavatar.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class NativeAllocatorCheckTest {

    @Test
    void recommendedSettingsCountAsTuned() {
        assertTrue(NativeAllocatorCheck.tuned(NativeAllocatorCheck.RECOMMENDED));
        assertFalse(NativeAllocatorCheck.tuned(null));
        assertFalse(NativeAllocatorCheck.tuned("glibc.malloc.arena_max=1"));
        assertFalse(NativeAllocatorCheck.tuned("glibc.malloc.mmap_max=0"));
    }

    /** pom.xml (app, tests, benchmarks) and the Dockerfile set the same value the warning recommends. */
    @Test
    void pomAndDockerfileUseTheRecommendedValue() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<invertavatar\\.glibc\\.tunables>([^<]*)</invertavatar\\.glibc\\.tunables>").matcher(pom);
        assertTrue(m.find(), "pom.xml defines invertavatar.glibc.tunables");
        assertEquals(NativeAllocatorCheck.RECOMMENDED, m.group(1));
        String docker = Files.readString(Path.of("Dockerfile"));
        Matcher d = Pattern.compile("(?m)^ENV GLIBC_TUNABLES=(\\S+)$").matcher(docker);
        assertTrue(d.find(), "the Dockerfile sets GLIBC_TUNABLES");
        assertEquals(NativeAllocatorCheck.RECOMMENDED, d.group(1));
    }

    /** The test JVM itself is started with the settings (surefire passes the pom's value). */
    @Test
    void testJvmRunsTuned() {
        assertTrue(NativeAllocatorCheck.tuned(System.getenv("GLIBC_TUNABLES")),
                "surefire sets GLIBC_TUNABLES, got " + System.getenv("GLIBC_TUNABLES"));
    }
}
