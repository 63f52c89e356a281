package io.invertavatar.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up refused by {@link BindAddressGuard}: the reason and the two ways out, without a stack trace. */
public class BindAddressFailureAnalyzer extends AbstractFailureAnalyzer<BindAddressGuard.RefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, BindAddressGuard.RefusedException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Listen on loopback only (server.address=127.0.0.1, the default), or switch to keys mode: "
                        + "INVERTAVATAR_SECURITY_MODE=keys, then create the first key with --create-key NAME --admin.",
                cause);
    }
}
