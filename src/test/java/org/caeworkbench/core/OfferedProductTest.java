package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A product handed to the selector's helper ({@link OfferedProduct}) is the product, bit for bit, whoever computed
 * which piece: all by the helper, all by the training thread (the helper never got to it), and a piece the helper
 * was still computing when the training thread needed it (taken over; the helper's late result thrown away). The
 * helper is held with latches, so each path is taken on purpose rather than by the luck of the scheduler.
 */
class OfferedProductTest {
    private static final int K = 2, D = 5;    // the pipeline's own (tiny) selector: only its helper thread matters here
    private static final int B = 256, ROWS = 200, COLS = 784;   // a product of several pieces: [h, 1]^T dOut
    private static final double ALPHA = 2.0 / (B * COLS);

    private static INDArray random(long seed, int r, int c) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, r, c).subi(0.5);
    }

    private static float[] whole(INDArray h, INDArray dOut) {
        INDArray c = Nd4j.create(DataType.FLOAT, ROWS, COLS);
        new Gemm().gemm(h, dOut, c, true, false, ALPHA, 0.0);
        return c.data().asFloat();
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < until, "the helper never finished");
            Thread.onSpinWait();
        }
    }

    @Test
    void theHelpersPiecesTheTrainersAndATakenOverOneAreAllTheProductsBits() throws Exception {
        INDArray h = random(1, B, ROWS), dOut = random(2, B, COLS);
        float[] expected = whole(h, dOut);
        INDArray c = Nd4j.create(DataType.FLOAT, ROWS, COLS);
        try (SelectorPipeline pipeline = new SelectorPipeline(K, D, 7, true);
             OfferedProduct product = pipeline.offers(new OfferedProduct(pipeline))) {
            // 1. the helper does every piece while the step it belongs to is announced
            pipeline.announce(0, new float[K * D], 1f);
            product.offer(0, h, dOut, c, true, false, ALPHA);
            assertTrue(product.pieces() > 2, "pieces: " + product.pieces());
            await(product::helperFinished);
            product.collect();
            assertArrayEquals(expected, c.data().asFloat());
            assertEquals(product.pieces(), product.helperPieces);
            assertEquals(0, product.trainerPieces);

            // 2. an offer of a step that is no longer announced: the helper leaves it, the training thread does it all
            c.assign(0);
            pipeline.announce(2, new float[K * D], 1f);
            product.offer(1, h, dOut, c, true, false, ALPHA);
            product.collect();
            assertArrayEquals(expected, c.data().asFloat());
            assertEquals(product.pieces(), product.trainerPieces);

            // 3. the helper held inside its second piece: the training thread takes that one and the rest over
            HelperHold inSecond = new HelperHold(2);
            product.helperPieceHook = inSecond;
            c.assign(0);
            long helperBefore = product.helperPieces, trainerBefore = product.trainerPieces;
            product.offer(2, h, dOut, c, true, false, ALPHA);
            assertTrue(inSecond.awaitHeld(), "the helper never started");
            product.collect();      // does not wait for the helper
            inSecond.release();
            assertArrayEquals(expected, c.data().asFloat());
            assertEquals(1, product.helperPieces - helperBefore, "the helper's first piece is used");
            assertEquals(product.pieces() - 1, product.trainerPieces - trainerBefore);
            product.helperPieceHook = null;

            // 4. the next offer is not confused by the late piece the helper threw away: it is the helper's again
            INDArray dOut2 = random(3, B, COLS);
            float[] expected2 = whole(h, dOut2);
            pipeline.announce(3, new float[K * D], 1f);
            c.assign(0);
            product.offer(3, h, dOut2, c, true, false, ALPHA);
            await(product::helperFinished);
            product.collect();
            assertArrayEquals(expected2, c.data().asFloat());
        }
    }

    @Test
    void aStepsTwoProductsOfTwoShapesAreEachTheHelpersAndTheirBits() throws Exception {
        // the output layer's [h, 1]^T dOut, then IP-CAE's dW = dL^T Psi (d x m from a k x d dL and a k x m Psi)
        INDArray h = random(6, B, ROWS), dOut = random(7, B, COLS);
        INDArray dL = random(8, 50, COLS), psi = random(9, 50, 128);
        float[] expectedFirst = whole(h, dOut);
        INDArray ip = Nd4j.create(DataType.FLOAT, COLS, 128);
        new Gemm().gemm(dL, psi, ip, true, false, 1.0, 0.0);
        float[] expectedSecond = ip.data().asFloat();
        try (SelectorPipeline pipeline = new SelectorPipeline(K, D, 7, true);
             OfferedProduct product = pipeline.offers(new OfferedProduct(pipeline))) {
            for (int step = 0; step < 3; step++) {     // the helper's buffers are made once and used again
                INDArray first = Nd4j.create(DataType.FLOAT, ROWS, COLS), second = Nd4j.create(DataType.FLOAT, COLS, 128);
                pipeline.announce(step, new float[K * D], 1f);
                long helperBefore = product.helperPieces;
                product.offer(step, h, dOut, first, true, false, ALPHA);
                int firstPieces = product.pieces();
                await(product::helperFinished);
                product.offer(step, dL, psi, second, true, false, 1.0);     // collects the first
                assertArrayEquals(expectedFirst, first.data().asFloat());
                assertTrue(product.pieces() > 2, "pieces of the second: " + product.pieces());
                await(product::helperFinished);
                product.collect();
                assertArrayEquals(expectedSecond, second.data().asFloat());
                assertEquals(firstPieces + product.pieces(), product.helperPieces - helperBefore, "every piece of both was the helper's");
            }
        }
    }

    @Test
    void withoutAHelperOrDisabledTheProductIsMadeAtOnce() {
        INDArray h = random(4, B, ROWS), dOut = random(5, B, COLS);
        float[] expected = whole(h, dOut);
        try (SelectorPipeline alone = new SelectorPipeline(K, D, 7, false);
             OfferedProduct product = alone.offers(new OfferedProduct(alone))) {
            INDArray c = Nd4j.create(DataType.FLOAT, ROWS, COLS);
            product.offer(0, h, dOut, c, true, false, ALPHA);
            assertArrayEquals(expected, c.data().asFloat(), "in the destination before any collect");
        }
        try (SelectorPipeline pipeline = new SelectorPipeline(K, D, 7, true);
             OfferedProduct product = pipeline.offers(new OfferedProduct(pipeline))) {
            product.enabled(false);     // two BLAS threads
            INDArray c = Nd4j.create(DataType.FLOAT, ROWS, COLS);
            pipeline.announce(0, new float[K * D], 1f);
            product.offer(0, h, dOut, c, true, false, ALPHA);
            assertArrayEquals(expected, c.data().asFloat());
            assertEquals(0, product.helperPieces);
            // an operand CBLAS cannot read in rows (column-major): the whole product at once, by ND4J, the same values
            c.assign(0);
            product.enabled(true);
            product.offer(1, h.dup('f'), dOut, c, true, false, ALPHA);
            float[] got = c.data().asFloat();
            for (int i = 0; i < got.length; i += 97) assertEquals(expected[i], got[i], 1e-7);
            assertEquals(0, product.helperPieces);
        }
    }
}
