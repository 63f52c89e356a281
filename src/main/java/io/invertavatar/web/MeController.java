package io.invertavatar.web;

import io.invertavatar.config.ConditionalOnRole;
import io.invertavatar.security.Caller;
import io.invertavatar.security.OwnerDataErasure;
import io.invertavatar.security.QuotaGuard;
import io.invertavatar.security.QuotaLimits;
import io.invertavatar.security.Role;
import io.invertavatar.security.SecurityProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** The caller's own account: who it is, its quotas and usage, and erasing everything it stored. */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "me", description = "The caller: identity, quotas, and deleting all of its data")
@ConditionalOnRole("api")
public class MeController {

    /** @param quotasEnforced false in local mode (one trusted user) */
    public record MeView(UUID ownerId, String keyName, Role role, String mode, boolean quotasEnforced,
                         QuotaLimits limits, QuotaGuard.Usage usage) {
    }

    private final Ownership ownership;
    private final QuotaGuard quotas;
    private final OwnerDataErasure erasure;
    private final SecurityProperties props;

    public MeController(Ownership ownership, QuotaGuard quotas, OwnerDataErasure erasure, SecurityProperties props) {
        this.ownership = ownership;
        this.quotas = quotas;
        this.erasure = erasure;
        this.props = props;
    }

    @Operation(summary = "The caller: owner id, key name and role, the quotas that apply and current usage")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public MeView me() {
        Caller c = ownership.caller();
        return new MeView(c.ownerId(), c.keyName(), c.role(), props.mode().name().toLowerCase(java.util.Locale.ROOT),
                props.mode() == io.invertavatar.security.SecurityMode.KEYS, quotas.limitsOf(c),
                quotas.usage(c.ownerId()));
    }

    @Operation(summary = "Delete every row and blob of the caller's owner (media, frames, tracking, jobs, avatars, "
            + "animations)", description = "Running jobs are cancelled first. The owner's API keys stay unless "
            + "keys=true (then this key stops working too). The append-only audit trail keeps its rows (ids, "
            + "actions, key names; no content) and records the erasure.")
    @ApiResponse(responseCode = "204", description = "erased")
    @ApiResponse(responseCode = "409", description = "a job did not stop within 30 s; try again")
    @DeleteMapping("/data")
    public ResponseEntity<Void> eraseMyData(
            @Parameter(description = "also delete every API key of this owner")
            @RequestParam(name = "keys", defaultValue = "false") boolean keys) {
        erasure.erase(ownership.caller(), keys);
        return ResponseEntity.noContent().build();
    }
}
