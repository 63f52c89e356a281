package io.invertavatar.nn.checkpoint;

import java.util.List;
import java.util.Set;

/**
 * The allow-list of pickle globals. A global is only ever a name: the few allowed functions are mapped by
 * {@link PickleMachine} to inert builders, and allowed classes only become {@link PyObject} records. Every other
 * reference ({@code os.system}, {@code builtins.eval}, {@code subprocess.Popen}, ...) is refused the moment it is
 * read, before anything could use it.
 */
public final class GlobalPolicy {

    /** What an allowed global may be used for. */
    public enum Kind {
        /** A function the machine emulates (see {@link PickleMachine}); only valid as a REDUCE callable. */
        FUNCTION,
        /** A class instantiated as an inert record by NEWOBJ / {@code copyreg._reconstructor}. */
        CLASS,
        /** A legacy storage class ({@code torch.FloatStorage}) inside a storage stream. */
        STORAGE_TYPE
    }

    private static final Set<String> FUNCTIONS = Set.of(
            "torch._utils._rebuild_tensor_v2",
            "torch._utils._rebuild_parameter",
            "torch._utils._rebuild_parameter_with_state",
            "torch.storage._load_from_bytes",
            "torch_utils.persistence._reconstruct_persistent_obj",
            "collections.OrderedDict",
            "numpy.dtype",
            "numpy.core.multiarray.scalar",
            "numpy._core.multiarray.scalar",
            "builtins.set",
            "builtins.frozenset",
            "copyreg._reconstructor",
            "_codecs.encode");

    /** Exact classes outside the network namespaces. */
    private static final Set<String> CLASSES = Set.of("dnnlib.util.EasyDict", "builtins.object");

    /**
     * Namespaces of the official training code and torch layers whose modules are pickled as plain classes. An
     * instance of any class there becomes data (its {@code __dict__}); nothing of the class is ever run.
     */
    private static final List<String> CLASS_NAMESPACES = List.of(
            "torch.nn.modules.", "encoder_inversion.", "training_avatar_texture.", "training.", "torch_utils.",
            "dnnlib.");

    private final boolean outer;

    private GlobalPolicy(boolean outer) {
        this.outer = outer;
    }

    /** The snapshot pickle itself. */
    public static GlobalPolicy snapshot() {
        return new GlobalPolicy(true);
    }

    /** The legacy {@code torch.save} stream of one storage: only storage classes. */
    public static GlobalPolicy storageStream() {
        return new GlobalPolicy(false);
    }

    public PyGlobal resolve(String module, String name) throws CheckpointFormatException {
        if (!validIdentifierPath(module) || !validIdentifierPath(name)) {
            throw new CheckpointFormatException("malformed global name");
        }
        String path = module + "." + name;
        if (!outer) {
            if (module.equals("torch") && StorageType.ofTorchName(name) != null) {
                return new PyGlobal(module, name, Kind.STORAGE_TYPE);
            }
            throw forbidden(path);
        }
        if (FUNCTIONS.contains(path)) {
            return new PyGlobal(module, name, Kind.FUNCTION);
        }
        if (CLASSES.contains(path)) {
            return new PyGlobal(module, name, Kind.CLASS);
        }
        for (String ns : CLASS_NAMESPACES) {
            if (path.startsWith(ns) && !name.startsWith("_")) {
                return new PyGlobal(module, name, Kind.CLASS);
            }
        }
        throw forbidden(path);
    }

    private static CheckpointFormatException forbidden(String path) {
        String shown = path.length() > 120 ? path.substring(0, 120) + "…" : path;
        return new CheckpointFormatException("forbidden global '" + shown
                + "': the checkpoint references code outside the allow-list and is refused (nothing was executed)");
    }

    private static boolean validIdentifierPath(String s) {
        if (s.isEmpty() || s.length() > 256) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
