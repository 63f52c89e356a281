package io.invertavatar.nn.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a minimal TorchScript archive (the zip that {@code torch.jit.save} produces) for a parameter-free module
 * whose {@code forward} is given as TorchScript source. libtorch compiles the source when it loads the archive, so
 * operators that DJL does not wrap ({@code grid_sampler}, {@code _upsample_bilinear2d_aa}, {@code conv_transpose2d},
 * {@code searchsorted}) become callable without shipping a binary {@code .pt} file.
 *
 * <p>Layout: {@code <name>/version}, {@code <name>/data.pkl} (pickle of the module object: GLOBAL __torch__.Cls,
 * NEWOBJ, BUILD with {training: False}), {@code <name>/constants.pkl} (empty tuple) and
 * {@code <name>/code/__torch__.py} (the class source). Entries are stored uncompressed like torch's writer does.
 */
final class TorchScriptArchive {

    /** File-format version read by libtorch's importer; 7+ skips the operator upgraders of very old archives. */
    private static final String FORMAT_VERSION = "7\n";

    private TorchScriptArchive() {
    }

    /**
     * @param className Python identifier of the module class
     * @param forwardSignature parameters after {@code self} with TorchScript types, e.g. {@code "x: Tensor"}
     * @param returnType TorchScript return type
     * @param body body lines of forward (without indentation)
     */
    static byte[] build(String className, String forwardSignature, String returnType, String... body) throws IOException {
        StringBuilder code = new StringBuilder();
        code.append("class ").append(className).append("(Module):\n");
        code.append("  __parameters__ = []\n");
        code.append("  __buffers__ = []\n");
        code.append("  training : bool\n");
        code.append("  def forward(self: __torch__.").append(className).append(", ").append(forwardSignature)
                .append(") -> ").append(returnType).append(":\n");
        for (String line : body) {
            code.append("    ").append(line).append('\n');
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bos)) {
            String root = className.toLowerCase() + "/";
            stored(zip, root + "data.pkl", dataPickle(className));
            stored(zip, root + "code/__torch__.py", code.toString().getBytes(StandardCharsets.UTF_8));
            stored(zip, root + "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            stored(zip, root + "version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
        }
        return bos.toByteArray();
    }

    /** Protocol-2 pickle of {@code __torch__.<cls>} with state {@code {"training": False}}. */
    private static byte[] dataPickle(String className) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);
        p.write(2);
        writeAscii(p, "c__torch__\n" + className + "\n");
        p.write('q');
        p.write(0);
        p.write(')');
        p.write(0x81); // NEWOBJ
        p.write('}'); // EMPTY_DICT
        p.write('q');
        p.write(1);
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.write('X');
        p.write(key.length);
        p.write(0);
        p.write(0);
        p.write(0);
        p.write(key, 0, key.length);
        p.write('q');
        p.write(2);
        p.write(0x89); // NEWFALSE
        p.write('s'); // SETITEM
        p.write('b'); // BUILD
        p.write('.');
        return p.toByteArray();
    }

    private static void writeAscii(ByteArrayOutputStream p, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        p.write(b, 0, b.length);
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
