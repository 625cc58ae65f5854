package dev.parley.events.data;

import java.util.UUID;

/**
 * {@code data} of {@code event.notification.mention} (keyed by the mentioned user): the guide's mention
 * notification — where, which message, by whom — with an excerpt of the message.
 */
public record MentionData(UUID roomId, String roomName, UUID messageId, UserSummary mentionedBy, String excerpt) {
}
