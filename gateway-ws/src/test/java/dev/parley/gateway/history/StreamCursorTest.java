package dev.parley.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class StreamCursorTest {

    final UUID room = UUID.randomUUID();
    final List<String> out = new ArrayList<>();
    final StreamCursor cursor = new StreamCursor();

    boolean out(String frame) {
        return out.add(frame);
    }

    @Test
    void liveFramesPassOnceAndInOrder() {
        cursor.live(room, 1, "1", this::out);
        cursor.live(room, 2, "2", this::out);
        cursor.live(room, 2, "2 again", this::out);
        cursor.live(room, 1, "1 again", this::out);
        assertThat(out).containsExactly("1", "2");
    }

    @Test
    void framesArrivingDuringAResumeFollowTheReplaySortedAndOnce() {
        cursor.begin(room, 2);
        cursor.live(room, 6, "6", this::out);
        cursor.live(room, 5, "5", this::out);
        cursor.replay(room, 3, "3", this::out);
        cursor.replay(room, 4, "4", this::out);
        cursor.replay(room, 5, "5", this::out);
        cursor.end(room, 5, this::out);
        assertThat(out).containsExactly("3", "4", "5", "6");
        assertThat(cursor.lastGiven(room)).isEqualTo(6);
    }

    @Test
    void aResumeAfterLiveFramesFillsOnlyTheGapBeforeThem() {
        cursor.live(room, 5, "5", this::out);
        cursor.live(room, 6, "6", this::out);
        cursor.begin(room, 2);
        for (long s = 3; s <= 6; s++) {
            cursor.replay(room, s, Long.toString(s), this::out);
        }
        cursor.end(room, 6, this::out);
        cursor.live(room, 7, "7", this::out);
        assertThat(out).containsExactly("5", "6", "3", "4", "7");
    }

    @Test
    void whatTheClientMustFetchItselfIsNotSentAfterwards() {
        cursor.begin(room, 0);
        cursor.live(room, 30, "30", this::out);
        cursor.live(room, 31, "31", this::out);
        cursor.end(room, 30, this::out); // recovered:false up to 30
        assertThat(out).containsExactly("31");
    }

    @Test
    void framesBeforeTheFirstFrameWaitAndARoomBeingResumedGetsThemAfterItsReplay() {
        UUID other = UUID.randomUUID();
        cursor.beginGrace();
        cursor.live(room, 3, "3", this::out);
        cursor.live(other, 7, "o7", this::out);
        cursor.begin(room, 0); // the auth frame's resume
        assertThat(out).isEmpty();
        cursor.replay(room, 1, "1", this::out);
        cursor.replay(room, 2, "2", this::out);
        cursor.replay(room, 3, "3", this::out);
        cursor.live(room, 4, "4", this::out); // still resuming: waits
        cursor.end(room, 3, this::out);
        cursor.live(room, 5, "5", this::out); // grace still on, room not resuming: waits for the end of the grace
        cursor.endGrace(this::out);
        cursor.live(room, 6, "6", this::out);
        assertThat(out.subList(0, 4)).containsExactly("1", "2", "3", "4");
        assertThat(out.subList(4, 6)).containsExactlyInAnyOrder("o7", "5"); // rooms are independent
        assertThat(out.get(6)).isEqualTo("6");
    }
}
