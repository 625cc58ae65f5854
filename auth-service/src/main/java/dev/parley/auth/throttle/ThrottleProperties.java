package dev.parley.auth.throttle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Login throttling. After {@code accountLimit} failures for one account (or {@code addressLimit} from one client
 * address) within {@code window}, further attempts are refused with 429 for {@code baseLockout}, doubling with
 * each lockout up to {@code maxLockout}: slow enough to stop guessing, never a permanent lock-out. Sign-ups: at most
 * {@code signupAddressLimit} from one client address in any {@code signupWindow} (0: no limit), refused before the
 * password is hashed (issue #14: 1000 bcrypt sign-ups kept both cores busy for 4 minutes).
 */
@ConfigurationProperties("parley.auth.throttle")
record ThrottleProperties(Integer accountLimit, Integer addressLimit, Duration window, Duration baseLockout,
        Duration maxLockout, Integer signupAddressLimit, Duration signupWindow) {

    public ThrottleProperties {
        accountLimit = accountLimit == null ? 5 : accountLimit;
        addressLimit = addressLimit == null ? 30 : addressLimit;
        window = window == null ? Duration.ofMinutes(15) : window;
        baseLockout = baseLockout == null ? Duration.ofMinutes(1) : baseLockout;
        maxLockout = maxLockout == null ? Duration.ofMinutes(15) : maxLockout;
        signupAddressLimit = signupAddressLimit == null ? 10 : signupAddressLimit;
        signupWindow = signupWindow == null ? Duration.ofHours(1) : signupWindow;
    }

    /** How long the n-th lockout (0-based) lasts. */
    public Duration lockout(int previousLockouts) {
        Duration d = baseLockout.multipliedBy(1L << Math.min(previousLockouts, 20));
        return d.compareTo(maxLockout) > 0 ? maxLockout : d;
    }
}
