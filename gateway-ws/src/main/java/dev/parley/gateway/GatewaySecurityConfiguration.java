package dev.parley.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

import dev.parley.platform.security.ParleySecurityAutoConfiguration;

/**
 * The gateway passes {@code /api/v1/**} through with the caller's {@code Authorization} header: every
 * service validates the token and authorises the action itself. {@code /ws} authenticates in its own
 * protocol ({@code ?token=} and the {@code auth} frame). Browsers on an allowed origin may call the API
 * cross-origin ({@link BrowserOrigins}).
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, GatewayProperties props) {
        return ParleySecurityAutoConfiguration.stateless(http)
                .cors(cors -> cors.configurationSource(BrowserOrigins.api(props)))
                .authorizeExchange(ex -> ex.anyExchange().permitAll())
                .build();
    }
}
