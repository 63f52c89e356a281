package io.invertavatar.web;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.security.Caller;
import io.invertavatar.security.CurrentCaller;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * The one ownership check of the web layer. Another owner's resource answers exactly like a missing one (404),
 * so a caller cannot even learn that it exists.
 */
@Component
public class Ownership {

    private final CurrentCaller caller;

    public Ownership(CurrentCaller caller) {
        this.caller = caller;
    }

    public Caller caller() {
        return caller.get();
    }

    public UUID ownerId() {
        return caller.get().ownerId();
    }

    /** Passes when the resource exists and the caller may see it; otherwise throws 404 with {@code notFound}. */
    public void require(Optional<UUID> owner, String notFound) {
        if (owner.isEmpty() || !caller.get().mayAccess(owner.get())) {
            throw new ServiceException(ErrorCode.NOT_FOUND, notFound);
        }
    }
}
