package dev.parley.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.web.cors.CorsConfiguration;

/**
 * Browser origins compared exactly, as RFC 6454 defines an origin: scheme, host and port, each equal (the port
 * defaulting to the scheme's). No pattern: {@code http://app.example} does not admit
 * {@code http://app.example.evil.test}, {@code http://app.example:8443}, {@code https://app.example} or
 * {@code http://app.example@evil.test}. One convenience for development only: a loopback host
 * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) may be given with port {@code *}, admitting that scheme and
 * host on any port; a {@code *} anywhere else is refused at start-up.
 */
final class ExactOrigins {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
    static final int ANY_PORT = -2;

    record Origin(String scheme, String host, int port) {
    }

    private final List<Origin> allowed;

    private ExactOrigins(List<Origin> allowed) {
        this.allowed = allowed;
    }

    /** The allow-list; an entry that is not an origin (or a loopback host with port {@code *}) fails start-up. */
    static ExactOrigins of(List<String> entries) {
        return new ExactOrigins(entries.stream().map(String::trim).filter(e -> !e.isEmpty()).map(ExactOrigins::entry)
                .toList());
    }

    private static Origin entry(String entry) {
        if (entry.endsWith(":*")) {
            Origin base = parse(entry.substring(0, entry.length() - 2));
            if (base == null || !LOOPBACK.contains(base.host())) {
                throw new IllegalArgumentException("allowed origin " + entry
                        + ": only a loopback host (localhost, 127.0.0.1, [::1]) may take any port");
            }
            return new Origin(base.scheme(), base.host(), ANY_PORT);
        }
        Origin origin = parse(entry);
        if (origin == null) {
            throw new IllegalArgumentException("allowed origin " + entry + " is not scheme://host[:port]");
        }
        return origin;
    }

    /** The origin a request names, or null when its {@code Origin} is not one (a path, user info, "null", ...). */
    static Origin parse(String value) {
        if (value == null || value.isEmpty() || value.length() > 2048) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            return null;
        }
        if (uri.getRawUserInfo() != null || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
            return null;
        }
        int port = uri.getPort() == -1 ? ("https".equals(scheme) ? 443 : 80) : uri.getPort();
        return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
    }

    boolean allows(String requestOrigin) {
        Origin o = parse(requestOrigin);
        if (o == null) {
            return false;
        }
        for (Origin a : allowed) {
            if (a.scheme().equals(o.scheme()) && a.host().equals(o.host()) && (a.port() == ANY_PORT || a.port() == o.port())) {
                return true;
            }
        }
        return false;
    }

    /** A CORS configuration whose origin check is this one (Spring's patterns are never consulted). */
    CorsConfiguration cors() {
        ExactOrigins self = this;
        return new CorsConfiguration() {
            @Override
            public String checkOrigin(String requestOrigin) {
                return self.allows(requestOrigin) ? requestOrigin : null;
            }
        };
    }
}
