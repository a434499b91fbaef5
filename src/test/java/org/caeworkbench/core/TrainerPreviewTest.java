package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.caeworkbench.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The window's live reconstruction: a listener that asks for a few rows gets the model's reconstruction of them at each epoch end. */
class TrainerPreviewTest {
    @BeforeAll
    static void threads() {
        NativeThreads.configure();
    }

    @Test
    void previewRowsAreReconstructedAtEachEpochEndByTheModelAsItIsThen() {
        Dataset[] split = TrainerTest.scaledSplit(400, 100);
        Dataset train = split[0], test = split[1];
        int d = test.cols();
        float[] rows = Arrays.copyOf(test.values(), 3 * d);
        List<float[]> previews = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override public float[] previewRows() { return rows; }
            @Override public void onPreview(float[] reconstruction) { previews.add(reconstruction); }
        };
        TrainingConfig cfg = TrainerTest.shortRun().epochs(6).convergenceOff().build();
        SelectionResult r = new Trainer(cfg).train(train, test, listener, null);
        assertEquals(6, previews.size(), "one reconstruction an epoch");
        for (float[] p : previews) assertEquals(rows.length, p.length);
        // the last one is the trained model's own reconstruction of those rows
        assertArrayEquals(r.model().reconstruct(rows, 3), previews.get(5), 1e-6f);
        assertTrue(!Arrays.equals(previews.get(0), previews.get(5)), "the reconstruction changes as the model learns");
        // and asking changes nothing in the training
        SelectionResult plain = new Trainer(cfg).train(train, test, null, null);
        assertArrayEquals(plain.model().parameters(), r.model().parameters());
    }
}
