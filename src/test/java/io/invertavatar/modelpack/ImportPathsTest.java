package io.invertavatar.modelpack;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The REST import may only read .pkl files that really lie inside the import folder. */
class ImportPathsTest {

    @TempDir
    Path tmp;
    Path imports;
    Path outside;

    @BeforeEach
    void files() throws Exception {
        imports = Files.createDirectories(tmp.resolve("imports"));
        Files.createDirectories(imports.resolve("sub"));
        Files.writeString(imports.resolve("a.pkl"), "x");
        Files.writeString(imports.resolve("sub/b.PKL"), "x");
        Files.writeString(imports.resolve("notes.txt"), "x");
        outside = Files.writeString(tmp.resolve("secret.pkl"), "x");
    }

    private void rejected(String path) {
        ServiceException e = assertThrows(ServiceException.class, () -> ImportPaths.resolve(imports, path), path);
        assertEquals(ErrorCode.IMPORT_PATH_REJECTED, e.code(), path);
        assertEquals(422, e.code().status());
        assertFalse(e.getMessage().contains(tmp.toString()), "never echoes a server path: " + e.getMessage());
    }

    @Test
    void acceptsFilesInsideTheFolder() throws Exception {
        Path real = imports.toRealPath();
        assertEquals(real.resolve("a.pkl"), ImportPaths.resolve(imports, "a.pkl"));
        assertEquals(real.resolve("sub/b.PKL"), ImportPaths.resolve(imports, "sub/b.PKL"));
        assertEquals(real.resolve("a.pkl"), ImportPaths.resolve(imports, "sub/../a.pkl"));
        assertEquals(real.resolve("a.pkl"), ImportPaths.resolve(imports, real.resolve("a.pkl").toString()));
        assertEquals("sub/b.PKL", ImportPaths.relative(imports, ImportPaths.resolve(imports, "sub/b.PKL")));
    }

    @Test
    void refusesTraversalAbsolutePathsElsewhereAndOtherFiles() {
        rejected("../secret.pkl");
        rejected("sub/../../secret.pkl");
        rejected(outside.toString());
        rejected("/etc/passwd");
        rejected("notes.txt");
        rejected("missing.pkl");
        rejected("sub");
        rejected("");
        rejected(null);
        rejected("a.pkl\0.txt");
        rejected("x".repeat(2000) + ".pkl");
    }

    @Test
    void refusesSymbolicLinksThatLeaveTheFolder() throws Exception {
        Files.createSymbolicLink(imports.resolve("link.pkl"), outside);
        rejected("link.pkl");
        Files.createSymbolicLink(imports.resolve("out"), tmp);
        rejected("out/secret.pkl");
    }

    @Test
    void aMissingImportFolderRejectsEverything() {
        ServiceException e = assertThrows(ServiceException.class,
                () -> ImportPaths.resolve(tmp.resolve("nope"), "a.pkl"));
        assertEquals(ErrorCode.IMPORT_PATH_REJECTED, e.code());
    }
}
