package org.caeworkbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a data file into a {@link Dataset}: CSV or TSV (gzip or not), GCT 1.2, a 10x Genomics matrix
 * folder (Matrix Market), an AnnData .h5ad file or MNIST IDX. Every problem with the file becomes a
 * {@link DataException} with one sentence naming the file, line and column; no other checked or
 * parsing exception escapes, and a matrix that would not fit in memory is refused before it is
 * allocated.
 */
public final class DatasetReader {
    private static final Logger log = LoggerFactory.getLogger(DatasetReader.class);
    /** The HDF5 signature, which .h5ad files start with. */
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private DatasetReader() {}

    public static Dataset read(Path file, ReadOptions opts) throws DataException {
        return read(file, opts, LineSource.DEFAULT_MAX_LINE_CHARS, 0).head();
    }

    /** As {@link #read(Path, ReadOptions)}, saying also how the file was read. */
    public static Preview readWithReport(Path file, ReadOptions opts) throws DataException {
        return read(file, opts, LineSource.DEFAULT_MAX_LINE_CHARS, 0);
    }

    /**
     * The first {@code samples} samples of a file, read as {@link #read} would read them (same format,
     * orientation, names and labels), for a preview; with the names a label column may take. When the
     * file has features as rows, only its first few hundred features are read.
     */
    public static Preview preview(Path file, ReadOptions opts, int samples) throws DataException {
        if (samples <= 0) throw new IllegalArgumentException("a preview needs at least one sample");
        return read(file, opts, LineSource.DEFAULT_MAX_LINE_CHARS, samples);
    }

    /**
     * A file as read, or the start of it (a preview).
     *
     * @param head         the data: every sample, or a preview's first samples
     * @param format       the format the file was read as
     * @param orientation  how the file lay: SAMPLES_AS_ROWS or FEATURES_AS_ROWS (transposed while reading)
     * @param labelChoices names the label column may take (columns, rows or obs columns); empty when the
     *                     format has no place for labels
     * @param matrixChoices the matrices of an HDF5 file as {@code --layer} names them (X first, then its layers, then
     *                     raw.X; a MuData file's modalities, the one read by default first); empty for other formats
     * @param matrixRead    the one of them read; null for other formats
     */
    public record Preview(Dataset head, Format format, Orientation orientation, List<String> labelChoices, List<String> matrixChoices,
                          String matrixRead) {
        /** Whether the file offers a choice of matrix: more than one, or one that is not X. */
        public boolean offersMatrices() {
            return offersMatrices(matrixChoices);
        }

        /** Whether {@code matrices} (as {@link #matrixChoices}) offer a choice: more than one, or one that is not X. */
        public static boolean offersMatrices(List<String> matrices) {
            return matrices.size() > 1 || (matrices.size() == 1 && !matrices.get(0).equals("X"));
        }
    }

    /** As {@link #read(Path, ReadOptions)} with another line-length limit (tests use a small one). */
    static Dataset read(Path file, ReadOptions opts, int maxLineChars) throws DataException {
        return read(file, opts, maxLineChars, 0).head();
    }

