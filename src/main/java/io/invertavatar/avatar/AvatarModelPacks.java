package io.invertavatar.avatar;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.modelpack.ModelPackInfo;
import io.invertavatar.modelpack.ModelPackRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Every {@link AvatarModelPack} bean by name; the default is the configured one, else the best installed. */
@Component
public class AvatarModelPacks {

    private final List<AvatarModelPack> packs;
    private final AvatarProperties props;
    private final ObjectProvider<ModelPackRegistry> installed;

    public AvatarModelPacks(List<AvatarModelPack> packs, AvatarProperties props,
                            ObjectProvider<ModelPackRegistry> installed) {
        this.packs = packs.stream().sorted(Comparator.comparingInt(AvatarModelPack::preference).reversed()).toList();
        this.props = props;
        this.installed = installed;
    }

    public List<AvatarModelPack> all() {
        return packs;
    }

    public Optional<AvatarModelPack> find(String name) {
        return packs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The pack a create request names (null/blank = default); unknown or not installed → 422 UNKNOWN_MODEL_PACK. */
    public AvatarModelPack select(String requested) {
        String name = requested == null || requested.isBlank() ? props.defaultModelPack() : requested.trim();
        if (name == null || name.isBlank()) {
            return packs.stream().filter(AvatarModelPack::installed).findFirst().orElseThrow(() ->
                    new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "No avatar model pack is installed."));
        }
        return find(name).filter(AvatarModelPack::installed).orElseThrow(() -> notUsable(name));
    }

    /** Why a named pack cannot build avatars: an imported network pack is named as such, not as unknown. */
    private ServiceException notUsable(String name) {
        String usable = String.join(", ", packs.stream().filter(AvatarModelPack::installed)
                .map(AvatarModelPack::name).toList());
        ModelPackRegistry registry = installed.getIfAvailable();
        Optional<ModelPackInfo> imported = registry == null ? Optional.empty()
                : registry.listCurrent().stream().filter(p -> p.name().equals(name)).findFirst();
        if (imported.isPresent() && !imported.get().ready()) {
            return new ServiceException(ErrorCode.UNKNOWN_MODEL_PACK, "The model pack '" + shorten(name)
                    + "' failed its manifest check and is not loaded; usable for avatars: " + usable + ".");
        }
        if (imported.isPresent()) {
            return new ServiceException(ErrorCode.UNKNOWN_MODEL_PACK, "'" + shorten(name) + "' is an imported "
                    + imported.get().kind() + " network pack; building avatars with the InvertAvatar networks is "
                    + "not available in this version yet. Usable for avatars: " + usable + ".");
        }
        return new ServiceException(ErrorCode.UNKNOWN_MODEL_PACK, "No installed model pack is named '"
                + shorten(name) + "'; installed: " + usable + ".");
    }

    /** The pack an existing avatar was built with (it must still be installed to render or extend it). */
    public AvatarModelPack of(Avatar avatar) {
        return find(avatar.getModelPack()).filter(AvatarModelPack::installed).orElseThrow(() -> new ServiceException(
                ErrorCode.MODEL_UNAVAILABLE, "The model pack '" + avatar.getModelPack() + "' of this avatar is not "
                + "installed."));
    }

    private static String shorten(String s) {
        String c = s.replaceAll("\\p{Cntrl}", "?");
        return c.length() > 40 ? c.substring(0, 40) + "…" : c;
    }
}
