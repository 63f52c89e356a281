package io.invertavatar.nn.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.invertavatar.nn.encoders.FrameOrder;
import io.invertavatar.nn.io.SafeTensorsFile;
import io.invertavatar.nn.io.SafeTensorsWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;

/**
 * Incremental few-shot inversion: {@link #start} encodes the first frame with e4e, {@link #add} feeds frames
 * through the recurrent encoders in calls of 4 (see {@link FewShotChunks}) carrying only the ConvGRU hidden
 * states, {@link #avatar} is the latest result. The whole state (ws, e4e lists, hidden states, avatar) is saved
 * to safetensors bit for bit, so a restored state continues exactly as one that never stopped.
 *
 * <p>Every array of the state lives in this object's own manager; each {@code add} computes in a scratch
 * manager that is closed before it returns.
 */
public final class InversionState implements AutoCloseable {

    static final String FORMAT = "invertavatar.inversion-state";
    static final String VERSION = "1";

    private final InversionNet net;
    private final NDManager manager;
    private final E4eResult e4e;
    private HiddenStates hidden;
    private Avatar avatar;
    private int frames;

    private InversionState(InversionNet net, NDManager manager, E4eResult e4e, HiddenStates hidden, Avatar avatar, int frames) {
        this.net = net;
        this.manager = manager;
        this.e4e = e4e;
        this.hidden = hidden;
        this.avatar = avatar;
        this.frames = frames;
    }

