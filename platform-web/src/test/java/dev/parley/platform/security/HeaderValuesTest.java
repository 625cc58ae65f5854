package dev.parley.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    /** Spring Security's default rule for header values. */
    static final Pattern SPRING = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void itAllowsExactlyWhatSpringSecuritysDefaultAllows() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp += (cp < 0x3000 ? 1 : 97)) {
            String value = "a" + new String(Character.toChars(cp)) + "b";
            assertThat(HeaderValues.allowed(value)).as("U+%04X", cp).isEqualTo(SPRING.matcher(value).matches());
        }
        assertThat(HeaderValues.allowed("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).isTrue();
        assertThat(HeaderValues.allowed("line\nbreak")).isFalse();
        assertThat(HeaderValues.allowed("")).isTrue();
        assertThat(HeaderValues.allowed(null)).isTrue();
    }
}
