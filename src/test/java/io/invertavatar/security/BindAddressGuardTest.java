package io.invertavatar.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BindAddressGuardTest {

    @Test
    void localModeOnlyOnLoopback() {
        assertThatCode(() -> BindAddressGuard.check(SecurityMode.LOCAL, "127.0.0.1")).doesNotThrowAnyException();
        assertThatCode(() -> BindAddressGuard.check(SecurityMode.LOCAL, "::1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> BindAddressGuard.check(SecurityMode.LOCAL, null)).hasMessageContaining("loopback");
        assertThatThrownBy(() -> BindAddressGuard.check(SecurityMode.LOCAL, "0.0.0.0")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> BindAddressGuard.check(SecurityMode.LOCAL, "192.0.2.10")).hasMessageContaining("loopback");
    }

    @Test
    void keysModeMayBindAnywhere() {
        assertThatCode(() -> BindAddressGuard.check(SecurityMode.KEYS, "0.0.0.0")).doesNotThrowAnyException();
        assertThatCode(() -> BindAddressGuard.check(SecurityMode.KEYS, null)).doesNotThrowAnyException();
    }
}
