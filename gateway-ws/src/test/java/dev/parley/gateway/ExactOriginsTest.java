package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Issue #14: origins match exactly (scheme, host, port); no crafted Origin satisfies an entry. */
class ExactOriginsTest {

    final ExactOrigins origins = ExactOrigins.of(List.of("https://app.example", "http://dev.example:3000",
            "http://localhost:*"));

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example", "https://app.example:443", "HTTPS://APP.example",
            "http://dev.example:3000", "http://localhost:5173", "http://localhost"})
    void anOriginOnTheListIsAllowed(String origin) {
        assertThat(origins.allows(origin)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://app.example", "https://app.example:8443", "https://app.example.evil.test",
            "https://evil.test/app.example", "https://app.example@evil.test", "https://evilapp.example",
            "https://app.example/", "https://app.example/path", "https://app.example?x", "http://dev.example",
            "http://dev.example:30000", "https://localhost:5173", "http://localhost.evil.test", "http://127.0.0.1:5173",
            "null", "", "file://app.example", "https://app.example:443.evil.test", "https://app.example%2eevil.test",
            // what Spring's pattern "http://localhost:*" admitted (its * is any text)
            "http://localhost:1@evil.test", "http://localhost:5173.evil.test", "http://localhost:.evil.test"})
    void aCraftedOrOtherOriginIsRefused(String origin) {
        assertThat(origins.allows(origin)).isFalse();
    }

    @Test
    void aWildcardIsRefusedAtStartUpExceptAsTheLoopbackPort() {
        assertThatThrownBy(() -> ExactOrigins.of(List.of("https://*.app.example"))).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> ExactOrigins.of(List.of("https://app.example:*"))).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> ExactOrigins.of(List.of("*"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExactOrigins.of(List.of("https://app.example/path"))).isInstanceOf(
                IllegalArgumentException.class);
    }
}
