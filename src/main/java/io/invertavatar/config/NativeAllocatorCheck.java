package io.invertavatar.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says at start whether the process runs with the glibc allocator settings the networks need. libtorch frees every
 * intermediate tensor to malloc; by default glibc hands large blocks back to the kernel and the next frame faults
 * them in again page by page, which on a virtual machine costs as much as the arithmetic (a full-size render spent
 * 38 s of kernel time on 7.9 M page faults against 36 s of compute, BENCHMARKS.md issue 7). The settings can only
 * come from the environment of the process (glibc reads them before {@code main}), so this check warns instead of
 * fixing: {@code ./mvnw spring-boot:run}, the tests, the benchmarks and the Docker image set them already.
 */
@Component
public class NativeAllocatorCheck {

    /** The value of {@code GLIBC_TUNABLES} (also in pom.xml and the Dockerfile; a test keeps the three equal). */
    public static final String RECOMMENDED =
            "glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=1073741824";

    private static final Logger log = LoggerFactory.getLogger(NativeAllocatorCheck.class);

    /** True when the environment keeps freed memory in the process (large blocks never unmapped, one arena). */
    public static boolean tuned(String tunables) {
        return tunables != null && tunables.contains("glibc.malloc.mmap_max=0")
                && tunables.contains("glibc.malloc.arena_max=1");
    }

    @EventListener(ApplicationReadyEvent.class)
    public void report() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return;
        }
        String tunables = System.getenv("GLIBC_TUNABLES");
        if (tuned(tunables)) {
            log.info("native allocator tuned for the networks (GLIBC_TUNABLES={})", tunables);
        } else {
            log.warn("native allocator not tuned: network jobs can run up to 2x slower (page faults on every frame). "
                    + "Start the JVM with GLIBC_TUNABLES={} (see docs/networks.md, \"Native memory\")", RECOMMENDED);
        }
    }
}
