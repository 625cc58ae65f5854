package dev.parley.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class StreamCursorTest {

    final UUID room = UUID.randomUUID();
    final List<String> out = new ArrayList<>();
    final StreamCursor<String> cursor = new StreamCursor<>(4);

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
        long hold = cursor.beginHold();
        cursor.live(room, 3, "3", this::out);
        cursor.live(other, 7, "o7", this::out);
        cursor.live(null, 0, "presence", this::out);
        cursor.begin(room, 0); // the resume
        cursor.endHold(hold);
        assertThat(cursor.drain(this::out)).isEqualTo(StreamCursor.Drain.DONE);
        assertThat(out).containsExactly("o7", "presence"); // in arrival order; room's 3 waits for its replay
        cursor.replay(room, 1, "1", this::out);
        cursor.replay(room, 2, "2", this::out);
        cursor.replay(room, 3, "3", this::out);
        cursor.live(room, 4, "4", this::out); // still resuming: waits
        cursor.end(room, 3, this::out);
        cursor.live(room, 5, "5", this::out);
        assertThat(out).containsExactly("o7", "presence", "1", "2", "3", "4", "5");
    }

    @Test
    void aHoldKeepsEveryEventInArrivalOrderAndItsDrainWaitsForTheQueue() {
        List<String> queue = new ArrayList<>();
        java.util.function.Predicate<String> twoAtATime = f -> queue.size() < 2 && queue.add(f);
        long hold = cursor.beginHold();
        cursor.live(room, 1, "1", twoAtATime);
        cursor.live(null, 0, "typing", twoAtATime);
        cursor.live(room, 2, "2", twoAtATime);
        assertThat(queue).isEmpty();
        assertThat(cursor.drain(twoAtATime)).isEqualTo(StreamCursor.Drain.HOLDING);
        cursor.endHold(hold + 1); // a later hold's end: not this one
        assertThat(cursor.drain(twoAtATime)).isEqualTo(StreamCursor.Drain.HOLDING);
        cursor.endHold(hold);
        assertThat(cursor.drain(twoAtATime)).isEqualTo(StreamCursor.Drain.BLOCKED);
        assertThat(queue).containsExactly("1", "typing");
        // a frame arriving while others still wait goes behind them, not ahead
        cursor.live(room, 3, "3", twoAtATime);
        out.addAll(queue);
        queue.clear();
        assertThat(cursor.drain(twoAtATime)).isEqualTo(StreamCursor.Drain.DONE);
        out.addAll(queue);
        assertThat(out).containsExactly("1", "typing", "2", "3");
        assertThat(cursor.waiting()).isZero();
    }

    @Test
    void aHoldThatGrowsPastItsBoundCountsAsTooSlow() {
        cursor.beginHold();
        boolean taken = true;
        for (int i = 1; i <= StreamCursor.MAX_HELD + 1; i++) {
            taken = cursor.live(room, i, Integer.toString(i), this::out);
        }
        assertThat(taken).isFalse();
    }

    @Test
    void behindTheHeldFramesAStalledSocketGetsOnlyItsOwnQueueSizeMore() {
        long hold = cursor.beginHold();
        for (int i = 1; i <= 10; i++) {
            cursor.live(room, i, Integer.toString(i), this::out);
        }
        cursor.endHold(hold);
        java.util.function.Predicate<String> stalled = f -> false;
        for (int i = 11; i <= 14; i++) {
            assertThat(cursor.live(room, i, Integer.toString(i), stalled)).isTrue();
        }
        assertThat(cursor.live(room, 15, "15", stalled)).isFalse(); // a fifth behind ten held: too slow
    }
}
