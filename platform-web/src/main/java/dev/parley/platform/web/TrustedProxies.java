package dev.parley.platform.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Who the client behind a request is, trusting {@code X-Forwarded-For} only as far as the proxies it passed are
 * trusted (issue #14: a client rotating its own header escaped the login throttle and could lock a victim's address
 * out). The peer of the connection is the client unless it is a trusted proxy; then the header's entries are read
 * from the right (each proxy appends the address it saw), skipping trusted proxies, and the first other entry is the
 * client. Entries further left were written by the client and prove nothing. The gateway trusts the ingress in front
 * of it and sends the services exactly one address; the services trust only the gateway.
 */
public final class TrustedProxies {

    public static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    /** A range: its first address's bytes and how many leading bits must match. */
    private record Range(byte[] network, int bits) {
        static Range parse(String cidr) {
            int slash = cidr.indexOf('/');
            String address = slash < 0 ? cidr : cidr.substring(0, slash);
            if (!isAddress(address)) {
                throw new IllegalArgumentException("not an address or CIDR range: " + cidr);
            }
            byte[] network = bytes(address);
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("bad prefix length: " + cidr);
            }
            return new Range(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> trusted;

    /** @param cidrs addresses or ranges ({@code 10.0.0.0/8}, {@code ::1}) of the proxies to trust */
    public TrustedProxies(List<String> cidrs) {
        this.trusted = cidrs.stream().map(String::trim).filter(c -> !c.isEmpty()).map(Range::parse).toList();
    }

    public boolean trusts(String address) {
        if (!isAddress(address)) {
            return false;
        }
        byte[] bytes = bytes(address);
        for (Range r : trusted) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** The client's address for a request. */
    public String clientAddress(ServerHttpRequest request) {
        return clientAddress(request.getRemoteAddress(), request.getHeaders().get(X_FORWARDED_FOR));
    }

    /** The client's address, given the connection's peer and the {@code X-Forwarded-For} header's values. */
    public String clientAddress(InetSocketAddress peer, List<String> forwardedFor) {
        String hop = peer == null || peer.getAddress() == null ? "unknown" : peer.getAddress().getHostAddress();
        if (!trusts(hop) || forwardedFor == null) {
            return hop;
        }
        List<String> entries = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String entry : value.split(",")) {
                entries.add(entry.trim());
            }
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            String entry = entries.get(i);
            if (!isAddress(entry)) {
                return hop; // not an address: what a trusted proxy saw last is all that is known
            }
            entry = normalised(entry);
            if (!trusts(entry)) {
                return entry;
            }
            hop = entry;
        }
        return hop;
    }

    /** An IP literal (never a name: nothing here resolves a name). */
    static boolean isAddress(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return false;
        }
        if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(s); // a literal: parsed, not looked up
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String normalised(String address) {
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
