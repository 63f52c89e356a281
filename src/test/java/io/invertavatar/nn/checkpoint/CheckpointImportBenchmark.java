package io.invertavatar.nn.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Benchmark (not a test): import time and peak resident memory for a checkpoint at the official few-shot sizes,
 * against copying the same file on the same disk in the same run. Each measurement runs as a child process under
 * {@code /usr/bin/time} (wall seconds and max RSS); runs alternate copy/import, the median of each is reported.
 *
 * <pre>
 * ./mvnw -o -q test-compile
 * ./mvnw -o -q org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *     -Dexec.args="-cp %classpath io.invertavatar.nn.checkpoint.CheckpointImportBenchmark [/tmp/invertavatar-bench] [runs]"
 * </pre>
 */
public final class CheckpointImportBenchmark {

    private record Sample(double seconds, long maxRssKb) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/invertavatar-bench");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Files.createDirectories(dir);
        Path pkl = dir.resolve("synthetic_fewshot_official_sizes.pkl");
        if (!Files.exists(pkl)) {
            long t0 = System.nanoTime();
            Path tmp = dir.resolve("synthetic.tmp");
            SyntheticCheckpoint.write(tmp);
            Files.move(tmp, pkl);
            System.out.printf("wrote %s (%.0f MB) in %.1f s%n", pkl, Files.size(pkl) / 1e6, (System.nanoTime() - t0) / 1e9);
        }
        long fileBytes = Files.size(pkl);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");

        // warm the page cache once so both sides read the file from memory
        run(List.of("cat", pkl.toString()), true);

