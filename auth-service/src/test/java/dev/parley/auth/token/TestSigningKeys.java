package dev.parley.auth.token;

import com.nimbusds.jose.jwk.RSAKey;

/** What the tests of other packages need of the package-private {@link SigningKeys}: fresh keys and the file name. */
public final class TestSigningKeys {

    public static final String FILE_NAME = SigningKeys.FILE_NAME;

    private TestSigningKeys() {
    }

    public static RSAKey generate() {
        return SigningKeys.generate();
    }
}
