package dev.parley.auth.throttle;

import java.time.Clock;
import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.parley.events.Times;
import dev.parley.platform.database.RateWindow;
import dev.parley.platform.web.ApiException;

/** At most {@code signup-address-limit} sign-ups per client address in any {@code signup-window}, on every replica. */
@Component
public class SignupThrottle {

    private final RateWindow window;
    private final ThrottleProperties props;
    private final Clock clock;

    SignupThrottle(DatabaseClient db, ThrottleProperties props, Clock clock) {
        this.window = new RateWindow(db, "signup_budget", "address");
        this.props = props;
        this.clock = clock;
    }

    /** Empty when the address may sign up once more (and that is counted); else 429 with {@code Retry-After}. */
    public Mono<Void> admit(String address) {
        if (props.signupAddressLimit() <= 0) {
            return Mono.empty();
        }
        Instant now = Times.now(clock);
        return window.take(address, now, props.signupWindow(), props.signupAddressLimit())
                .flatMap(taken -> taken ? Mono.<Void>empty()
                        : window.freesAt(address, now, props.signupWindow()).flatMap(free -> Mono.error(
                                ApiException.tooManyRequests("Too many sign-ups from this address, please retry later",
                                        RateWindow.retryAfterSeconds(now, free)))));
    }
}