        List<Sample> copies = new ArrayList<>();
        List<Sample> streamed = new ArrayList<>();
        List<Sample> durable = new ArrayList<>();
        List<Sample> imports = new ArrayList<>();
        List<Sample> jarImports = new ArrayList<>();
        // the service jar as users run it (java -jar … --import-checkpoint), when it has been packaged
        Path jar = null;
        if (Files.isDirectory(Path.of("target"))) {
            try (Stream<Path> s = Files.list(Path.of("target"))) {
                jar = s.filter(p -> p.getFileName().toString().matches("invertavatar-server-.*\\.jar")
                        && !p.getFileName().toString().endsWith("-plain.jar")).findFirst().orElse(null);
            }
        }
        for (int r = 0; r < runs; r++) {
            Path copy = dir.resolve("copy.pkl");
            copies.add(run(List.of("cp", pkl.toString(), copy.toString()), false));
            Files.deleteIfExists(copy);
            // cp may copy inside the kernel (copy_file_range); 'cat >' moves every byte through user space, as
            // the importer does
            streamed.add(run(List.of("sh", "-c", "cat \"$0\" > \"$1\"", pkl.toString(), copy.toString()), false));
            Files.deleteIfExists(copy);
            // the import returns with the pack on the disk (it flushes every file): the like-for-like copy is cp + sync
            durable.add(run(List.of("sh", "-c", "cp \"$0\" \"$1\" && sync", pkl.toString(), copy.toString()), false));
            Files.deleteIfExists(copy);
            Path models = dir.resolve("models");
            deleteRecursively(models);
            imports.add(run(List.of(java, "-Xmx512m", "-cp", cp, "io.invertavatar.modelpack.CheckpointImporter",
                    "--import-checkpoint", pkl.toString(), "--name", "bench", "--models-dir", models.toString()), false));
            deleteRecursively(models);
            if (jar != null) {
                jarImports.add(run(List.of(java, "-Xmx512m", "-jar", jar.toString(), "--import-checkpoint",
                        pkl.toString(), "--name", "bench", "--models-dir", models.toString()), false));
                deleteRecursively(models);
            }
        }
        // the floor set by the manifest: one SHA-256 pass over the weights (in this JVM, warm, best of 3)
        double sha = Double.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            long t0 = System.nanoTime();
            io.invertavatar.modelpack.Sha256.of(pkl);
            sha = Math.min(sha, (System.nanoTime() - t0) / 1e9);
        }
        // the floor of a sharded manifest: the same bytes hashed as equal parts, one per core, at once
        int cores = Runtime.getRuntime().availableProcessors();
        double shaAll = Double.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            long t0 = System.nanoTime();
            hashInParts(pkl, cores);
            shaAll = Math.min(shaAll, (System.nanoTime() - t0) / 1e9);
        }
        Sample copy = median(copies);
        Sample imp = median(imports);
        Sample cat = median(streamed);
        Sample synced = median(durable);
        System.out.println();
        System.out.printf("file: %.0f MB, %,d parameters (spec §5 few-shot total)%n", fileBytes / 1e6,
                SyntheticCheckpoint.TOTAL_PARAMS);
        System.out.printf("copy (cp):   %.2f s   (runs %s)%n", copy.seconds(), seconds(copies));
        System.out.printf("copy (cat >): %.2f s  (runs %s)%n", cat.seconds(), seconds(streamed));
        System.out.printf("copy (cp && sync, on the disk): %.2f s  (runs %s)%n", synced.seconds(), seconds(durable));
        System.out.printf("import:      %.2f s   (runs %s)%n", imp.seconds(), seconds(imports));
        if (!jarImports.isEmpty()) {
            Sample j = median(jarImports);
            System.out.printf("java -jar %s --import-checkpoint: %.2f s (runs %s) = %.2f x cp, peak RSS %.0f MB%n",
                    jar.getFileName(), j.seconds(), seconds(jarImports), j.seconds() / copy.seconds(), j.maxRssKb() / 1024.0);
        }
        System.out.printf("import / copy time: %.2f (cp), %.2f (cat >), %.2f (cp && sync; the import is durable too)"
                + "   (target <= 2)%n", imp.seconds() / copy.seconds(), imp.seconds() / cat.seconds(),
                imp.seconds() / synced.seconds());
        System.out.printf("SHA-256 of the file (one pass, in-process): %.2f s = %.0f MB/s%n", sha, fileBytes / 1e6 / sha);
        System.out.printf("SHA-256 of the file in %d parts on %d cores: %.2f s = %.0f MB/s (%.2f x cp)%n", cores, cores,
                shaAll, fileBytes / 1e6 / shaAll, shaAll / copy.seconds());
        System.out.printf("import peak RSS: %.0f MB = %.3f x file size   (target <= 1.2)%n", imp.maxRssKb() / 1024.0,
                imp.maxRssKb() * 1024.0 / fileBytes);
    }

    private static void hashInParts(Path file, int parts) throws Exception {
        long size = Files.size(file);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            long from = size * i / parts;
            long to = size * (i + 1) / parts;
            Thread t = new Thread(() -> {
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
                    java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(128 * 1024);
                    long pos = from;
                    while (pos < to) {
                        buf.clear().limit((int) Math.min(buf.capacity(), to - pos));
                        int n = ch.read(buf, pos);
                        if (n < 0) {
                            break;
                        }
                        buf.flip();
                        d.update(buf);
                        pos += n;
                    }
                    d.digest();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static String seconds(List<Sample> s) {
        return Arrays.toString(s.stream().mapToDouble(Sample::seconds).toArray());
    }

    private static Sample median(List<Sample> s) {
        List<Sample> sorted = new ArrayList<>(s);
        sorted.sort(Comparator.comparingDouble(Sample::seconds));
        return sorted.get(sorted.size() / 2);
    }

    private static Sample run(List<String> command, boolean quiet) throws IOException, InterruptedException {
        // write back what the previous step left dirty (untimed), so no step pays for another's writeback
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "TIME %e %M"));
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out;
        if (quiet) {
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            out = "";
        } else {
            out = new String(p.getInputStream().readAllBytes());
        }
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException("command failed (" + rc + "): " + command.get(0) + "\n" + out);
        }
        if (quiet) {
            return new Sample(0, 0);
        }
        String line = out.lines().filter(l -> l.startsWith("TIME ")).reduce((a, b) -> b).orElseThrow();
        String[] f = line.split(" ");
        out.lines().filter(l -> !l.startsWith("TIME ")).forEach(l -> System.out.println("  " + l));
        return new Sample(Double.parseDouble(f[1]), Long.parseLong(f[2]));
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
