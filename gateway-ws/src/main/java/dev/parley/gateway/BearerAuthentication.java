package dev.parley.gateway;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.ErrorCodes;

/**
 * The bearer token of a REST request the gateway answers itself (the others it routes, and the services check
 * theirs): 401 in the error envelope without one, or with one that is invalid, expired or of an ended session.
 */
public final class BearerAuthentication {

    private BearerAuthentication() {
    }

    public static Mono<Jwt> decode(ReactiveJwtDecoder decoder, String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7) : null;
        if (token == null) {
            return Mono.error(ApiException.unauthorized(ErrorCodes.UNAUTHORIZED, "Authentication required"));
        }
        return decoder.decode(token)
                .onErrorMap(e -> ApiException.unauthorized(ErrorCodes.UNAUTHORIZED, "Invalid or expired token"));
    }
}
