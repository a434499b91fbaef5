package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Assertions on whole training runs, shared by the tests of resuming (core) and of step mode (app). */
public final class RunAssertions {
    private RunAssertions() {}

    /** The same run, bit for bit: status, selection, parameters, tries, epochs, every epoch's record and the messages. */
    public static void assertSameRun(SelectionResult expected, SelectionResult actual) {
        assertEquals(expected.status(), actual.status());
        assertArrayEquals(expected.selected(), actual.selected(), "selected features");
        assertArrayEquals(expected.model().parameters(), actual.model().parameters(), "parameters");
        assertEquals(expected.tries(), actual.tries());
        assertEquals(expected.epochs(), actual.epochs());
        assertEquals(expected.history().size(), actual.history().size());
        for (int i = 0; i < expected.history().size(); i++) {
            EpochRecord a = expected.history().get(i);
            EpochRecord b = actual.history().get(i);
            String at = "try " + a.tryNumber() + ", epoch " + a.epoch();
            assertEquals(a.tryNumber(), b.tryNumber(), at);
            assertEquals(a.epoch(), b.epoch(), at);
            assertEquals(a.step(), b.step(), "step, " + at);
            assertEquals(a.trainLoss(), b.trainLoss(), 0.0, "train loss, " + at);
            assertEquals(a.validationLoss(), b.validationLoss(), 0.0, "validation loss, " + at);
            assertEquals(a.meanMaxProbability(), b.meanMaxProbability(), 0.0, "mean-max, " + at);
            assertEquals(a.temperature(), b.temperature(), 0.0, "temperature, " + at);
        }
        assertEquals(expected.messages(), actual.messages());
    }
}
