package dev.parley.auth.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA keys auth-service signs with. The file holds a JWK set: the FIRST key signs, every key is
 * published in the JWKS, so a new key can be published before it signs and an old one kept until its
 * last token expires (see auth-service/README.md, "Key rotation").
 *
 * <p>If the file does not exist, a 2048-bit development key is generated and written (mode 600).
 */
final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    public static final String FILE_NAME = "signing-keys.jwks.json";

    private final JWKSet keys;

    private SigningKeys(JWKSet keys) {
        if (keys.getKeys().isEmpty()) {
            throw new IllegalArgumentException("the signing key set is empty");
        }
        for (JWK k : keys.getKeys()) {
            if (!(k instanceof RSAKey rsa) || !rsa.isPrivate() || k.getKeyID() == null) {
                throw new IllegalArgumentException("every signing key must be a private RSA key with a kid");
            }
        }
        this.keys = keys;
    }

    public static SigningKeys of(JWKSet keys) {
        return new SigningKeys(keys);
    }

    public static SigningKeys loadOrGenerate(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return new SigningKeys(JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8)));
            }
            Files.createDirectories(dir);
            JWKSet set = new JWKSet(generate());
            Files.writeString(file, set.toString(false), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            log.warn("generated a DEVELOPMENT signing key at {}: mount a managed key in production", file);
            return new SigningKeys(set);
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot load the signing keys from " + file, e);
        }
    }

    public static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key that signs new tokens. */
    public RSAKey active() {
        return (RSAKey) keys.getKeys().get(0);
    }

    /** All keys, private parts included. */
    public JWKSet all() {
        return keys;
    }

    /** What {@code /.well-known/jwks.json} serves: the public halves only. */
    public Map<String, Object> publicJwks() {
        return keys.toPublicJWKSet().toJSONObject(true);
    }

    public List<JWK> list() {
        return keys.getKeys();
    }
}