    /** e4e inversion of the first frame; the avatar is the e4e baseline until frames are added. */
    public static InversionState start(InversionNet net, FrameBatch first, NDManager parent) {
        NDManager own = parent.newSubManager();
        try (NDManager scratch = own.newSubManager()) {
            E4eResult e4e = net.encode(first.select(new int[] {0}, scratch).images());
            keep(own, e4e.ws());
            e4e.texture().forEach(a -> keep(own, a));
            e4e.statics().forEach(a -> keep(own, a));
            return new InversionState(net, own, e4e, null, new Avatar(e4e.ws(), e4e.texture(), e4e.statics()), 0);
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /**
     * Refines the avatar with these frames: calls of 4 frames as eval_seq.py forms them, hidden states carried
     * from call to call (and from earlier {@code add}s), offsets always relative to the e4e baseline.
     */
    public InversionState add(FrameBatch batch) {
        return add(batch, true);
    }

    /**
     * @param dedupe compute repeated frames of a call once (1 or 2 frames are repeated to 4; see
     *               {@link FrameOrder}) — the default; false runs every copy exactly as the official script does
     */
    public InversionState add(FrameBatch batch, boolean dedupe) {
        HiddenStates h = hidden;
        Avatar a = avatar;
        try (NDManager scratch = manager.newSubManager()) {
            // Aliases in the scratch scope: DJL places a result in its first operand's manager, so every
            // intermediate of the calls below then dies with the scratch manager.
            E4eResult base = new E4eResult(alias(e4e.ws(), scratch), alias(e4e.texture(), scratch), alias(e4e.statics(), scratch));
            HiddenStates carried = h == null ? null : new HiddenStates(alias(h.texture(), scratch), alias(h.triplane(), scratch));
            for (int[] chunk : FewShotChunks.plan(batch.size())) {
                FrameOrder repeats = dedupe ? FrameOrder.of(chunk) : new FrameOrder(chunk, null);
                // One scope per call of 4: only the hidden states and the avatar outlive it, so a long add does
                // not hold every call's encoder activations at once (DJL frees nothing before a scope closes).
                try (NDManager call = scratch.newSubManager()) {
                    E4eResult callBase = new E4eResult(alias(base.ws(), call), alias(base.texture(), call),
                            alias(base.statics(), call));
                    HiddenStates callHidden = carried == null ? null
                            : new HiddenStates(alias(carried.texture(), call), alias(carried.triplane(), call));
                    InversionNet.ChunkResult r = net.forwardChunk(batch.select(repeats.distinct(), call), repeats.order(),
                            callBase, callHidden);
                    carried = new HiddenStates(keepAll(scratch, r.hidden().texture()), keepAll(scratch, r.hidden().triplane()));
                    a = new Avatar(e4e.ws(), keepAll(scratch, r.avatar().texture()), keepAll(scratch, r.avatar().statics()));
                }
            }
            h = carried;
            // Keep the results, drop what they replace (never the shared e4e arrays).
            Set<NDArray> shared = shared();
            List<NDArray> old = owned(avatar, hidden);
            h.texture().forEach(x -> keep(manager, x));
            h.triplane().forEach(x -> keep(manager, x));
            a.texture().forEach(x -> keep(manager, x));
            a.statics().forEach(x -> keep(manager, x));
            for (NDArray x : old) {
                if (!shared.contains(x)) {
                    x.close();
                }
            }
        }
        hidden = h;
        avatar = a;
        frames += batch.size();
        return this;
    }

    public Avatar avatar() {
        return avatar;
    }

    public E4eResult e4e() {
        return e4e;
    }

    /** Null before the first {@link #add}. */
    public HiddenStates hidden() {
        return hidden;
    }

    public int framesSeen() {
        return frames;
    }

    /** Writes the state as safetensors (float32, little-endian, exact bytes of every array). */
    public void save(OutputStream out) throws IOException {
        Map<String, NDArray> t = new LinkedHashMap<>();
        t.put("ws", e4e.ws());
        putList(t, "e4e.texture.", e4e.texture());
        putList(t, "e4e.static.", e4e.statics());
        putList(t, "avatar.texture.", avatar.texture());
        putList(t, "avatar.static.", avatar.statics());
        if (hidden != null) {
            putList(t, "hidden.texture.", hidden.texture());
            putList(t, "hidden.triplane.", hidden.triplane());
        }
        SafeTensorsWriter.writeArrays(out, t, Map.of("format", FORMAT, "version", VERSION,
                "frames", Integer.toString(frames)));
    }

    /** Restores a state written by {@link #save}; throws {@link IllegalArgumentException} for any other file. */
    public static InversionState restore(InversionNet net, Path file, NDManager parent) throws IOException {
        NDManager own = parent.newSubManager();
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            if (!FORMAT.equals(f.metadata().get("format")) || !VERSION.equals(f.metadata().get("version"))) {
                throw new IllegalArgumentException("not an inversion state (format " + f.metadata().get("format") + ")");
            }
            NDArray ws = f.load("ws", own);
            E4eResult e4e = new E4eResult(ws, readList(f, "e4e.texture.", own), readList(f, "e4e.static.", own));
            Avatar avatar = new Avatar(ws, readList(f, "avatar.texture.", own), readList(f, "avatar.static.", own));
            HiddenStates hidden = f.contains("hidden.texture.0")
                    ? new HiddenStates(readList(f, "hidden.texture.", own), readList(f, "hidden.triplane.", own)) : null;
            return new InversionState(net, own, e4e, hidden, avatar, Integer.parseInt(f.metadata().get("frames")));
        } catch (IOException | RuntimeException e) {
            own.close();
            throw e;
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    private static NDArray alias(NDArray x, NDManager scope) {
        NDArray view = x.reshape(x.getShape());
        view.attach(scope);
        return view;
    }

    private static List<NDArray> alias(List<NDArray> xs, NDManager scope) {
        List<NDArray> out = new ArrayList<>(xs.size());
        xs.forEach(x -> out.add(alias(x, scope)));
        return out;
    }

    /**
     * Moves every array of {@code xs} into {@code m}; an alias of an array that lives elsewhere (an avatar entry that
     * is the e4e baseline itself) is re-aliased in {@code m} so it survives the call scope.
     */
    private static List<NDArray> keepAll(NDManager m, List<NDArray> xs) {
        List<NDArray> out = new ArrayList<>(xs.size());
        for (NDArray x : xs) {
            x.attach(m);
            out.add(x);
        }
        return out;
    }

    private static void keep(NDManager m, NDArray x) {
        if (x.getManager() != m) {
            x.attach(m);
        }
    }

    private Set<NDArray> shared() {
        Set<NDArray> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.add(e4e.ws());
        s.addAll(e4e.texture());
        s.addAll(e4e.statics());
        return s;
    }

    private static List<NDArray> owned(Avatar a, HiddenStates h) {
        List<NDArray> out = new ArrayList<>(a.texture());
        out.addAll(a.statics());
        if (h != null) {
            out.addAll(h.texture());
            out.addAll(h.triplane());
        }
        return out;
    }

    private static void putList(Map<String, NDArray> t, String prefix, List<NDArray> xs) {
        for (int i = 0; i < xs.size(); i++) {
            t.put(prefix + i, xs.get(i));
        }
    }

    private static List<NDArray> readList(SafeTensorsFile f, String prefix, NDManager m) throws IOException {
        List<NDArray> out = new ArrayList<>();
        for (int i = 0; f.contains(prefix + i); i++) {
            out.add(f.load(prefix + i, m));
        }
        return out;
    }
}
