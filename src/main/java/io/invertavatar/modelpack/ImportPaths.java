package io.invertavatar.modelpack;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Resolves a checkpoint path sent to the REST import against {@code invertavatar.models.import-dir}. The API
 * must never become a way to read arbitrary server files, so the path is accepted only when it names an existing
 * regular {@code .pkl} file whose real location (symbolic links followed) lies inside the real import folder.
 * Relative paths resolve under the folder; absolute paths are accepted only when they point inside it. Every
 * refusal is {@link ErrorCode#IMPORT_PATH_REJECTED} (422) and never echoes a resolved server path.
 */
public final class ImportPaths {

    private static final int MAX_LENGTH = 1024;

    private ImportPaths() {
    }

    public static Path resolve(Path importDir, String requested) {
        if (requested == null || requested.isBlank()) {
            throw rejected("Give 'path': a .pkl file inside the import folder.");
        }
        if (requested.length() > MAX_LENGTH || requested.indexOf('\0') >= 0) {
            throw rejected("The path is not acceptable.");
        }
        Path root;
        try {
            root = importDir.toRealPath();
        } catch (IOException e) {
            throw rejected("The import folder does not exist on the server.");
        }
        Path candidate;
        try {
            Path p = Path.of(requested);
            candidate = (p.isAbsolute() ? p : root.resolve(p)).normalize();
        } catch (InvalidPathException e) {
            throw rejected("The path is not acceptable.");
        }
        Path absRoot = importDir.toAbsolutePath().normalize();
        // lexical check first (covers '..' and absolute paths elsewhere), then the real path (covers symlinks)
        if (!candidate.startsWith(root) && !candidate.startsWith(absRoot)) {
            throw rejected("The path must stay inside the import folder.");
        }
        if (!candidate.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pkl")) {
            throw rejected("Only .pkl checkpoints can be imported.");
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw rejected("No such file in the import folder.");
        }
        if (!real.startsWith(root) || real.equals(root)) {
            throw rejected("The path must stay inside the import folder.");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw rejected("The path is not a regular file.");
        }
        return real;
    }

    /** The path relative to the import folder, as stored in the job's inputs (no server layout in the job row). */
    public static String relative(Path importDir, Path resolved) {
        try {
            return importDir.toRealPath().relativize(resolved).toString();
        } catch (IOException e) {
            throw rejected("The import folder does not exist on the server.");
        }
    }

    private static ServiceException rejected(String detail) {
        return new ServiceException(ErrorCode.IMPORT_PATH_REJECTED, detail);
    }
}
