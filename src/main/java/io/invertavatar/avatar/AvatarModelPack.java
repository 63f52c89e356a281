package io.invertavatar.avatar;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The seam between the avatar service and the science (design.md "Model packs"): start an avatar from frames, add
 * frames to a saved state, render it. A pack's state is an opaque safetensors file to the service; the pack alone
 * reads and writes it. Implementations are Spring beans, found by {@link AvatarModelPacks}.
 */
public interface AvatarModelPack {

    /** The name clients send as {@code modelPack}, e.g. {@code open}. */
    String name();

    /** Higher wins when no pack is named: the default is the best installed pack. */
    int preference();

    /** False when the pack's files are missing or broken (it is then neither default nor selectable). */
    boolean installed();

    /** An empty avatar to add frames to. */
    AvatarDraft start();

    /** The avatar saved at {@code state}, to add frames to (the old frames are not needed). */
    AvatarDraft resume(Path state) throws IOException;

    /** The avatar saved at {@code state}, ready to render. */
    AvatarModel load(Path state) throws IOException;
}