    private static Preview read(Path file, ReadOptions opts, int maxLineChars, int previewSamples) throws DataException {
        Objects.requireNonNull(file, "file");
        ReadOptions options = opts == null ? ReadOptions.defaults() : opts;
        if (!Files.exists(file)) throw new DataException(file + " does not exist");
        if (!Files.isReadable(file)) throw new DataException(file + " cannot be read (permission denied)");
        String name = DataFiles.displayName(file);
        ReadContext ctx = new ReadContext(name, options, previewSamples);
        long start = System.nanoTime();
        Dataset dataset;
        Format format;
        try {
            format = options.format() != Format.AUTO ? options.format() : autoFormat(file);
            if (Files.isDirectory(file) && format != Format.MTX) {
                throw new DataException(file + " is a folder; only a 10x Genomics folder (matrix.mtx with features and"
                        + " barcodes) can be opened as a folder, otherwise choose a data file in it");
            }
            if (options.layer() != null && format != Format.H5AD)
                throw new DataException(name + " is " + describe(format) + ", which has one matrix; --layer names a matrix of an .h5ad"
                        + " file (a layer or raw.X), so leave it out");
            dataset = readFormat(file, format, ctx, maxLineChars);
            if (options.labelsFile() != null && format != Format.IDX) {
                dataset = SampleLabels.apply(dataset, options.labelsFile(), ctx);
            }
        } catch (IOException e) {
            throw DataFiles.explain(e, name);
        } catch (OutOfMemoryError e) {
            // the half-read buffers are garbage by now, so the application can carry on
            throw new DataException(name + " does not fit in the memory Java may use (" + MemoryBudget.size(Runtime.getRuntime().maxMemory())
                    + "); read fewer features with --read-top-variable N, or start Java with a larger -Xmx", e);
        }
        if (previewSamples == 0) dataset = sparseIfMostlyZero(dataset);
        if (options.dropUnlabelled()) dataset = withoutUnlabelled(dataset, ctx);
        if (!ctx.notes().equals(dataset.notes())) dataset = dataset.withNotes(ctx.notes());
        ctx.deliverNotes();
        log.debug("read {} as {} in {} ms", dataset, format, (System.nanoTime() - start) / 1_000_000);
        Orientation orientation = switch (format) {
            case GCT, MTX -> Orientation.FEATURES_AS_ROWS;
            case CSV, TSV, AUTO -> ctx.featureRows() ? Orientation.FEATURES_AS_ROWS : Orientation.SAMPLES_AS_ROWS;
            default -> Orientation.SAMPLES_AS_ROWS;
        };
        return new Preview(dataset, format, orientation, List.copyOf(ctx.labelChoices()), List.copyOf(ctx.matrixChoices()),
                ctx.matrixRead());
    }

