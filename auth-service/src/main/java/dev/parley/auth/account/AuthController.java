package dev.parley.auth.account;

import java.util.UUID;

import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.parley.auth.AuthProperties;
import dev.parley.auth.session.SessionService;
import dev.parley.auth.throttle.SignupThrottle;
import dev.parley.auth.token.TokenIssuer;
import dev.parley.auth.user.UserResponse;
import dev.parley.platform.web.ApiResponse;
import dev.parley.platform.web.TrustedProxies;

@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    private final AccountService accounts;
    private final SessionService sessions;
    private final AuthProperties props;
    private final TrustedProxies proxies;
    private final SignupThrottle signups;

    public AuthController(AccountService accounts, SessionService sessions, AuthProperties props,
            TrustedProxies proxies, SignupThrottle signups) {
        this.proxies = proxies;
        this.signups = signups;
        this.accounts = accounts;
        this.sessions = sessions;
        this.props = props;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<UserResponse>> register(@Valid @RequestBody RegisterRequest request,
            ServerHttpRequest http) {
        // counted before the password is hashed: bcrypt is what a flood of sign-ups would spend
        return signups.admit(proxies.clientAddress(http)).then(accounts.register(request)).map(user -> ApiResponse.ok("User registered successfully", user));
    }

    @PostMapping("/login")
    public Mono<ApiResponse<LoginResponse>> login(@Valid @RequestBody LoginRequest request, ServerHttpRequest http,
            ServerHttpResponse response) {
        return accounts.login(request, proxies.clientAddress(http)).map(body -> {
            RefreshCookie.set(response, body.refreshToken(), props.refreshTokenTtl());
            return ApiResponse.ok("Login successful", body);
        });
    }

    /**
     * The guide's refresh call: {@code Authorization: Bearer <refresh token>}, or, from a browser, the refresh
     * cookie, which wins when the header carries no current token (the guide's client sends {@code Bearer null},
     * or keeps its first token after a rotation). Rotates the refresh token and sets the cookie anew.
     */
    @PostMapping("/refresh")
    public Mono<ApiResponse<RefreshResponse>> refresh(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            ServerHttpRequest http, ServerHttpResponse response) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7) : null;
        return sessions.refresh(token, RefreshCookie.from(http)).map(s -> {
            RefreshCookie.set(response, s.refreshToken(), props.refreshTokenTtl());
            return ApiResponse.ok("Token refreshed", RefreshResponse.of(s));
        });
    }

    /** Ends the session the access token belongs to: its refresh tokens stop working, the cookie is cleared. */
    @PostMapping("/logout")
    public Mono<ApiResponse<Void>> logout(@AuthenticationPrincipal Jwt jwt, ServerHttpResponse response) {
        String sid = jwt.getClaimAsString(TokenIssuer.CLAIM_SESSION);
        return sessions.logout(UUID.fromString(jwt.getSubject()), sid == null ? null : UUID.fromString(sid))
                .then(Mono.fromRunnable(() -> RefreshCookie.clear(response)))
                .thenReturn(ApiResponse.<Void>ok("Logged out", null));
    }
}
