package io.invertavatar.security;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyFormatTest {

    @Test
    void generatedKeysParseBackAndAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ApiKeyFormat.NewKey k = ApiKeyFormat.generate();
            assertThat(seen.add(k.token())).isTrue();
            ApiKeyFormat.Parsed p = ApiKeyFormat.parse(k.token()).orElseThrow();
            assertThat(p.keyId()).isEqualTo(k.keyId());
            assertThat(p.secret()).isEqualTo(k.secret());
            // 256-bit secret in base64url without padding
            assertThat(k.secret()).hasSize(43);
        }
    }

    @Test
    void foreignShapesAreRejected() {
        assertThat(ApiKeyFormat.parse(null)).isEmpty();
        assertThat(ApiKeyFormat.parse("")).isEmpty();
        assertThat(ApiKeyFormat.parse("Bearer x")).isEmpty();
        assertThat(ApiKeyFormat.parse("ia_short_x")).isEmpty();
        assertThat(ApiKeyFormat.parse("ia_" + "a".repeat(12) + "_" + "b".repeat(42))).isEmpty();
        assertThat(ApiKeyFormat.parse("ia_" + "a".repeat(12) + "_" + "b".repeat(43) + "x".repeat(300))).isEmpty();
    }
}
