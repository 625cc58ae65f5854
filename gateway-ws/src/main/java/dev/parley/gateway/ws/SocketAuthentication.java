package dev.parley.gateway.ws;

import java.time.Clock;
import java.util.UUID;

import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.parley.events.EventTypes;
import dev.parley.events.Times;
import dev.parley.events.data.PresenceData;
import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.publish.GatewayEvents;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.security.RevokedSessions;

/**
 * A socket's user: its token checked (at the handshake or in an {@code auth} frame, again with each fresh token),
 * at most {@code max-sockets-per-user} sockets per user on this instance, and the user's presence: online with
 * their first socket here, offline with their last.
 */
@Component
class SocketAuthentication {

    /** The user holds {@code max-sockets-per-user} sockets on this instance already. */
    static final class TooManySockets extends RuntimeException {
        TooManySockets() {
            super("too many sockets", null, false, false);
        }
    }

    private final ReactiveJwtDecoder jwtDecoder;
    private final ConnectionRegistry registry;
    private final GatewayProperties props;
    private final GatewayEvents events;
    private final Clock clock;

    SocketAuthentication(ReactiveJwtDecoder jwtDecoder, ConnectionRegistry registry, GatewayProperties props,
            GatewayEvents events, Clock clock) {
        this.jwtDecoder = jwtDecoder;
        this.registry = registry;
        this.props = props;
        this.events = events;
        this.clock = clock;
    }

    Mono<UUID> authenticate(Connection conn, String token) {
        return jwtDecoder.decode(token).map(jwt -> {
            UUID user = UUID.fromString(jwt.getSubject());
            String session = jwt.getClaimAsString(RevokedSessions.CLAIM_SESSION);
            if (conn.isAuthenticated() && conn.userId().equals(user)) {
                // a fresh token of the same user renews the socket's lifetime (SessionLifetimes)
                conn.authenticate(user, jwt.getClaimAsString(CurrentUser.CLAIM_USERNAME),
                        jwt.getClaimAsString(CurrentUser.CLAIM_DISPLAY_NAME), token, session, jwt.getExpiresAt());
                return user;
            }
            if (registry.connectionsOf(user) >= props.maxSocketsPerUser()) {
                throw new TooManySockets();
            }
            if (conn.isAuthenticated() && registry.unregister(conn)) {
                presence(conn.userId(), false);
            }
            conn.authenticate(user, jwt.getClaimAsString(CurrentUser.CLAIM_USERNAME),
                    jwt.getClaimAsString(CurrentUser.CLAIM_DISPLAY_NAME), token, session, jwt.getExpiresAt());
            if (registry.register(conn)) {
                presence(user, true);
            }
            return user;
        });
    }

    private void presence(UUID user, boolean online) {
        events.publish(online ? EventTypes.USER_ONLINE : EventTypes.USER_OFFLINE, user, null, user,
                new PresenceData(user, Times.now(clock), props.instanceId())).subscribe(x -> { }, e -> { });
    }

    /** A closed socket no longer counts for its user; the user is offline when it was their last here. */
    void closed(Connection conn) {
        if (registry.unregister(conn)) {
            presence(conn.userId(), false);
        }
    }
}
