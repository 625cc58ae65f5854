package dev.parley.room.chat;

import java.util.List;

import org.springframework.context.ApplicationContext;

import dev.parley.events.data.MessageData;

/** What the tests of other packages need of the package-private {@link MessageProjection}: a batch stored directly. */
public final class TestMessageProjection {

    private TestMessageProjection() {
    }

    public static void sentAll(ApplicationContext context, List<MessageData> sent) {
        context.getBean(MessageProjection.class).sentAll(sent).block();
    }
}
