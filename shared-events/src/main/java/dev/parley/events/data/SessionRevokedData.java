package dev.parley.events.data;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code data} of {@code event.user.session.revoke}.
 *
 * @param sessionId the ended session ({@code sid} of its access tokens)
 * @param userId    whose session it was
 * @param reason    {@code logout} or {@code reuse} (a rotated refresh token came back)
 * @param revokedAt when it ended
 * @param until     until when its access tokens could still be presented (revocation time plus the access-token
 *                  lifetime): consumers may forget the revocation after it
 */
public record SessionRevokedData(UUID sessionId, UUID userId, String reason, Instant revokedAt, Instant until) {
}
