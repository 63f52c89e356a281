package io.invertavatar.web;

import io.invertavatar.security.ApiKey;
import io.invertavatar.security.ApiKeyService;
import io.invertavatar.security.AuditLog;
import io.invertavatar.security.CurrentCaller;
import io.invertavatar.security.QuotaLimits;
import io.invertavatar.security.QuotaOverrides;
import io.invertavatar.security.SecurityProperties;
import io.invertavatar.security.Role;
import io.invertavatar.config.ConditionalOnRole;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** API keys: admins create them; everyone lists and revokes their own. */
@RestController
@RequestMapping("/api/v1/keys")
@Tag(name = "keys", description = "API keys (keys mode)")
@ConditionalOnRole("api")
public class KeyController {

    /**
     * @param ownerId an existing owner to issue another key for; omitted = a new owner
     * @param quotas  overrides of the configured quotas for this key; omitted (or null fields) = the defaults
     * @param watermark true / false forces the visible watermark on / off for what the key creates; omitted =
     *                  the global setting ({@code invertavatar.provenance.watermark})
     */
    public record CreateKeyRequest(String name, Role role, UUID ownerId, QuotaOverrides quotas, Boolean watermark) {
    }

    /** Body of {@code PUT /api/v1/keys/{id}/watermark}; null returns the key to the global setting. */
    public record WatermarkSetting(Boolean watermark) {
    }

    /** @param quotas the overrides stored on the key (null = default); {@code limits} are what applies */
    public record KeyView(UUID id, String name, UUID ownerId, Role role, Instant createdAt, Instant lastUsedAt,
                          Instant revokedAt, QuotaOverrides quotas, QuotaLimits limits, Boolean watermark) {
        static KeyView of(ApiKey k, SecurityProperties props) {
            return new KeyView(k.getId(), k.getName(), k.getOwnerId(), k.getRole(), k.getCreatedAt(),
                    k.getLastUsedAt(), k.getRevokedAt(), k.getQuotaOverrides(),
                    k.getQuotaOverrides().over(props.quotas()), k.getWatermark());
        }
    }

    /** The token appears in this response and nowhere else. */
    public record CreatedKeyView(KeyView key, String token) {
    }

    private final ApiKeyService keys;
    private final CurrentCaller caller;
    private final AuditLog audit;
    private final SecurityProperties props;

    public KeyController(ApiKeyService keys, CurrentCaller caller, AuditLog audit, SecurityProperties props) {
        this.keys = keys;
        this.caller = caller;
        this.audit = audit;
        this.props = props;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a key (admin). The token is shown once.")
    public CreatedKeyView create(@RequestBody CreateKeyRequest request) {
        ApiKeyService.CreatedKey k = keys.create(request.name(), request.role() == null ? Role.USER : request.role(),
                request.ownerId());
        ApiKey key = request.quotas() == null ? k.key()
                : keys.setQuotas(k.key().getId(), request.quotas(), caller.get());
        if (request.watermark() != null) {
            key = keys.setWatermark(key.getId(), request.watermark(), caller.get());
        }
        audit.record(caller.get(), AuditLog.Action.CREATE, "key", k.key().getId().toString());
        return new CreatedKeyView(KeyView.of(key, props), k.token());
    }

    @GetMapping
    @Operation(summary = "List keys (admins: all; users: their own)")
    public List<KeyView> list() {
        return keys.list(caller.get()).stream().map(k -> KeyView.of(k, props)).toList();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a key")
    public KeyView revoke(@PathVariable UUID id) {
        KeyView v = KeyView.of(keys.revoke(id, caller.get()), props);
        audit.record(caller.get(), AuditLog.Action.DELETE, "key", id.toString());
        return v;
    }

    @PutMapping("/{id}/quotas")
    @Operation(summary = "Set a key's quota overrides (admin); a null field falls back to the configured default",
            description = "Body: {\"jobsPerHour\":300,\"concurrentJobs\":10,\"storedBytes\":21474836480}. "
                    + "Usage is counted per owner; the limits are those of the key making the request.")
    public KeyView setQuotas(@PathVariable UUID id, @RequestBody(required = false) QuotaOverrides quotas) {
        // the body is optional for Spring so that another owner's key answers 404 before a missing body is judged
        KeyView v = KeyView.of(keys.setQuotas(id, quotas, caller.get()), props);
        audit.record(caller.get(), AuditLog.Action.UPDATE, "key", id.toString());
        return v;
    }

    @PutMapping("/{id}/watermark")
    @Operation(summary = "Force the visible watermark on or off for what a key creates (admin)",
            description = "Body: {\"watermark\":true}. null returns the key to the global setting "
                    + "(invertavatar.provenance.watermark). Applies to avatars and videos created with the key from "
                    + "then on; every picture and frame rendered from them carries the mark.")
    public KeyView setWatermark(@PathVariable UUID id, @RequestBody(required = false) WatermarkSetting setting) {
        KeyView v = KeyView.of(keys.setWatermark(id, setting == null ? null : setting.watermark(), caller.get()),
                props);
        audit.record(caller.get(), AuditLog.Action.UPDATE, "key", id.toString());
        return v;
    }
}
