package org.caeworkbench.export;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * A run's replay: the selector at up to {@link #MAX_FRAMES} epoch ends, read from and written to
 * {@code selector_history.bin.gz} in the run folder (layout in docs/replay.md).
 *
 * <p>Each frame keeps the epoch's figures (try, epoch, step, T, losses, mean-max, duplicates, seconds), each
 * selector's chosen feature and the probabilities at 8 bits on the heatmap's own colour scale: a probability p
 * is stored as the level round(255 sqrt(p)), the brightness the heatmap gives it, so a replayed frame looks as
 * the live one did and the near-uniform early frames (p near 1/d) keep their detail (1/784 is level 9, not 0).
 * A level is off by at most half a step: |sqrt(p') - sqrt(p)| &le; 1/510.
 *
 * <p>With k d at most {@link #FULL_LIMIT} a frame holds the whole k x d matrix; wider ones (as the live stream)
 * each feature's largest probability and each selector's {@link #TOP} most probable features. Frames are
 * stored as the difference from the frame before (most levels do not change from one epoch to the next), so
 * the compressed file stays small.
 */
public final class SelectorHistory {
    public static final String FILE = "selector_history.bin.gz";
    /** Frames kept at most: every epoch up to this, then every second, fourth, ... (first and last always). */
    public static final int MAX_FRAMES = 300;
    /** Up to this k x d a frame keeps the whole matrix (the trainer's own limit for the live stream). */
    public static final long FULL_LIMIT = 2_000_000;
    /** Most probable features per selector kept in the wide layout. */
    public static final int TOP = 5;
    /** The recorder's memory for the levels of all frames; wider matrices keep fewer frames. */
    public static final long MEMORY_BYTES = 256L << 20;

    private static final int MAGIC = 0x43414548;   // "CAEH"
    private static final int VERSION = 1;

    /** One epoch end. Probabilities are levels (see {@link #level}); {@code levels} is k x d, or null in the wide layout. */
    public record Frame(int tryNumber, int epoch, long step, double temperature, double trainLoss, double validationLoss,
                        double meanMaxProbability, int duplicates, double seconds, int[] selected, byte[] levels,
                        byte[] featureMaxLevels, int[] topFeatures, byte[] topLevels) {

        /** softmax(L), k x d, from the levels; null in the wide layout. */
        public float[] probabilities() {
            return levels == null ? null : probabilities(levels);
        }

        /** Each feature's largest probability over the selectors. */
        public float[] featureMax() {
            return probabilities(featureMaxLevels);
        }

        /** Each selector's most probable features' probabilities (k x TOP); null in the full layout. */
        public float[] topProbabilities() {
            return topLevels == null ? null : probabilities(topLevels);
        }

        private static float[] probabilities(byte[] l) {
            float[] p = new float[l.length];
            for (int i = 0; i < l.length; i++) p[i] = probability(l[i]);
            return p;
        }
    }

    private final int k;
    private final int d;
    private final boolean full;
    private final List<Frame> frames;
    private byte[] encoded;          // the file's bytes at LEVEL, once asked for (the frames never change)

    /** Frames all in the full layout (levels) or all in the wide one (top features); the first frame decides. */
    public SelectorHistory(int k, int d, List<Frame> frames) {
        this(k, d, frames.isEmpty() ? full(k, d) : frames.get(0).levels() != null, frames);
    }

    private SelectorHistory(int k, int d, boolean full, List<Frame> frames) {
        this.k = k;
        this.d = d;
        this.full = full;
        this.frames = List.copyOf(frames);
        for (Frame f : this.frames) {
            if ((f.levels() != null) != full || f.selected().length != k || f.featureMaxLevels().length != d)
                throw new IllegalArgumentException("a frame does not match the history's shape (k " + k + ", d " + d + ")");
        }
    }

    public int k() { return k; }
    public int d() { return d; }
    public List<Frame> frames() { return frames; }
    public int size() { return frames.size(); }
    public Frame frame(int i) { return frames.get(i); }
    /** Whether the frames hold the whole matrix (else each feature's maximum and each selector's top few). */
    public boolean full() { return full; }

    /** Selectors' most probable features a frame of the wide layout keeps. */
    public int top() { return Math.min(TOP, d); }

    /**
     * {@code n} frames spread evenly over these (the first and the last always among them); all when n is not
     * smaller than the count.
     */
    public SelectorHistory spread(int n) {
        int size = frames.size();
        if (n >= size) return this;
        n = Math.max(Math.min(2, size), n);
        List<Frame> out = new ArrayList<>(n);
        int prev = -1;
        for (int i = 0; i < n; i++) {
            int at = n == 1 ? 0 : (int) Math.round((double) i * (size - 1) / (n - 1));
            if (at != prev) out.add(frames.get(at));
            prev = at;
        }
        return new SelectorHistory(k, d, full, out);
    }

    /** The same frames in the wide layout: each feature's maximum and each selector's {@link #top()} most probable features. */
    public SelectorHistory wide() {
        if (!full) return this;
        int top = top();
        List<Frame> out = new ArrayList<>(frames.size());
        int[] idx = new int[top];
        byte[] val = new byte[top];
        for (Frame f : frames) {
            int[] tf = new int[k * top];
            byte[] tl = new byte[k * top];
            for (int i = 0; i < k; i++) {
                // the top levels of row i, largest first (insertion into a short list; ties: lower feature first)
                int filled = 0;
                for (int j = 0; j < d; j++) {
                    int v = f.levels()[i * d + j] & 0xFF;
                    if (filled == top && v <= (val[top - 1] & 0xFF)) continue;
                    int at = filled < top ? filled++ : top - 1;
                    while (at > 0 && (val[at - 1] & 0xFF) < v) {
                        idx[at] = idx[at - 1];
                        val[at] = val[at - 1];
                        at--;
                    }
                    idx[at] = j;
                    val[at] = (byte) v;
                }
                System.arraycopy(idx, 0, tf, i * top, top);
                System.arraycopy(val, 0, tl, i * top, top);
            }
            out.add(new Frame(f.tryNumber(), f.epoch(), f.step(), f.temperature(), f.trainLoss(), f.validationLoss(), f.meanMaxProbability(),
                    f.duplicates(), f.seconds(), f.selected(), null, f.featureMaxLevels(), tf, tl));
        }
        return new SelectorHistory(k, d, false, out);
    }

    public static boolean full(int k, int d) {
        return (long) k * d <= FULL_LIMIT;
    }

    /** Frames a recording of this shape keeps at most: {@link #MAX_FRAMES}, fewer when the levels would pass {@link #MEMORY_BYTES}. */
    public static int maxFrames(int k, int d) {
        long perFrame = full(k, d) ? (long) k * d + d : (long) d + (long) k * TOP * 5;
        return (int) Math.max(8, Math.min(MAX_FRAMES, MEMORY_BYTES / Math.max(1, perFrame)));
    }

    // ------------------------------------------------------------------ quantisation

    /** A probability's 8-bit level on the heatmap's scale: round(255 sqrt(p)), p clamped to [0, 1]. */
    public static byte level(float p) {
        float c = p > 0 ? (p < 1 ? p : 1) : 0;
        return (byte) Math.round(255 * (float) Math.sqrt(c));
    }

    /** The probability a level stands for: (level / 255)^2. */
    public static float probability(byte level) {
        float s = (level & 0xFF) / 255f;
        return s * s;
    }

    /** Levels of a whole array. */
    public static byte[] levels(float[] p) {
        byte[] l = new byte[p.length];
        for (int i = 0; i < p.length; i++) l[i] = level(p[i]);
        return l;
    }

    // ------------------------------------------------------------------ file

    /** Reads a run folder's history; null when it has none (a run written before replays existed, or with it off). */
    public static SelectorHistory readRun(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        return Files.isRegularFile(file) ? read(file) : null;
    }

    /** Reads a history file; a damaged one is an IOException whose message is one sentence naming it. */
    public static SelectorHistory read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(new BufferedInputStream(raw), 1 << 16), 1 << 16))) {
            if (in.readInt() != MAGIC) throw new IOException("not a selector history");
            int version = in.readInt();
            if (version != VERSION) throw new IOException("version " + version + " is not known to this program");
            int k = in.readInt();
            int d = in.readInt();
            int n = in.readInt();
            boolean full = in.readBoolean();
            if (k <= 0 || d <= 0 || n < 0 || n > 1_000_000 || (full && !full(k, d)))
                throw new IOException("its header is impossible (k " + k + ", d " + d + ", " + n + " frames)");
            int top = Math.min(TOP, d);
            List<Frame> frames = new ArrayList<>(n);
            int[] prevSelected = new int[k];
            byte[] prevLevels = full ? new byte[k * d] : null;
            byte[] prevMax = new byte[d];
            for (int f = 0; f < n; f++) {
                int tryNumber = in.readInt();
                int epoch = in.readInt();
                long step = in.readLong();
                double t = in.readDouble();
                double trainLoss = in.readDouble();
                double valLoss = in.readDouble();
                double meanMax = in.readDouble();
                int duplicates = in.readInt();
                double seconds = in.readDouble();
                int[] selected = new int[k];
                for (int i = 0; i < k; i++) {
                    selected[i] = prevSelected[i] + in.readInt();
                    if (selected[i] < 0 || selected[i] >= d) throw new IOException("frame " + (f + 1) + " selects feature " + selected[i] + " of " + d);
                }
                byte[] levels = null;
                int[] topFeatures = null;
                byte[] topLevels = null;
                byte[] max = undelta(in, prevMax);
                if (full) {
                    levels = undelta(in, prevLevels);
                    prevLevels = levels;
                } else {
                    topFeatures = new int[k * top];
                    for (int i = 0; i < topFeatures.length; i++) {
                        topFeatures[i] = in.readInt();
                        if (topFeatures[i] < 0 || topFeatures[i] >= d) throw new IOException("frame " + (f + 1) + " names feature " + topFeatures[i] + " of " + d);
                    }
                    topLevels = new byte[k * top];
                    in.readFully(topLevels);
                }
                prevMax = max;
                prevSelected = selected;
                frames.add(new Frame(tryNumber, epoch, step, t, trainLoss, valLoss, meanMax, duplicates, seconds, selected, levels, max, topFeatures, topLevels));
            }
            if (in.read() != -1) throw new IOException("it goes on after its last frame");
            return new SelectorHistory(k, d, full, frames);
        } catch (EOFException e) {
            throw new IOException(file + " is damaged (it ends early); the run's other files are unaffected, only its replay is lost.");
        } catch (ZipException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "); the run's other files are unaffected, only its replay is lost.");
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) throw e;
            throw new IOException(file + " is damaged (" + e.getMessage() + "); the run's other files are unaffected, only its replay is lost.");
        }
    }

    /** Frames kept at least in the full layout by {@link #fitting}; with fewer the wide layout is used. */
    public static final int MIN_FULL_FRAMES = 32;

    /**
     * This history cut to fit {@code budget} bytes of file: all of it when it fits; else in the full layout the most
     * frames (spread evenly, first and last kept) that fit, if that is at least {@link #MIN_FULL_FRAMES} or all; else
     * the wide layout with the most frames that fit (at least the first and last).
     */
    public SelectorHistory fitting(long budget) throws IOException {
        long all = encodedSize();       // compressing is this method's whole cost: once per candidate
        if (all <= budget) return this;
        SelectorHistory best = full ? largestFitting(budget, all) : null;
        if (best != null && (best.size() >= MIN_FULL_FRAMES || best.size() == size())) return best;
        SelectorHistory wideAll = wide();
        SelectorHistory wide = wideAll.largestFitting(budget, wideAll.encodedSize());
        if (wide != null && (best == null || wide.size() > best.size())) return wide;
        return best != null ? best : wideAll.spread(2);
    }

    /**
     * The most frames (evenly spread; within about 1/16) whose file fits, or null when not even the first and last do;
     * {@code all} is this history's own {@link #encodedSize}.
     */
    private SelectorHistory largestFitting(long budget, long all) throws IOException {
        if (all <= budget) return this;
        int lo = 1;                 // the most frames known to fit (1: none known)
        int hi = size();            // the fewest known not to fit
        SelectorHistory found = null;
        int guess = (int) Math.max(2, Math.min(size() - 1, (long) size() * budget / Math.max(1, all)));
        while (hi - lo > 1 && guess >= 2) {
            SelectorHistory h = spread(guess);
            if (h.encodedSize() <= budget) {
                lo = guess;
                found = h;
                if (hi - lo <= Math.max(1, hi / 16)) break;
            } else {
                hi = guess;
            }
            guess = (lo + hi) >>> 1;
        }
        return found;
    }

    /** The compressed file's size in bytes. */
    public long encodedSize() throws IOException {
        return encoded().length;
    }

    /**
     * gzip's level for the run folder's file and for {@link #encodedSize}: the default (6). On an MNIST run's history the
     * best level (9) made the file 3% smaller and took 7 times as long, and {@link #fitting} compresses several candidates.
     */
    static final int LEVEL = Deflater.DEFAULT_COMPRESSION;

    /** The file's bytes at {@link #LEVEL}, compressed once: {@link #fitting} measures a candidate, {@link #write} writes it. */
    private byte[] encoded() throws IOException {
        byte[] e = encoded;
        if (e == null) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            compress(bytes, LEVEL);
            encoded = e = bytes.toByteArray();
        }
        return e;
    }

    /** Writes the history into {@code file} atomically, compressed at gzip's default level ({@link #LEVEL}). */
    public void write(Path file) throws IOException {
        byte[] e = encoded();
        AtomicFiles.write(file, raw -> raw.write(e));
    }

    /** The same at a {@link Deflater} level (BEST_SPEED for the copy beside a checkpoint). */
    public void write(Path file, int level) throws IOException {
        if (level == LEVEL) write(file);
        else AtomicFiles.write(file, raw -> compress(raw, level));
    }

    /** {@link #writeTo} through gzip at {@code level} into {@code raw} (left open). */
    private void compress(java.io.OutputStream raw, int level) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16) {
            { def.setLevel(level); }
        };
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
        writeTo(out);
        out.flush();
        gz.finish();
    }

    /** The file's bytes before compression (header and frames), as {@link #write} lays them out. */
    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(k);
        out.writeInt(d);
        out.writeInt(frames.size());
        out.writeBoolean(full);
        int[] prevSelected = new int[k];
        byte[] prevLevels = full ? new byte[k * d] : null;
        byte[] prevMax = new byte[d];
        for (Frame f : frames) {
            out.writeInt(f.tryNumber());
            out.writeInt(f.epoch());
            out.writeLong(f.step());
            out.writeDouble(f.temperature());
            out.writeDouble(f.trainLoss());
            out.writeDouble(f.validationLoss());
            out.writeDouble(f.meanMaxProbability());
            out.writeInt(f.duplicates());
            out.writeDouble(f.seconds());
            for (int i = 0; i < k; i++) out.writeInt(f.selected()[i] - prevSelected[i]);
            delta(out, f.featureMaxLevels(), prevMax);
            if (prevLevels != null) {
                delta(out, f.levels(), prevLevels);
                prevLevels = f.levels();
            } else {
                for (int v : f.topFeatures()) out.writeInt(v);
                out.write(f.topLevels());
            }
            prevMax = f.featureMaxLevels();
            prevSelected = f.selected();
        }
    }

    private static void delta(DataOutputStream out, byte[] cur, byte[] prev) throws IOException {
        byte[] b = new byte[cur.length];
        for (int i = 0; i < cur.length; i++) b[i] = (byte) (cur[i] - prev[i]);
        out.write(b);
    }

    private static byte[] undelta(DataInputStream in, byte[] prev) throws IOException {
        byte[] b = new byte[prev.length];
        in.readFully(b);
        for (int i = 0; i < b.length; i++) b[i] = (byte) (b[i] + prev[i]);
        return b;
    }
}