    /** The samples that have a label (a view of them), with a note saying how many were left out; the data as they are when all have one. */
    static Dataset withoutUnlabelled(Dataset d, ReadContext ctx) throws DataException {
        String[] labels = d.labels();
        if (labels == null) return d;
        int[] keep = new int[labels.length];
        int kept = 0;
        int firstLeft = -1;
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] != null) keep[kept++] = r;
            else if (firstLeft < 0) firstLeft = r;
        }
        if (kept == labels.length) return d;
        if (kept == 0) throw new DataException(ctx.name + ": no sample has a label, so --unlabelled drop would leave none; choose another"
                + " label column or labels file, or read it without labels");
        ctx.note(String.format(Locale.ROOT, "%s: left out %,d of the %,d samples, which have no label (--unlabelled drop), the first '%s'",
                ctx.name, labels.length - kept, labels.length, DelimitedReader.shorten(d.sampleIds().get(firstLeft))));
        return d.selectRows(java.util.Arrays.copyOf(keep, kept));
    }

    /**
     * A dense table that is mostly zeros (fewer non-zeros than {@link CsrMatrix#DENSITY_THRESHOLD}) as a
     * sparse matrix, which takes less memory and trains with the sparse selector product. Images stay
     * dense (their pixels are shown as images, and MNIST is 19% non-zero anyway).
     */
    static Dataset sparseIfMostlyZero(Dataset d) {
        if (d.isSparse() || d.isImage() || !d.isPlainDense()) return d;
        float[] v = d.values();
        long nonZero = 0;
        for (float x : v) if (x != 0) nonZero++;
        if (!CsrMatrix.worthIt(nonZero, d.rows(), d.cols())) return d;
        return new Dataset(d.name(), CsrMatrix.of(d.rows(), d.cols(), v), d.featureNames(), d.sampleIds(), d.labels(), null, d.notes());
    }

    private static Dataset readFormat(Path file, Format format, ReadContext ctx, int maxLineChars) throws IOException, DataException {
        ReadOptions opts = ctx.opts;
        if (opts.orientation() != Orientation.AUTO && (format != Format.CSV && format != Format.TSV)) {
            String fixed = format == Format.GCT || format == Format.MTX ? "features as rows" : "samples as rows";
            boolean clash = (opts.orientation() == Orientation.FEATURES_AS_ROWS) != fixed.startsWith("features");
            if (clash) {
                throw new DataException(ctx.name + " is " + describe(format) + ", which always has " + fixed
                        + "; leave out --transpose / --no-transpose");
            }
        }
        Dataset d = readWhole(file, format, ctx, maxLineChars);
        int keep = opts.keepTopVariable();
        if (keep > 0 && keep < d.cols() && format != Format.MTX && format != Format.H5AD && !ctx.isPreview()) {
            // dense formats are read whole first; the same ranking as the sparse readers use while reading
            FeatureVariance variance = new FeatureVariance(d.cols());
            float[] v = d.values();
            for (int r = 0, at = 0; r < d.rows(); r++) for (int c = 0; c < d.cols(); c++) variance.add(c, v[at++]);
            int[] top = variance.top(keep, d.rows());
            MemoryBudget.require(ctx.name, 4L * d.rows() * top.length, d.rows(), top.length);
            ctx.note(String.format(Locale.ROOT, "%s: kept the %,d most variable of %,d features (ranked by %s); %s files are read"
                    + " whole first, only 10x and h5ad files are thinned while reading", ctx.name, top.length, d.cols(),
                    variance.criterion(), format.name()));
            d = d.selectColumns(top);
        }
        return d;
    }

    private static Dataset readWhole(Path file, Format format, ReadContext ctx, int maxLineChars) throws IOException, DataException {
        ReadOptions opts = ctx.opts;
        switch (format) {
            case IDX:
                return IdxReader.read(file, labelsFileFor(file, opts), ctx);
            case GCT:
                try (InputStream in = ctx.open(file)) {
                    LineSource lines = new LineSource(new InputStreamReader(in, StandardCharsets.UTF_8), ctx.name, maxLineChars);
                    return GctReader.read(ctx, lines, DataFiles.uncompressedSize(file));
                }
            case MTX:
                return MatrixMarketReader.read(file, ctx);
            case H5AD:
                return H5adReader.read(file, ctx);
            default:
                char delimiter = format == Format.CSV ? ',' : format == Format.TSV ? '\t' : 0;
                try (InputStream in = ctx.open(file)) {
                    LineSource lines = new LineSource(new InputStreamReader(in, StandardCharsets.UTF_8), ctx.name, maxLineChars);
                    return DelimitedReader.read(ctx, lines, delimiter, DataFiles.uncompressedSize(file));
                }
        }
    }

    /** The format {@link #read} will read the file as: the one forced in the options, else the detected one. */
    public static Format formatOf(Path file, ReadOptions opts) throws DataException {
        if (opts != null && opts.format() != Format.AUTO) return opts.format();
        if (!Files.exists(file)) throw new DataException(file + " does not exist");
        try {
            return autoFormat(file);
        } catch (IOException e) {
            throw DataFiles.explain(e, DataFiles.displayName(file));
        }
    }

    /** {@link #detect}, after refusing a spreadsheet workbook or a zip archive in one sentence (the file's head read once). */
    private static Format autoFormat(Path file) throws IOException, DataException {
        if (Files.isDirectory(file)) return Format.MTX;
        byte[] head = head(file);
        refuseArchives(file, head);
        return detect(file, head);
    }

    /** The first 8 bytes of a file (fewer when it is shorter), as stored: the signatures are not compressed. */
    private static byte[] head(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            return raw.readNBytes(8);
        }
    }

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    /**
     * A spreadsheet workbook (Excel's .xlsx or .xls, OpenDocument's .ods) or a zip archive is not a table this program
     * reads: one sentence says what to save or unpack instead.
     */
    private static void refuseArchives(Path file, byte[] head) throws DataException {
        String name = DataFiles.displayName(file);
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        boolean zip = head.length >= 4 && java.util.Arrays.equals(java.util.Arrays.copyOf(head, 4), ZIP_MAGIC);
        boolean ole2 = head.length == 8 && java.util.Arrays.equals(head, OLE2_MAGIC);
        if ((zip || ole2) && (lower.endsWith(".xlsx") || lower.endsWith(".xlsm") || lower.endsWith(".xls") || lower.endsWith(".ods") || ole2))
            throw new DataException(name + " is a spreadsheet workbook, not a text table; save the sheet as CSV"
                    + " (in Excel: File > Save As > CSV UTF-8) and open that file.");
        if (zip) throw new DataException(name + " is a zip archive; unpack it and open the data file (or 10x folder) inside.");
    }

    /** "a GCT file", "a 10x matrix", for messages. */
    static String describe(Format f) {
        return switch (f) {
            case GCT -> "a GCT file";
            case MTX -> "a 10x Genomics / Matrix Market matrix";
            case H5AD -> "an AnnData .h5ad, MuData .h5mu, 10x .h5 or Loom file";
            case IDX -> "an IDX file";
            case CSV -> "a CSV file";
            case TSV -> "a TSV file";
            case AUTO -> "a data file";
        };
    }

    /**
     * The format of a file when AUTO is asked, from its content first and its name second: a folder is a
     * 10x matrix folder; the HDF5 signature means h5ad; IDX by its magic number; a (decompressed) first
     * line {@code %%MatrixMarket} means MTX and {@code #1.2} GCT; then the extension (.h5ad, .gct, .mtx,
     * .csv, .tsv/.tab, ignoring .gz); otherwise CSV or TSV by counting commas and tabs in the first line.
     */
    public static Format detect(Path file) throws IOException {
        return Files.isDirectory(file) ? Format.MTX : detect(file, head(file));
    }

    private static Format detect(Path file, byte[] head) throws IOException {
        if (head.length == 8 && java.util.Arrays.equals(head, HDF5_MAGIC)) return Format.H5AD;
        byte[] first;
        try (InputStream in = DataFiles.open(file)) {
            first = DataFiles.peek(in, 4096);
        }
        if (IdxReader.isIdxMagic(first)) return Format.IDX;
        String text = new String(first, StandardCharsets.ISO_8859_1);
        if (text.startsWith("%%MatrixMarket") || text.startsWith("%%matrixmarket")) return Format.MTX;
        if (text.startsWith("#1.2") || text.startsWith("#1.3")) return Format.GCT;
        Format byName = detect(DataFiles.displayName(file), first);
        if (byName != Format.AUTO) return byName;
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.chars().filter(c -> c == '\t').count() > line.chars().filter(c -> c == ',').count() ? Format.TSV : Format.CSV;
    }

    /** An AnnData's matrix in an HDF5 file: the AnnData's group ("" or "mod/MOD/" of a MuData file) and the matrix's path. */
    public record AnnDataMatrix(String group, String matrix) {}

    /**
     * Where the matrix a read of an .h5ad or .h5mu file with {@code layer} (--layer, or null) takes lies in it, found
     * without reading it (for code that reads the file elsewhere: the report's snippets); null for a 10x .h5 or a Loom file.
     */
    public static AnnDataMatrix anndataMatrix(Path file, String layer) throws DataException {
        return H5adReader.matrixPath(file, layer);
    }

    /** The format a file's name suggests (its extension, ignoring .gz; IDX for a name containing "idx"); AUTO when it does not tell. */
    public static Format detectByName(String name) {
        return detect(name, new byte[0]);
    }

    /**
     * The first line of a text file that is neither blank nor a comment ('#'), decompressed, up to 64 KB of the file;
     * "" when there is none. For writing code that reads the file elsewhere (the report's snippets).
     */
    public static String firstLine(Path file) throws IOException {
        byte[] first;
        try (InputStream in = DataFiles.open(file)) {
            first = DataFiles.peek(in, 65536);
        }
        for (String line : new String(first, StandardCharsets.UTF_8).split("\r?\n", -1)) {
            if (!line.isBlank() && !line.startsWith("#")) return line;
        }
        return "";
    }

    /**
     * The format by IDX magic bytes, then by extension (ignoring .gz), then IDX by a name containing
     * "idx"; AUTO when neither tells.
     */
    static Format detect(String name, byte[] first4) {
        if (IdxReader.isIdxMagic(first4)) return Format.IDX;
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz")) lower = lower.substring(0, lower.length() - 3);
        if (lower.endsWith(".h5ad") || lower.endsWith(".h5") || lower.endsWith(".loom") || lower.endsWith(".h5mu")) return Format.H5AD;
        if (lower.endsWith(".gct")) return Format.GCT;
        if (lower.endsWith(".mtx")) return Format.MTX;
        if (lower.endsWith(".csv")) return Format.CSV;
        if (lower.endsWith(".tsv") || lower.endsWith(".tab")) return Format.TSV;
        if (lower.contains("idx")) return Format.IDX;
        return Format.AUTO;
    }

    /** The labels file given, or the images file's sibling with "images-idx3" turned into "labels-idx1". */
    static Path labelsFileFor(Path images, ReadOptions opts) throws DataException {
        if (opts.labelsFile() != null) {
            DataFiles.checkReadable(opts.labelsFile());
            return opts.labelsFile();
        }
        String name = DataFiles.displayName(images);
        String labelsName = name.replace("images-idx3", "labels-idx1").replace("images.idx3", "labels.idx1");
        if (labelsName.equals(name)) return null;
        Path candidate = images.resolveSibling(labelsName);
        if (!Files.isRegularFile(candidate)) {
            log.info("no labels file {} next to {}; reading the images without labels", labelsName, name);
            return null;
        }
        return candidate;
    }
}
