package io.invertavatar.avatar;

import io.invertavatar.security.ApiKeyService;
import io.invertavatar.security.Caller;
import org.springframework.stereotype.Component;

/**
 * Decides whether what a caller creates carries the visible watermark: the calling key's own switch when an admin
 * set one, else the global {@code invertavatar.provenance.watermark}. The decision is stored with the avatar or
 * animation, because the workers that render it later act for no key.
 */
@Component
public class WatermarkPolicy {

    private final Provenance provenance;
    private final ApiKeyService keys;

    public WatermarkPolicy(Provenance provenance, ApiKeyService keys) {
        this.provenance = provenance;
        this.keys = keys;
    }

    public boolean appliesTo(Caller caller) {
        return keys.watermark(caller.keyId()).orElse(provenance.watermarkByDefault());
    }
}
