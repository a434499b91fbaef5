package org.caeworkbench.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every reader needs besides its file: the options, the notes it takes, and progress reporting. */
final class ReadContext {
    private static final Logger log = LoggerFactory.getLogger(ReadContext.class);
    /** Report progress at most every this many bytes. */
    private static final long STEP = 1 << 20;

    final String name;
    final ReadOptions opts;
    /** 0 reads every sample; n > 0 reads the first n only (a preview). */
    final int previewSamples;
    private final List<String> notes = new ArrayList<>();
    private final List<String> labelChoices = new ArrayList<>();
    private final List<String> matrixChoices = new ArrayList<>();
    private String matrixRead;
    private int pass = 1;
    private boolean featureRows;
    private int passes = 1;

    ReadContext(String name, ReadOptions opts, int previewSamples) {
        this.name = name;
        this.opts = opts;
        this.previewSamples = previewSamples;
    }

    ReadContext(String name, ReadOptions opts) {
        this(name, opts, 0);
    }

    boolean isPreview() { return previewSamples > 0; }

    /** How many of {@code available} samples to read: all, or the preview's few. */
    int samplesToRead(int available) {
        return previewSamples > 0 ? Math.min(previewSamples, available) : available;
    }

    /** Whether a table was read with features as rows (set by the CSV/TSV reader). */
    boolean featureRows() { return featureRows; }

    void featureRows(boolean rows) { featureRows = rows; }

    /** The names a label column may take, for a preview's choice (column names, row names, obs columns). */
    List<String> labelChoices() { return labelChoices; }

    void labelChoices(List<String> names) {
        labelChoices.clear();
        labelChoices.addAll(names);
    }

    /** The matrices an .h5ad file holds, as --layer names them (X, its layers, raw.X); empty for other formats. */
    List<String> matrixChoices() { return matrixChoices; }

    void matrixChoices(List<String> names) {
        matrixChoices.clear();
        matrixChoices.addAll(names);
    }

    /** The matrix read, as --layer names it (one of {@link #matrixChoices}); null for formats with one matrix. */
    String matrixRead() { return matrixRead; }

    void matrixRead(String name) { matrixRead = name; }

    /** A decision the user should hear about: kept with the data, and passed to the listener when the read succeeds. */
    void note(String sentence) {
        String s = sentence.endsWith(".") ? sentence : sentence + ".";
        if (notes.contains(s)) return;
        notes.add(s);
        log.debug("{}", s);
    }

    /** Tells the listener the notes, once the read has succeeded (a failed read says only why it failed). */
    void deliverNotes() {
        for (String n : notes) opts.progress().note(n);
    }

    List<String> notes() { return notes; }

    /** The read goes over its input {@code passes} times; this is pass {@code pass} (1-based). */
    void pass(int pass, int passes) {
        this.pass = pass;
        this.passes = passes;
    }

    /** Reports {@code done} of {@code total} units of the current pass. */
    void progress(long done, long total) {
        if (total <= 0) return;
        opts.progress().progress((pass - 1) * total + Math.min(done, total), passes * total);
    }

    /** Opens a file (gzip or not) counting the bytes read from disk as progress of the current pass. */
    InputStream open(Path file) throws IOException {
        long total = Files.size(file);
        return DataFiles.open(file, in -> new Counting(in, total));
    }

    private final class Counting extends FilterInputStream {
        private final long total;
        private long done;
        private long reported;

        Counting(InputStream in, long total) {
            super(in);
            this.total = Math.max(1, total);
        }

        @Override public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count(n);
            return n;
        }

        private void count(long n) {
            done += n;
            if (done - reported >= STEP || done >= total) {
                reported = done;
                progress(done, total);
            }
        }
    }
}
