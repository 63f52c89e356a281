package io.invertavatar.web;

import io.invertavatar.security.ApiKey;
import io.invertavatar.security.ApiKeyService;
import io.invertavatar.security.AuditLog;
import io.invertavatar.security.CurrentCaller;
import io.invertavatar.security.Role;
import io.invertavatar.config.ConditionalOnRole;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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

    /** @param ownerId an existing owner to issue another key for; omitted = a new owner */
    public record CreateKeyRequest(String name, Role role, UUID ownerId) {
    }

    public record KeyView(UUID id, String name, UUID ownerId, Role role, Instant createdAt, Instant lastUsedAt,
                          Instant revokedAt) {
        static KeyView of(ApiKey k) {
            return new KeyView(k.getId(), k.getName(), k.getOwnerId(), k.getRole(), k.getCreatedAt(),
                    k.getLastUsedAt(), k.getRevokedAt());
        }
    }

    /** The token appears in this response and nowhere else. */
    public record CreatedKeyView(KeyView key, String token) {
    }

    private final ApiKeyService keys;
    private final CurrentCaller caller;
    private final AuditLog audit;

    public KeyController(ApiKeyService keys, CurrentCaller caller, AuditLog audit) {
        this.keys = keys;
        this.caller = caller;
        this.audit = audit;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a key (admin). The token is shown once.")
    public CreatedKeyView create(@RequestBody CreateKeyRequest request) {
        ApiKeyService.CreatedKey k = keys.create(request.name(), request.role() == null ? Role.USER : request.role(),
                request.ownerId());
        audit.record(caller.get(), AuditLog.Action.CREATE, "key", k.key().getId().toString());
        return new CreatedKeyView(KeyView.of(k.key()), k.token());
    }

    @GetMapping
    @Operation(summary = "List keys (admins: all; users: their own)")
    public List<KeyView> list() {
        return keys.list(caller.get()).stream().map(KeyView::of).toList();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a key")
    public KeyView revoke(@PathVariable UUID id) {
        KeyView v = KeyView.of(keys.revoke(id, caller.get()));
        audit.record(caller.get(), AuditLog.Action.DELETE, "key", id.toString());
        return v;
    }
}
