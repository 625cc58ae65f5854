package dev.parley.events.data;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * {@code data} of {@code event.notification.mention} (keyed by the mentioned user): the guide's mention
 * notification — where, which message, by whom — with an excerpt of the message.
 */
public record MentionData(UUID roomId, @Nullable String roomName, UUID messageId, UserSummary mentionedBy,
        @Nullable String excerpt) {
}
