import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.MessageDigest;
import java.util.*;
import java.util.regex.*;
import java.util.zip.GZIPInputStream;

/**
 * Build step (run by exec-maven-plugin in generate-resources, or by hand):
 *   java src/build/FetchFaceModels.java models/open.manifest models/open [cacheDir]
 * Places the MediaPipe models pinned in the manifest into the target folder. Idempotent: files already present
 * with the pinned SHA-256 are kept and nothing is fetched (works offline). Otherwise `npm pack` fetches the package
 * tarball into the cache, the slices are cut out of the packed `.data` bundle using the loader JS table, verified and
 * written atomically. Single-file program with no dependencies, because it runs before compilation.
 */
public class FetchFaceModels {
    record Entry(String sha256, long size, String name, String pkg, String pathInBundle) {}

    public static void main(String[] args) throws Exception {
        Path manifest = Path.of(args.length > 0 ? args[0] : "models/open.manifest");
        Path out = Path.of(args.length > 1 ? args[1] : "models/open");
        Path cache = Path.of(args.length > 2 ? args[2] : System.getProperty("user.home") + "/.cache/invertavatar/npm");
        List<Entry> entries = readManifest(manifest);
        Files.createDirectories(out);
        Map<String, Map<String, byte[]>> packages = new HashMap<>();
        int fetched = 0;
        for (Entry e : entries) {
            Path target = out.resolve(e.name());
            if (Files.isRegularFile(target) && e.sha256().equals(sha256(Files.readAllBytes(target)))) continue;
            Map<String, byte[]> files = packages.computeIfAbsent(e.pkg(), p -> unpack(npmPack(p, cache)));
            byte[] bytes = slice(files, e.pathInBundle());
            String got = sha256(bytes);
            if (bytes.length != e.size() || !got.equals(e.sha256()))
                throw new IllegalStateException(e.name() + ": SHA-256 " + got + " (" + bytes.length + " B) does not match the pinned "
                        + e.sha256() + " (" + e.size() + " B) in " + manifest);
            Path tmp = out.resolve(e.name() + ".part");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            fetched++;
        }
        System.out.println("[face-models] " + entries.size() + " files verified in " + out + (fetched > 0 ? " (" + fetched + " extracted)" : ""));
    }

    static List<Entry> readManifest(Path manifest) throws IOException {
        List<Entry> list = new ArrayList<>();
        for (String line : Files.readAllLines(manifest)) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("\\s+");
            int bang = f[3].indexOf('!');
            list.add(new Entry(f[0], Long.parseLong(f[1]), f[2], f[3].substring(0, bang), f[3].substring(bang + 1)));
        }
        return list;
    }

    /** Runs `npm pack <spec>` in the cache folder unless the tarball is already there; returns the tarball. */
    static Path npmPack(String spec, Path cache) {
        try {
            Files.createDirectories(cache);
            String at = spec.substring(1).substring(spec.substring(1).indexOf('@') + 1);
            String base = spec.substring(1, spec.lastIndexOf('@')).replace('/', '-');
            Path tgz = cache.resolve(base + "-" + at + ".tgz");
            if (Files.isRegularFile(tgz)) return tgz;
            Process p = new ProcessBuilder("npm", "pack", spec, "--silent").directory(cache.toFile()).inheritIO().start();
            if (p.waitFor() != 0 || !Files.isRegularFile(tgz))
                throw new IllegalStateException("npm pack " + spec + " failed (needs the npm registry once; afterwards files are cached in " + cache + ")");
            return tgz;
        } catch (IOException | InterruptedException ex) {
            throw new IllegalStateException("npm pack " + spec + ": " + ex.getMessage(), ex);
        }
    }

    /** Minimal ustar reader: file name (basename) to bytes. */
    static Map<String, byte[]> unpack(Path tgz) {
        Map<String, byte[]> files = new HashMap<>();
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tgz)))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512) {
                String name = new String(header, 0, 100, StandardCharsets.US_ASCII).replace("\0", "").trim();
                if (name.isEmpty()) break;
                String sizeOct = new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim();
                long size = sizeOct.isEmpty() ? 0 : Long.parseLong(sizeOct, 8);
                byte[] data = in.readNBytes((int) size);
                long pad = (512 - size % 512) % 512;
                in.readNBytes((int) pad);
                if (header[156] == '0' || header[156] == 0) files.put(name.substring(name.lastIndexOf('/') + 1), data);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + tgz, ex);
        }
        return files;
    }

    /** Cuts one file out of the `.data` bundle using the `loadPackage` table in the loader JS. */
    static byte[] slice(Map<String, byte[]> files, String pathInBundle) {
        Pattern row = Pattern.compile("\"filename\": *\"([^\"]*)\", *\"start\": *(\\d+), *\"end\": *(\\d+)");
        for (var f : files.entrySet()) {
            if (!f.getKey().endsWith("_loader.js")) continue;
            String dataName = f.getKey().replace("_loader.js", ".data");
            Matcher m = row.matcher(new String(f.getValue(), StandardCharsets.UTF_8));
            while (m.find()) {
                if (m.group(1).equals(pathInBundle) && files.containsKey(dataName))
                    return Arrays.copyOfRange(files.get(dataName), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
        }
        throw new IllegalStateException(pathInBundle + " not found in any packed bundle");
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
