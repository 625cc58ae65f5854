package dev.parley.auth.account;

import java.util.UUID;

import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.parley.auth.session.SessionService;
import dev.parley.auth.throttle.ClientAddress;
import dev.parley.auth.token.TokenIssuer;
import dev.parley.auth.user.UserResponse;
import dev.parley.platform.web.ApiResponse;

@RestController
@RequestMapping("/api/v1/auth")
public class AuthController {

    private final AccountService accounts;
    private final SessionService sessions;

    public AuthController(AccountService accounts, SessionService sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<UserResponse>> register(@Valid @RequestBody RegisterRequest request) {
        return accounts.register(request).map(user -> ApiResponse.ok("User registered successfully", user));
    }

    @PostMapping("/login")
    public Mono<ApiResponse<LoginResponse>> login(@Valid @RequestBody LoginRequest request, ServerHttpRequest http) {
        return accounts.login(request, ClientAddress.of(http)).map(body -> ApiResponse.ok("Login successful", body));
    }

    /** The guide's refresh call: {@code Authorization: Bearer <refresh token>}. Rotates the refresh token. */
    @PostMapping("/refresh")
    public Mono<ApiResponse<RefreshResponse>> refresh(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7) : null;
        return sessions.refresh(token).map(s -> ApiResponse.ok("Token refreshed", RefreshResponse.of(s)));
    }

    /** Ends the session the access token belongs to: its refresh tokens stop working. */
    @PostMapping("/logout")
    public Mono<ApiResponse<Void>> logout(@AuthenticationPrincipal Jwt jwt) {
        String sid = jwt.getClaimAsString(TokenIssuer.CLAIM_SESSION);
        return sessions.logout(UUID.fromString(jwt.getSubject()), sid == null ? null : UUID.fromString(sid))
                .thenReturn(ApiResponse.<Void>ok("Logged out", null));
    }
}
