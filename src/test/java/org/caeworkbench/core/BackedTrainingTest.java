package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.caeworkbench.data.BackedMatrix;
import org.caeworkbench.data.Backing;
import org.caeworkbench.data.DataPreparation;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.PreparedData;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.data.Scaling;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training out of core ({@code --backed}): the epoch visits the file's chunks in a shuffled order, reading
 * each about once, a stopped run resumes to the same end, and the selector finds what it finds in memory.
 */
class BackedTrainingTest {
    @TempDir static Path dir;
    static PreparedData disk;
    static PreparedData memory;

    /**
     * 2,000 cells × 60 genes, CSR, about 4% non-zero (so the selector's products go over the non-zeros):
     * genes 0–4 are independent sources, every other gene a noisy copy of one of them, thinned out.
     */
    @BeforeAll
    static void data() throws Exception {
        NativeThreads.configure();
        int cells = 2000, genes = 60;
        java.util.Random r = new java.util.Random(16);
        float[] data = new float[cells * genes];
        int[] indices = new int[cells * genes];
        long[] indptr = new long[cells + 1];
        int at = 0;
        for (int c = 0; c < cells; c++) {
            float[] source = new float[5];
            for (int s = 0; s < 5; s++) source[s] = r.nextDouble() < 0.3 ? 1 + r.nextInt(20) : 0;
            for (int g = 0; g < genes; g++) {
                float v = g < 5 ? source[g] : source[g % 5] > 0 && r.nextDouble() < 0.05 ? source[g % 5] + r.nextInt(3) : 0;
                if (v != 0) { data[at] = v; indices[at++] = g; }
            }
            indptr[c + 1] = at;
        }
        Path file = dir.resolve("cells.h5ad");
        try (WritableHdfFile f = HdfFile.write(file)) {
            WritableGroup x = f.putGroup("X");
            x.putAttribute("encoding-type", "csr_matrix");
            x.putAttribute("shape", new long[] {cells, genes});
            x.putDataset("data", Arrays.copyOf(data, at));
            x.putDataset("indices", Arrays.copyOf(indices, at));
            x.putDataset("indptr", indptr);
            f.putGroup("obs");
            f.putGroup("var");
        }
        System.setProperty("cae.backedChunkValues", "400");   // about 50 cells a chunk: 40 chunks, more than the cache holds
        try {
            disk = DataPreparation.prepare(new DataSpec(file, ReadOptions.defaults().withBacking(Backing.DISK), null, null, 0.2, 3, Scaling.AUTO));
        } finally {
            System.clearProperty("cae.backedChunkValues");
        }
        memory = DataPreparation.prepare(new DataSpec(file, ReadOptions.defaults().withBacking(Backing.MEMORY), null, null, 0.2, 3, Scaling.AUTO));
    }

    @AfterAll
    static void done() {
        System.clearProperty("cae.backedChunkValues");
    }

    static TrainingConfig.Builder config() {
        return TrainingConfig.builder().k(5).epochs(6).batchSize(32).learningRate(1e-2).hidden("8").dropout(0.1).seed(5).convergenceOff();
    }

    @Test
    void theEpochOrderGroupsTheRowsByChunk() {
        Dataset train = disk.train();
        int chunkRows = train.matrix().chunkRows();
        int[] order = new int[train.rows()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Random random = new java.util.Random(1);
        Trainer.shuffle(order, random);
        Trainer.groupByChunk(order, train, chunkRows, random);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) assertEquals(i, sorted[i], "a permutation of the rows");
        // the chunks change only at the borders of groups of SHUFFLE_WINDOW chunks: no chunk comes back later
        List<Integer> seen = new java.util.ArrayList<>();
        java.util.Set<Integer> group = new java.util.HashSet<>();
        for (int i : order) {
            int chunk = train.matrixRow(i) / chunkRows;
            if (group.contains(chunk)) continue;
            if (group.size() == BackedMatrix.SHUFFLE_WINDOW) { seen.addAll(group); group.clear(); }
            assertTrue(!seen.contains(chunk), "chunk " + chunk + " visited again after its group");
            group.add(chunk);
        }
        // and within a group the rows of its chunks are mixed, not one chunk after another
        int switches = 0;
        for (int i = 1; i < 4 * chunkRows && i < order.length; i++)
            if (train.matrixRow(order[i]) / chunkRows != train.matrixRow(order[i - 1]) / chunkRows) switches++;
        assertTrue(switches > BackedMatrix.SHUFFLE_WINDOW * 4, "rows of the first group mixed: " + switches + " switches");
    }

    @Test
    void eachChunkIsReadAboutOnceAnEpoch() {
        BackedMatrix m = assertInstanceOf(BackedMatrix.class, disk.train().matrix());
        long before = m.chunksRead();
        int epochs = 3;
        new Trainer(config().epochs(epochs).build()).train(disk.train(), null, null, null);
        long read = m.chunksRead() - before;
        // (a plain shuffle of the rows reads a chunk for nearly every row: some 40 chunks a minibatch here)
        long most = (long) epochs * m.chunks();
        assertTrue(read <= most, read + " chunks read in " + epochs + " epochs of " + m.chunks() + " chunks");
    }

    @Test
    void aStoppedRunResumesToTheSameEnd() {
        TrainingConfig cfg = config().build();
        SelectionResult straight = new Trainer(cfg).train(disk.train(), disk.test(), null, null);
        TrainerResumeTest.Keep keep = new TrainerResumeTest.Keep();
        Cancellation cancel = new Cancellation();
        SelectionResult stopped = new Trainer(cfg).checkpoints(keep, 0).train(disk.train(), disk.test(), new TrainingListener() {
            @Override public void onSnapshot(TrainingSnapshot s) {
                if (s.epochEnd() && s.epoch() == 3) cancel.cancel();
            }
        }, cancel);
        assertEquals(SelectionResult.Status.CANCELLED, stopped.status());
        TrainerResumeTest.assertSameRun(straight, new Trainer(cfg).resume(keep.at(1, 3), disk.train(), disk.test(), null, null));
        assertTrue(straight.messages().stream().anyMatch(s -> s.startsWith("Training out of core")), straight.messages().toString());
    }

    @Test
    void theSelectorFindsTheSourcesAsItDoesInMemory() {
        assertTrue(TrainingStep.sparseProductsPay(disk.train().matrix()), "the sparse products are tested");
        TrainingConfig cfg = config().epochs(40).hidden("none").dropout(0).build();
        int[] fromDisk = new Trainer(cfg).train(disk.train(), null, null, null).selected();
        int[] inMemory = new Trainer(cfg).train(memory.train(), null, null, null).selected();
        // five independent sources: each selector on a different one (a gene g holds a copy of source g % 5)
        assertEquals(5, Arrays.stream(fromDisk).map(g -> g % 5).distinct().count(), Arrays.toString(fromDisk));
        assertEquals(5, Arrays.stream(inMemory).map(g -> g % 5).distinct().count(), Arrays.toString(inMemory));
    }
}
