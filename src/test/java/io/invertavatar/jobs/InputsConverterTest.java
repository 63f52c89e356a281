package io.invertavatar.jobs;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InputsConverterTest {

    @Test
    void inputsRoundTripThroughJson() {
        InputsConverter c = new InputsConverter();
        Map<String, String> in = Map.of("mediaId", "6f1c7a52-6c1e-4f07-9d8e-2f3b9a1c0d11", "note", "ü \"quoted\"");
        String json = c.convertToDatabaseColumn(in);
        assertThat(json).startsWith("{\"mediaId\":");
        assertThat(c.convertToEntityAttribute(json)).isEqualTo(in);
        assertThat(c.convertToEntityAttribute(null)).isEmpty();
    }
}
