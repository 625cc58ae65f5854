package dev.parley.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

import dev.parley.platform.web.ApiError;
import dev.parley.platform.web.ErrorCodes;
import dev.parley.platform.web.ErrorResponseWriter;
import dev.parley.platform.web.ParleyWebAutoConfiguration;
import dev.parley.platform.web.TrustedProxies;

/**
 * Resource-server security for every Parley HTTP service: stateless, bearer JWT validated against the
 * auth-service JWKS, 401/403 in the guide's error envelope.
 */
@AutoConfiguration(after = ParleyWebAutoConfiguration.class,
        beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration")
@EnableConfigurationProperties(ParleySecurityProperties.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ParleySecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder parleyJwtDecoder(ParleySecurityProperties props, RevokedSessions revoked) {
        return new LiveSessionJwtDecoder(new CachingJwtDecoder(ParleyJwtDecoders.fromJwkSet(props), VERIFIED_TOKENS,
                VERIFIED_TOKEN_AGE, Clock.systemUTC()), revoked);
    }

    /** The ended sessions, filled from {@code session.revocation} ({@link SessionRevocationAutoConfiguration}). */
    /** Whose {@code X-Forwarded-For} is believed ({@code parley.security.trusted-proxies}). */
    @Bean
    @ConditionalOnMissingBean
    TrustedProxies trustedProxies(ParleySecurityProperties props) {
        return new TrustedProxies(props.trustedProxies());
    }

    @Bean
    @ConditionalOnMissingBean
    RevokedSessions revokedSessions() {
        return new RevokedSessions(Clock.systemUTC());
    }

    /** Spring Security's strict firewall, with its header-value rule as a loop instead of a regex (same rule). */
    @Bean
    @ConditionalOnMissingBean(ServerWebExchangeFirewall.class)
    ServerWebExchangeFirewall parleyFirewall() {
        var firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderValues(HeaderValues::allowed);
        return firewall;
    }

    /** How many verified access tokens each process remembers, and for how long at most. */
    static final long VERIFIED_TOKENS = 10_000;
    static final Duration VERIFIED_TOKEN_AGE = Duration.ofMinutes(5);

    /**
     * What the firewall refuses (an encoded NUL, slash or dot segment in a path...) is a 400 in the error envelope,
     * not an empty body (the security suite found them).
     */
    @Bean
    @ConditionalOnMissingBean
    ServerExchangeRejectedHandler parleyExchangeRejectedHandler(
            ErrorResponseWriter writer) {
        return (exchange, rejected) -> writer.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                ApiError.of(ErrorCodes.VALIDATION_ERROR, "The request path or a header is not allowed", List.of()));
    }

    @Bean
    ServerAuthenticationEntryPoint parleyAuthenticationEntryPoint(ErrorResponseWriter writer) {
        return (exchange, ex) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return writer.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED,
                    ApiError.of(ErrorCodes.UNAUTHORIZED, "Authentication required: a valid bearer token is missing",
                            List.of()));
        };
    }

    @Bean
    ServerAccessDeniedHandler parleyAccessDeniedHandler(ErrorResponseWriter writer) {
        return (exchange, ex) -> writer.write(exchange.getResponse(), HttpStatus.FORBIDDEN,
                ApiError.of(ErrorCodes.FORBIDDEN, "Forbidden", List.of()));
    }

    /** A token API: no CSRF (no cookies), no sessions, no login forms. */
    public static ServerHttpSecurity stateless(ServerHttpSecurity http) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable);
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityWebFilterChain parleySecurityWebFilterChain(ServerHttpSecurity http, ParleySecurityProperties props,
            ReactiveJwtDecoder decoder, ServerAuthenticationEntryPoint entryPoint,
            ServerAccessDeniedHandler deniedHandler) {
        List<String> open = new ArrayList<>(props.publicPaths());
        // the probes on the public port; the actuator itself is on the management port, which only the cluster
        // reaches (Prometheus scrapes it without a token)
        open.add("/livez");
        open.add("/readyz");
        open.add("/actuator/**");
        open.addAll(props.opaqueTokenPaths());
        ServerWebExchangeMatcher opaque = props.opaqueTokenPaths().isEmpty()
                ? exchange -> ServerWebExchangeMatcher.MatchResult.notMatch()
                : ServerWebExchangeMatchers.pathMatchers(props.opaqueTokenPaths().toArray(String[]::new));
        BearerTokens bearer = new BearerTokens();
        return stateless(http)
                .authorizeExchange(ex -> ex
                        .pathMatchers(open.toArray(String[]::new)).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtDecoder(decoder))
                        .bearerTokenConverter(exchange -> opaque.matches(exchange)
                                .flatMap(m -> m.isMatch() ? Mono.empty() : bearer.convert(exchange)))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                .exceptionHandling(eh -> eh.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
                .build();
    }

}
