package io.invertavatar.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoleConditionTest {

    @Test
    void rolesAreACommaSeparatedCaseInsensitiveList() {
        assertThat(RoleCondition.hasRole("api,worker", "api")).isTrue();
        assertThat(RoleCondition.hasRole("api,worker", "worker")).isTrue();
        assertThat(RoleCondition.hasRole(" API , Worker ", "worker")).isTrue();
        assertThat(RoleCondition.hasRole("api", "worker")).isFalse();
        assertThat(RoleCondition.hasRole("worker", "api")).isFalse();
        assertThat(RoleCondition.hasRole("apis", "api")).isFalse();
    }
}
