package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.junit.jupiter.api.Test;

/** The step's multiplies straight into OpenBLAS: the same bits as ND4J's, on views at an offset too. */
class GemmTest {
    private final Gemm gemm = new Gemm();

    /** An r x c matrix that is a view at an offset into a larger flat buffer, as the model's parameter views are. */
    private static INDArray viewAt(INDArray flat, long from, int r, int c) {
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, from + (long) r * c)).reshape('c', r, c);
    }

    private static float[] host(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    @Test
    void everyTransposeGivesNd4jsBitsOnViewsAtAnOffset() {
        Nd4j.getRandom().setSeed(7);
        INDArray flat = Nd4j.rand(DataType.FLOAT, 1, 20_000);
        int m = 37, n = 29, kk = 53;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                INDArray a = ta ? viewAt(flat, 101, kk, m) : viewAt(flat, 101, m, kk);
                INDArray b = tb ? viewAt(flat, 5003, n, kk) : viewAt(flat, 5003, kk, n);
                assertTrue(a.offset() > 0 && b.offset() > 0, "the operands are views at an offset");
                INDArray c0 = Nd4j.rand(DataType.FLOAT, m, n);
                INDArray expected = c0.dup();
                INDArray actual = c0.dup();
                Nd4j.gemm(a, b, expected, ta, tb, 0.75, -1.0);
                gemm.gemm(a, b, actual, ta, tb, 0.75, -1.0);
                assertArrayEquals(host(expected), host(actual), "transposeA " + ta + ", transposeB " + tb);
                // and the product is the product: against a plain triple loop
                float[] av = host(a), bv = host(b), cv = host(c0), got = host(actual);
                for (int i = 0; i < m; i += 9) {
                    for (int j = 0; j < n; j += 7) {
                        double sum = 0;
                        for (int t = 0; t < kk; t++)
                            sum += (ta ? av[t * m + i] : av[i * kk + t]) * (double) (tb ? bv[j * kk + t] : bv[t * n + j]);
                        assertEquals(0.75 * sum - cv[i * n + j], got[i * n + j], 1e-4);
                    }
                }
            }
        }
    }

    @Test
    void writesIntoAViewAtAnOffsetAndLeavesTheRestOfItsBuffer() {
        INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, 100);
        INDArray c = viewAt(flat, 40, 2, 3);
        INDArray a = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
        INDArray b = Nd4j.createFromArray(new float[][] {{1, 0, 1}, {0, 1, 1}});
        gemm.gemm(a, b, c, false, false, 1.0, 0.0);
        float[] all = flat.data().asFloat();
        assertArrayEquals(new float[] {1, 2, 3, 3, 4, 7}, java.util.Arrays.copyOfRange(all, 40, 46));
        assertEquals(0f, all[39]);
        assertEquals(0f, all[46]);
    }

    @Test
    void anOperandNotInRowsGoesToNd4jAndIsStillRight() {
        INDArray a = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}}).transpose();   // a column-major view
        INDArray b = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}});
        INDArray c = Nd4j.create(DataType.FLOAT, 2, 2);
        gemm.gemm(a, b, c, false, false, 1.0, 0.0);
        assertArrayEquals(new float[] {1, 3, 2, 4}, host(c));
    }

    @Test
    void dotAndMismatchedShapes() {
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(91.0, gemm.dot(x, x), 0.0);
        INDArray a = Nd4j.create(DataType.FLOAT, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gemm.gemm(a, a, Nd4j.create(DataType.FLOAT, 2, 2), false, false, 1, 0));
        assertTrue(e.getMessage().contains("2 x 3 x 2 x 3"), e.getMessage());
    }

    /**
     * Rows computed apart are the whole product's bits (what lets the helper compute pieces of a gradient): the
     * output layer's weight gradient of an MNIST step, [h, 1]^T dOut (76 x 784, inner 256), and a taller one, in
     * pieces that start at multiples of {@link OfferedProduct#ROW_BLOCK} rows; and every transpose on views at an offset.
     */
    @Test
    void rowsComputedApartAreTheWholeProductsBits() {
        Nd4j.getRandom().setSeed(11);
        INDArray h = Nd4j.rand(DataType.FLOAT, 256, 76).subi(0.5);
        INDArray dOut = Nd4j.rand(DataType.FLOAT, 256, 784).subi(0.5);
        INDArray whole = Nd4j.create(DataType.FLOAT, 76, 784);
        gemm.gemm(h, dOut, whole, true, false, 2.0 / (256 * 784), 0.0);
        for (int[] cuts : new int[][] {{0, 48, 76}, {0, 48, 96, 144, 192, 240, 256}}) {
            int rows = cuts[cuts.length - 1];
            INDArray hh = h.get(NDArrayIndex.all(), NDArrayIndex.interval(0, Math.min(76, rows)));
            INDArray left = rows > 76 ? Nd4j.rand(DataType.FLOAT, 256, rows) : hh.dup('c');
            INDArray all = Nd4j.create(DataType.FLOAT, rows, 784);
            gemm.gemm(left, dOut, all, true, false, 2.0 / (256 * 784), 0.0);
            INDArray pieces = Nd4j.create(DataType.FLOAT, rows, 784);
            for (int p = cuts.length - 2; p >= 0; p--)
                gemm.gemmRows(left, dOut, pieces, true, false, 2.0 / (256 * 784), 0.0, cuts[p], cuts[p + 1]);
            assertArrayEquals(host(all), host(pieces), "cuts " + java.util.Arrays.toString(cuts));
        }
        INDArray flat = Nd4j.rand(DataType.FLOAT, 1, 40_000);
        int m = 100, n = 75, kk = 181;    // three pieces, the last of 4 rows
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                INDArray a = ta ? viewAt(flat, 101, kk, m) : viewAt(flat, 101, m, kk);
                INDArray b = tb ? viewAt(flat, 20_003, n, kk) : viewAt(flat, 20_003, kk, n);
                INDArray c0 = Nd4j.rand(DataType.FLOAT, m, n);
                INDArray expected = c0.dup();
                gemm.gemm(a, b, expected, ta, tb, 0.75, -1.0);
                INDArray actual = c0.dup();
                for (int from = 0; from < m; from += OfferedProduct.ROW_BLOCK)
                    gemm.gemmRows(a, b, actual, ta, tb, 0.75, -1.0, from, Math.min(m, from + OfferedProduct.ROW_BLOCK));
                assertArrayEquals(host(expected), host(actual), "transposeA " + ta + ", transposeB " + tb);
            }
        }
    }
}
