package dev.parley.auth.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ThrottlePropertiesTest {

    private final ThrottleProperties props = new ThrottleProperties(5, 30, Duration.ofMinutes(15),
            Duration.ofMinutes(1), Duration.ofMinutes(15), 10, Duration.ofHours(1));

    @Test
    void lockoutsDoubleAndStopAtTheMaximumSoNoAccountIsLockedForever() {
        assertThat(props.lockout(0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(props.lockout(1)).isEqualTo(Duration.ofMinutes(2));
        assertThat(props.lockout(3)).isEqualTo(Duration.ofMinutes(8));
        assertThat(props.lockout(4)).isEqualTo(Duration.ofMinutes(15));
        assertThat(props.lockout(1000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void defaultsAreSensible() {
        ThrottleProperties d = new ThrottleProperties(null, null, null, null, null, null, null);
        assertThat(d.accountLimit()).isEqualTo(5);
        assertThat(d.maxLockout()).isEqualTo(Duration.ofMinutes(15));
    }
}
