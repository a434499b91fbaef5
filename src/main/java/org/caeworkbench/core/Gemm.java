package org.caeworkbench.core;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training step's matrix multiplies, straight into OpenBLAS's {@code cblas_sgemm} (the library ND4J
 * loads, with the threads {@link NativeThreads} set), on the arrays' own memory.
 *
 * <p>Why not {@code Nd4j.gemm}: for the small multiplies of a step (a few hundred rows, tens to a few
 * hundred columns) ND4J's path around the same {@code cblas_sgemm} call costs a noticeable share of the
 * step. Each call builds an {@code Mmul} op (with a random UUID from {@code SecureRandom}), an op context,
 * shape buffers allocated and freed natively (page faults), and JavaCPP pointers, each of which reads
 * {@code /proc/self/statm} to check the process's memory; and all of that code must be compiled by the JIT
 * in the first seconds of a run, on the same two cores as training. A steady-state profile of MNIST
 * training put ND4J's share at about 10% of the training thread (docs/performance.md). Here a call is
 * one JNI call with three reusable pointer objects: nothing is allocated.
 *
 * <p>The result is the same computation: libnd4j hands a row-major product to OpenBLAS the way the
 * row-major CBLAS interface does (as the column-major product of the transposes), so the same kernels run
 * on the same blocks ({@code GemmTest} holds the bits equal). An operand that is not a row-major matrix with
 * unit column stride, or not float, goes to {@code Nd4j.gemm}.
 *
 * <p>One instance per thread: the pointer objects are reused from call to call.
 */
final class Gemm {
    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    private final Operand a = new Operand();
    private final Operand b = new Operand();
    private final Operand c = new Operand();

    /**
     * c = alpha op(a) op(b) + beta c, op being the transpose where asked: the contract of
     * {@code Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta)}.
     */
    void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha, double beta) {
        if (!direct(a) || !direct(b) || !direct(c)) {
            Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
            return;
        }
        int m = (int) c.rows();
        int n = (int) c.columns();
        int kk = (int) (transposeA ? a.rows() : a.columns());
        if ((transposeA ? a.columns() : a.rows()) != m || (transposeB ? b.rows() : b.columns()) != n
                || (transposeB ? b.columns() : b.rows()) != kk)
            throw new IllegalArgumentException("gemm: shapes " + shape(a, transposeA) + " x " + shape(b, transposeB)
                    + " do not give " + m + " x " + n);
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transposeA ? TRANS : NO_TRANS, transposeB ? TRANS : NO_TRANS, m, n, kk,
                (float) alpha, this.a.at(a), lead(a), this.b.at(b), lead(b), (float) beta, this.c.at(c), lead(c));
    }

    /**
     * Rows [from, to) of {@link #gemm}'s c (the same contract): one call on those rows of c and of op(a). Pieces that
     * start at multiples of {@link OfferedProduct#ROW_BLOCK} rows go through the same kernel code row by row as the
     * whole product and give its bits, even when different threads compute them ({@code GemmTest}); other cuts may
     * differ in the last bit.
     */
    void gemmRows(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha, double beta, int from, int to) {
        if (!direct(a) || !direct(b) || !direct(c))
            throw new IllegalArgumentException("gemmRows needs row-major float matrices with unit column stride");
        int n = (int) c.columns();
        int kk = (int) (transposeA ? a.rows() : a.columns());
        if (from < 0 || to > c.rows() || from >= to || (transposeA ? a.columns() : a.rows()) != c.rows()
                || (transposeB ? b.rows() : b.columns()) != n || (transposeB ? b.columns() : b.rows()) != kk)
            throw new IllegalArgumentException("gemmRows: rows " + from + ".." + to + " of " + shape(a, transposeA) + " x "
                    + shape(b, transposeB) + " into " + c.rows() + " x " + n);
        // op(a)'s row r: a's column r when transposed (the next element), else a's row r (a leading dimension further)
        long aSkip = transposeA ? from : (long) from * lead(a);
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transposeA ? TRANS : NO_TRANS, transposeB ? TRANS : NO_TRANS, to - from, n, kk,
                (float) alpha, this.a.at(a, aSkip), lead(a), this.b.at(b), lead(b), (float) beta, this.c.at(c, (long) from * lead(c)), lead(c));
    }

    /**
     * c = alpha op(a) op(b) + beta c on the leading m x kk, kk x n and m x n parts of three row-major buffers with the
     * given leading dimensions (the arrays' own shapes are not read): for products over a packed prefix of an array,
     * such as the minibatch restricted to its live columns ({@link LiveColumns}).
     */
    void gemm(int m, int n, int kk, INDArray a, int lda, boolean transposeA, INDArray b, int ldb, boolean transposeB,
              INDArray c, int ldc, double alpha, double beta) {
        if (!contiguous(a) || !contiguous(b) || !contiguous(c)
                || (long) (transposeA ? kk - 1 : m - 1) * lda + (transposeA ? m : kk) > a.length()
                || (long) (transposeB ? n - 1 : kk - 1) * ldb + (transposeB ? kk : n) > b.length()
                || (long) (m - 1) * ldc + n > c.length())
            throw new IllegalArgumentException("gemm: " + m + " x " + kk + " x " + n + " does not fit the buffers");
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transposeA ? TRANS : NO_TRANS, transposeB ? TRANS : NO_TRANS, m, n, kk,
                (float) alpha, this.a.at(a), lda, this.b.at(b), ldb, (float) beta, this.c.at(c), ldc);
    }

    /** The dot product of two contiguous float arrays of equal length, by {@code cblas_sdot}. */
    double dot(INDArray x, INDArray y) {
        if (!contiguous(x) || !contiguous(y) || x.length() != y.length()) return Nd4j.getBlasWrapper().dot(x, y);
        return openblas_nolapack.cblas_sdot((int) x.length(), a.at(x), 1, b.at(y), 1);
    }

    /** A float matrix, row-major, with unit column stride: the layout CBLAS reads with a leading dimension. */
    static boolean direct(INDArray m) {
        return m.rank() == 2 && m.dataType() == DataType.FLOAT && m.ordering() == 'c' && (m.columns() == 1 || m.stride(1) == 1)
                && m.stride(0) >= Math.max(1, m.columns());
    }

    /** A float array whose elements lie one after another (a vector, or a row-major array without gaps). */
    private static boolean contiguous(INDArray v) {
        return v.dataType() == DataType.FLOAT && v.elementWiseStride() == 1 && (v.isVectorOrScalar() || v.ordering() == 'c');
    }

    /** The leading dimension: the distance between rows (at least 1 for CBLAS). */
    private static int lead(INDArray m) {
        return (int) Math.max(1, m.rows() == 1 ? m.columns() : m.stride(0));
    }

    private static String shape(INDArray m, boolean t) {
        return t ? m.columns() + " x " + m.rows() : m.rows() + " x " + m.columns();
    }

    /** A pointer object whose address is set to an array's first element before each call; it owns no memory. */
    private static final class Operand extends FloatPointer {
        Operand() {
            super((Pointer) null);
        }

        FloatPointer at(INDArray m) {
            return at(m, 0);
        }

        /** At the array's element {@code skip} places after its first. */
        FloatPointer at(INDArray m, long skip) {
            Pointer base = m.data().pointer();
            address = base.address() + (base.position() + m.offset() + skip) * Float.BYTES;
            position = 0;
            return this;
        }
    }
}
