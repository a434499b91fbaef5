package org.caeworkbench.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongPredicate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matrix products of a training step that the selector's helper thread may compute while it would otherwise wait
 * for the next step, one offer at a time. First the output layer's weight gradient, dW = [h, 1]^T dOut: nothing else
 * in the step reads it (Adam reads it after the step), so the training thread hands it over ({@link #offer}) and goes
 * on with the rest of the backward pass. A profile of MNIST training showed the helper idle for about a third of each
 * step; this product is about a sixth of the step's multiplies. Then, with IP-CAE's logits, dW = dL^T Psi, which the
 * helper computes while the training thread computes dPsi = dL W beside it (the offer collects the first product).
 *
 * <p>The pipeline's rules hold: the training thread never waits. The product is cut into pieces of rows; the helper
 * claims a piece only while the step it belongs to is still the one announced, and computes it into a buffer of its
 * own. At the step's end ({@link #collect}, before the next step is announced) the training thread goes through the
 * pieces from the last: it copies the ones the helper has done, and computes any other itself into the gradient
 * (a late result of the helper is thrown away). So the two meet in the middle, and what a slow helper wastes is at
 * most one piece, whatever the model's size. The collect must come before the next announcement:
 * after it, the helper may gather the step after next into this step's minibatch buffers ({@link BatchAhead}), one
 * of the operands. Both threads make the same single-threaded {@code cblas_sgemm} call on the same rows
 * ({@link Gemm#gemmRows}), so the gradient is the same bits whichever thread computed which piece, and the same pieces
 * are computed when nothing is handed over.
 *
 * <p>Offers are made only while the multiplies run on one BLAS thread (the trainer's choice, {@link #enabled}): two
 * callers of a threaded OpenBLAS at once would share its thread pool.
 */
final class OfferedProduct implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OfferedProduct.class);
    private static final long OFFERED = 1, CLAIMED = 2, DONE = 3, TAKEN = 4;
    /** Multiply-adds per piece, at least (some 30 microseconds of one core): a call's own cost stays small beside it. */
    static final long PIECE_MIN_MACS = 1_000_000;
    /**
     * Pieces start at multiples of this many rows: a multiple of the blocks of rows (4, 6, 8, 12, 16, 24) in which
     * x86 OpenBLAS kernels go through a product, so each row of a piece is computed by the same kernel code as in the
     * whole product, and the pieces are its bits (GemmTest; with pieces of 8 or 16 rows some values differed in the
     * last bit on the Haswell kernels).
     */
    static final int ROW_BLOCK = 48;
    /** Pieces at most: what a helper that comes late wastes is one piece. */
    static final int MAX_PIECES = 8;

    private final SelectorPipeline pipeline;
    private final Gemm helperGemm = new Gemm();   // the helper's pointers (a Gemm is used by one thread)
    private final Gemm trainerGemm = new Gemm();
    private final AtomicLongArray state = new AtomicLongArray(MAX_PIECES);   // per piece: generation * 8 + phase
    private final AtomicInteger inside = new AtomicInteger();   // helpers computing (0 or 1)
    private volatile boolean closed;
    /** Shapes of product with a buffer of the helper's, at most: a step offers two products (output layer, IP-CAE). */
    static final int MAX_SHAPES = 4;
    private final java.util.List<INDArray> owns = new java.util.ArrayList<>();   // the helper's buffers, one per shape (training thread)
    private long gen;              // the training thread's: the generation of the last offer
    private boolean outstanding;   // an offer not yet collected
    private boolean enabled = true;
    // the last offer, written before the states' volatile writes that publish it
    private INDArray a, b, c;
    private INDArray own;                   // the helper's result, the shape of c
    private java.nio.FloatBuffer ownRows;   // its values, for the copies into the destination
    private boolean transposeA, transposeB;
    private double alpha;
    private long step;
    private int pieces;
    private int pieceRows;

    /** Pieces the helper finished in time and pieces the training thread computed (tests, logs). */
    long helperPieces, trainerPieces;
    volatile Runnable helperPieceHook;   // tests: runs on the helper after it claimed a piece, before computing it

    /**
     * Whether the trainer hands the product over: unless {@code CAE_HELPER_PRODUCTS} (property
     * {@code cae.helperProducts}) is {@code off}, for measuring the engine without it.
     */
    static boolean wanted() {
        return !"off".equalsIgnoreCase(NativeThreads.setting("cae.helperProducts", "CAE_HELPER_PRODUCTS"));
    }

    OfferedProduct(SelectorPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Whether the next offers go to the helper (true) or are computed at once by the caller (false: two BLAS threads). */
    void enabled(boolean on) {
        enabled = on;
    }

    /**
     * The training thread, in step {@code step}: c = alpha op(a) op(b), now or later. The operands must keep their
     * values, and nothing may read c, until {@link #collect}. Computed at once when disabled.
     */
    void offer(long step, INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha) {
        collect();
        if (!Gemm.direct(a) || !Gemm.direct(b) || !Gemm.direct(c)) {     // not rows CBLAS can read in pieces: at once, whole
            trainerGemm.gemm(a, b, c, transposeA, transposeB, alpha, 0.0);
            trainerPieces++;
            return;
        }
        int rows = (int) c.rows();
        long rowMacs = c.columns() * (transposeA ? a.rows() : a.columns());
        // up to MAX_PIECES pieces, each a whole number of ROW_BLOCKs and PIECE_MIN_MACS at least
        int blocks = (rows + ROW_BLOCK - 1) / ROW_BLOCK;
        int perPiece = (blocks + MAX_PIECES - 1) / MAX_PIECES;
        while (perPiece < blocks && (long) perPiece * ROW_BLOCK * rowMacs < PIECE_MIN_MACS) perPiece++;
        pieceRows = Math.min(rows, perPiece * ROW_BLOCK);
        pieces = (rows + pieceRows - 1) / pieceRows;
        this.a = a;
        this.b = b;
        this.c = c;
        this.transposeA = transposeA;
        this.transposeB = transposeB;
        this.alpha = alpha;
        this.step = step;
        outstanding = true;
        gen++;          // every offer: a piece's state from an earlier one never matches this one's
        if (!enabled || closed) {
            collect();       // each piece here
            return;
        }
        INDArray mine = buffer(c.rows(), c.columns());
        if (mine == null) {      // more shapes than buffers: here, at once
            collect();
            return;
        }
        if (mine != own) {
            own = mine;
            ownRows = mine.data().asNioFloat();
        }
        for (int i = pieces - 1; i >= 0; i--) state.set(i, state(gen, OFFERED));   // piece 0, which the helper looks at, last
        pipeline.wake();
    }

    /**
     * The helper's buffer for a product of this shape, made on its first offer and kept (a late helper may still be
     * writing into the one of an earlier offer, so none is freed before {@link #close}); null once {@link #MAX_SHAPES}
     * shapes have one.
     */
    private INDArray buffer(long rows, long columns) {
        for (INDArray o : owns) if (o.rows() == rows && o.columns() == columns) return o;
        if (owns.size() == MAX_SHAPES) return null;
        INDArray o = Nd4j.create(DataType.FLOAT, rows, columns);
        owns.add(o);
        return o;
    }

    /** Whether the helper has finished every piece of the last offer (tests). */
    boolean helperFinished() {
        for (int i = 0; i < pieces; i++) if (state.get(i) != state(gen, DONE)) return false;
        return true;
    }

    /** Pieces of the last offer. */
    int pieces() {
        return pieces;
    }

    /** The helper: whether an offer waits that it may take ({@code stillOn} its step). */
    boolean waiting(LongPredicate stillOn) {
        return (state.get(0) & 7) == OFFERED && stillOn.test(step);
    }

    /**
     * The helper, between steps: computes the waiting offer's pieces while {@code stillOn} says its step is still the
     * one announced; returns whether it claimed one.
     */
    boolean runIfOffered(LongPredicate stillOn) {
        long st = state.get(0);
        if ((st & 7) != OFFERED) return false;
        inside.incrementAndGet();
        try {
            if (closed) return false;
            long s = step;
            INDArray pa = a, pb = b, pc = own;
            boolean ta = transposeA, tb = transposeB;
            double al = alpha;
            int n = pieces, rows = pieceRows, all = (int) pc.rows();
            long claimed = st - OFFERED + CLAIMED;
            boolean any = false;
            // the fields above belong to the offer of st if a piece's state still says so when it is claimed
            for (int i = 0; i < n; i++) {
                if (!stillOn.test(s) || !state.compareAndSet(i, st, claimed)) break;   // the trainer took it: it has the rest too
                any = true;
                Runnable hook = helperPieceHook;
                if (hook != null) hook.run();
                helperGemm.gemmRows(pa, pb, pc, ta, tb, al, 0.0, i * rows, Math.min(all, (i + 1) * rows));
                state.compareAndSet(i, claimed, st - OFFERED + DONE);    // fails if taken over: thrown away
            }
            return any;
        } finally {
            inside.decrementAndGet();
        }
    }

    /** The training thread: the last offer's product is in its destination when this returns. */
    void collect() {
        if (!outstanding) return;
        outstanding = false;
        int all = (int) c.rows(), cols = (int) c.columns();
        java.nio.FloatBuffer into = null;     // the destination's values, viewed once the first finished piece is copied
        for (int i = pieces - 1; i >= 0; i--) {
            int from = i * pieceRows, to = Math.min(all, from + pieceRows);
            for (;;) {
                long st = state.get(i);
                if (st == state(gen, DONE)) {
                    if (into == null) into = c.data().asNioFloat();
                    into.put((int) c.offset() + from * cols, ownRows, from * cols, (to - from) * cols);
                    helperPieces++;
                    break;
                }
                if (st >= state(gen, TAKEN) || state.compareAndSet(i, st, state(gen, TAKEN))) {   // not started, or still being computed
                    trainerGemm.gemmRows(a, b, c, transposeA, transposeB, alpha, 0.0, from, to);
                    trainerPieces++;
                    break;
                }
                // the helper changed the state in between: look again
            }
        }
        a = b = c = null;
    }

    private static long state(long gen, long phase) {
        return gen * 8 + phase;
    }

    /** Frees the helper's buffer once the helper is out of it (at most one piece: training has stopped). */
    @Override
    public void close() {
        collect();
        LOG.debug("the helper computed {} pieces of the offered products, the training thread {}", helperPieces, trainerPieces);
        closed = true;
        while (inside.get() != 0) Thread.onSpinWait();
        for (INDArray o : owns) o.close();
    }
}
