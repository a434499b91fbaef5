package org.caeworkbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a 10x Genomics matrix folder (Cell Ranger's {@code filtered_feature_bc_matrix/}, or the files
 * GEO serves with a common prefix such as {@code GSM123_matrix.mtx.gz}):
 * <ul>
 * <li>{@code matrix.mtx[.gz]}: Matrix Market coordinate format, {@code %%MatrixMarket matrix coordinate
 *     integer|real|pattern general}, {@code %} comment lines, a size line {@code features cells entries},
 *     then one 1-based {@code feature cell value} entry per line;</li>
 * <li>{@code features.tsv[.gz]} ({@code id<TAB>name<TAB>type}) or the older {@code genes.tsv[.gz]}
 *     ({@code id<TAB>name}): one line per feature;</li>
 * <li>{@code barcodes.tsv[.gz]}: one cell barcode per line.</li>
 * </ul>
 * The matrix has features as rows, so the data set's samples are its cells. Entries are parsed as a
 * stream and written straight into the dense cells × features matrix, after checking that it fits in
 * memory; with {@link ReadOptions#keepTopVariable()} a first pass ranks the features and the second
 * fills only the kept ones. Features are named by gene name (a repeated name gets its id appended),
 * else by id. A Matrix Market file on its own (no features or barcodes next to it) reads too, with
 * numbered names.
 */
final class MatrixMarketReader {
    /** A preview looks at no more entries than this. */
    private static final long PREVIEW_ENTRIES = 2_000_000;

    private final ReadContext ctx;
    private final Path matrix;
    private final String matrixName;
    private boolean pattern;
    private long rows;
    private long cols;
    private long entries;
    private long sizeLine;

    private MatrixMarketReader(ReadContext ctx, Path matrix) {
        this.ctx = ctx;
        this.matrix = matrix;
        this.matrixName = DataFiles.displayName(matrix);
    }

    static Dataset read(Path path, ReadContext ctx) throws IOException, DataException {
        Path matrix = Files.isDirectory(path) ? findMatrix(path) : path;
        try {
            return new MatrixMarketReader(ctx, matrix).read();
        } catch (IOException e) {
            throw DataFiles.explain(e, DataFiles.displayName(matrix));   // name the matrix file, not its folder
        }
    }

    /** The matrix file of a folder: matrix.mtx[.gz], or one file ending in matrix.mtx[.gz]. */
    static Path findMatrix(Path folder) throws IOException, DataException {
        for (String name : List.of("matrix.mtx.gz", "matrix.mtx")) {
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) return p;
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (n.endsWith("matrix.mtx") || n.endsWith("matrix.mtx.gz")) found.add(p);
            }
        }
        if (found.size() == 1) return found.get(0);
        if (found.isEmpty()) {
            throw new DataException(folder + " is a folder without matrix.mtx or matrix.mtx.gz, so not a 10x Genomics folder"
                    + " (matrix.mtx.gz, features.tsv.gz or genes.tsv, barcodes.tsv.gz); choose a data file in it");
        }
        found.sort(null);
        throw new DataException(folder.getFileName() + " holds several matrices (" + found.get(0).getFileName() + ", "
                + found.get(1).getFileName() + (found.size() > 2 ? ", ..." : "") + "); choose the matrix file itself");
    }

    private Dataset read() throws IOException, DataException {
        Path dir = matrix.toAbsolutePath().getParent();
        String prefix = prefixOf(matrixName);
        Path featuresFile = sibling(dir, prefix, "features.tsv", "genes.tsv");
        Path barcodesFile = sibling(dir, prefix, "barcodes.tsv");
        if (ctx.opts.labelColumn() != null && ctx.opts.labelsFile() == null) {
            throw new DataException(matrixName + " is a 10x / Matrix Market matrix, which has no label column; give the labels in a"
                    + " sample annotation file (--labels-file, a barcode,label CSV)");
        }

        try (InputStream in = DataFiles.open(matrix)) {
            readHeader(new AsciiScanner(in, matrixName));
        }
        int d = (int) rows;
        int n = (int) cols;
        int keepCells = ctx.samplesToRead(n);
        int topK = ctx.opts.keepTopVariable();
        boolean ranking = topK > 0 && topK < d && !ctx.isPreview();
        int width0 = ranking ? topK : d;
        // mostly zeros (single-cell counts): kept sparse, the non-zeros only (CsrMatrix.DENSITY_THRESHOLD)
        boolean sparse = !ctx.isPreview() && CsrMatrix.worthIt(entries, d, n);
        if (sparse ? entries > FloatArrayBuilder.MAX_ARRAY : (long) keepCells * width0 > FloatArrayBuilder.MAX_ARRAY) {
            throw new DataException(String.format(Locale.ROOT, "%s has %,d cells × %,d features, more values than one matrix can hold"
                    + " (about 2.1 billion); read fewer features with --read-top-variable N", matrixName, n, width0));
        }
        long inMemory = (sparse ? CsrBuilder.bytesWhileBuilding(entries, keepCells) : 4L * keepCells * width0) + (ranking ? 32L * d : 0);
        Backing backing = ctx.opts.backing();
        // on disk the cells are kept as non-zeros (CSR), whatever the share of zeros, so scaling has no centring there
        boolean backed = !ctx.isPreview() && (backing == Backing.DISK || (backing == Backing.AUTO && sparse && !MemoryBudget.fits(inMemory)));
        // before anything of the matrix's size is made (the names included)
        if (!backed) MemoryBudget.require(matrixName, inMemory, keepCells, width0);
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        if (featuresFile != null) {
            readFeatures(featuresFile, d, ids, names, types);
        } else {
            for (int i = 1; i <= d; i++) ids.add("feature_" + i);
            names.addAll(ids);
            ctx.note(matrixName + ": no features.tsv or genes.tsv next to it, so the features are named feature_1 to feature_" + d);
        }
        List<String> barcodes = new ArrayList<>();
        if (barcodesFile != null) {
            readBarcodes(barcodesFile, n, barcodes);
        } else {
            for (int j = 1; j <= n; j++) barcodes.add("cell_" + j);
            ctx.note(matrixName + ": no barcodes.tsv next to it, so the cells are named cell_1 to cell_" + n);
        }
        // Ensembl ids beside symbols: both are kept for the exports (the names stay the symbols, as before)
        Dataset.GeneNames genes = featuresFile == null ? null : Dataset.GeneNames.ifEnsembl(ids, names);
        if (featuresFile != null) {
            UniqueNames.makeUnique(names, ids, i -> "line " + (i + 1) + " of " + featuresFile.getFileName(), "gene names", ctx);
        }
        noteFeatureTypes(types);

        int[] column = null;   // feature → column of the data set, -1 = dropped
        int kept = d;
        if (ranking) {
            FeatureVariance.Kept keep = FeatureVariance.keepTop(variance -> scanEntries((i, j, v) -> variance.add(i, v)),
                    d, n, topK, names, matrixName, ctx);
            column = keep.column();
            kept = keep.count();
            names = keep.names();
            if (genes != null) genes = genes.select(keptFeatures(column, kept));
        }
        final int width = kept;
        final int[] map = column;
        List<String> sampleIds0 = barcodes.subList(0, keepCells);
        if (backed) {
            BackedMatrix onDisk = new BackedMatrix(spill(keepCells, width, map));
            ctx.note(matrixName + ": " + onDisk.readNote(backing == Backing.AUTO ? inMemory : -1));
            return new Dataset(ctx.name, onDisk, names, sampleIds0, null, null, ctx.notes()).withGeneNames(genes);
        }
        if (sparse) {
            CsrBuilder b = new CsrBuilder(keepCells, width, entries);
            scanEntries((i, j, v) -> {
                if (j >= keepCells) return;
                int c = map == null ? i : map[i];
                if (c >= 0) b.add(j, c, v);
            });
            try {
                return new Dataset(ctx.name, b.build(), names, sampleIds0, null, null, ctx.notes()).withGeneNames(genes);
            } catch (IllegalArgumentException twice) {
                throw new DataException(matrixName + ": a feature of a cell is given a second time (" + twice.getMessage()
                        + ", counted from 0 as cell, feature)");
            }
        }
        long cells = (long) keepCells * kept;
        float[] values = new float[(int) cells];
        scanEntries((i, j, v) -> {
            if (j >= keepCells) return;
            int c = map == null ? i : map[i];
            if (c < 0) return;
            int at = j * width + c;
            if (values[at] != 0) throw new DuplicateEntry(i, j);
            values[at] = v;
        });
        List<String> sampleIds = barcodes.subList(0, keepCells);
        return new Dataset(ctx.name, keepCells, kept, values, names, sampleIds, null, null, ctx.notes()).withGeneNames(genes);
    }

    /** The file's feature of each kept column, from the map feature → column (-1: dropped). */
    static int[] keptFeatures(int[] column, int kept) {
        int[] feature = new int[kept];
        for (int i = 0; i < column.length; i++) if (column[i] >= 0) feature[column[i]] = i;
        return feature;
    }

    /** "GSM123_" for "GSM123_matrix.mtx.gz"; "" for "matrix.mtx". */
    private static String prefixOf(String matrixFile) {
        String lower = matrixFile.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf("matrix.mtx");
        return at > 0 ? matrixFile.substring(0, at) : "";
    }

    /** The first of prefix+name[.gz] that exists, for each name; then without the prefix; null if none. */
    private static Path sibling(Path dir, String prefix, String... names) {
        if (dir == null) return null;
        for (String p : prefix.isEmpty() ? List.of("") : List.of(prefix, "")) {
            for (String name : names) {
                for (String ext : List.of(".gz", "")) {
                    Path f = dir.resolve(p + name + ext);
                    if (Files.isRegularFile(f)) return f;
                }
            }
        }
        return null;
    }

    // ---- the matrix file

    private void readHeader(AsciiScanner s) throws IOException, DataException {
        if (!s.nextContentLine()) throw new DataException(matrixName + " is empty");
        long first = s.line();
        String banner = s.readLine(200).trim();
        String[] t = banner.toLowerCase(Locale.ROOT).split("\\s+");
        if (t.length < 1 || !t[0].equals("%%matrixmarket")) {
            throw DataException.atLine(matrixName, first, "a Matrix Market file starts with '%%MatrixMarket matrix coordinate ...', not '"
                    + DelimitedReader.shorten(banner) + "'");
        }
        if (t.length != 5 || !t[1].equals("matrix")) {
            throw DataException.atLine(matrixName, first, "expected '%%MatrixMarket matrix coordinate integer general' (five words), found '"
                    + DelimitedReader.shorten(banner) + "'");
        }
        if (!t[2].equals("coordinate")) {
            throw DataException.atLine(matrixName, first, "only the sparse 'coordinate' layout is read, not '" + DelimitedReader.shorten(t[2]) + "'");
        }
        switch (t[3]) {
            case "integer", "real", "double" -> pattern = false;
            case "pattern" -> pattern = true;
            default -> throw DataException.atLine(matrixName, first, "values of type '" + DelimitedReader.shorten(t[3])
                    + "' cannot be read; integer, real or pattern can");
        }
        if (!t[4].equals("general")) {
            throw DataException.atLine(matrixName, first, "only 'general' matrices are read, not '" + DelimitedReader.shorten(t[4])
                    + "' ones (a 10x matrix is general)");
        }
        while (true) {
            if (!s.nextContentLine()) throw new DataException(matrixName + " ends before its size line (features cells entries)");
            if (s.next() == '%') {
                s.readLine(0);
                continue;
            }
            break;
        }
        sizeLine = s.line();
        rows = s.readLong("the number of features (the first number of the size line)", Integer.MAX_VALUE);
        cols = s.readLong("the number of cells (the second number of the size line)", Integer.MAX_VALUE);
        entries = s.readLong("the number of entries (the third number of the size line)", Long.MAX_VALUE / 4);
        s.endLine();
        if (rows < 1 || cols < 1) throw DataException.atLine(matrixName, sizeLine, "the matrix must have at least one feature and one cell");
        if (entries > rows * cols) {
            throw DataException.atLine(matrixName, sizeLine, "it announces " + entries + " entries, more than the " + rows + " × " + cols + " matrix has cells");
        }
        // an entry line takes at least six bytes ("1 1 1\n"): a larger promise is a damaged size line
        if (entries * (pattern ? 4 : 6) > DataFiles.maxUncompressedSize(matrix)) {
            throw DataException.atLine(matrixName, sizeLine, String.format(Locale.ROOT,
                    "it announces %,d entries, more than the file can hold", entries));
        }
    }

    @FunctionalInterface
    private interface EntrySink {
        /** 0-based feature and cell. */
        void accept(int feature, int cell, float value);
    }

    private static final class DuplicateEntry extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int feature;
        final int cell;

        DuplicateEntry(int feature, int cell) {
            super(null, null, false, false);
            this.feature = feature;
            this.cell = cell;
        }
    }

    /**
     * For {@code --backed}: one pass over the entries writes the first {@code cells} cells' non-zeros, cell by
     * cell, to a temporary file (float32 values and int32 columns; only the row pointers stay in memory), and
     * the cells are then read from it a chunk at a time. The text cannot be read by cells without a pass over
     * all of it, so it is read once; a matrix whose entries are not grouped by cell (10x writes them so)
     * cannot be written this way and is refused with what to do.
     */
    private BackedMatrix.Source spill(int cells, int width, int[] map) throws IOException, DataException {
        Path dir = Files.createTempDirectory("cae-backed-");
        Path valuesFile = dir.resolve("values.f32");
        Path columnsFile = dir.resolve("columns.i32");
        dir.toFile().deleteOnExit();
        valuesFile.toFile().deleteOnExit();
        columnsFile.toFile().deleteOnExit();
        CellWriter w = new CellWriter(cells, valuesFile, columnsFile);
        try (w) {
            scanEntries((i, j, v) -> {
                if (j >= cells || v == 0) return;
                int c = map == null ? i : map[i];
                if (c >= 0) w.add(j, c, v);
            });
            w.finish();
        } catch (BadCell e) {
            if (e.twice) throw new DataException(matrixName + ": a feature of cell " + (e.cell + 1) + " is given a second time");
            throw new DataException(matrixName + " lists its entries out of cell order (cell " + (e.cell + 1) + " comes after a later"
                    + " one), so its cells cannot be read from disk a chunk at a time (--backed); keep it in memory (--in-memory), or"
                    + " save it as an .h5ad in Python: scanpy.read_10x_mtx(folder).write_h5ad(...)");
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        } finally {
            if (!w.finished) {   // nothing half-written is left behind
                Files.deleteIfExists(valuesFile);
                Files.deleteIfExists(columnsFile);
                Files.deleteIfExists(dir);
            }
        }
        return new SpilledRows(matrixName, cells, width, w.start, valuesFile, columnsFile);
    }

    /** Writes the entries of cells given in order (a cell's features in any order) as CSR rows: values, columns, row starts. */
    private static final class CellWriter implements AutoCloseable {
        final long[] start;
        private final java.io.DataOutputStream values;
        private final java.io.DataOutputStream columns;
        private int[] cols = new int[64];
        private float[] vals = new float[64];
        private int inCell;
        private int cell;
        private long written;

        CellWriter(int cells, Path valuesFile, Path columnsFile) throws IOException {
            start = new long[cells + 1];
            values = new java.io.DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(valuesFile), 1 << 16));
            columns = new java.io.DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(columnsFile), 1 << 16));
        }

        void add(int j, int c, float v) {
            if (j < cell) throw new BadCell(j, false);
            while (j > cell) {
                flush();
                start[++cell] = written;
            }
            if (inCell == cols.length) {
                cols = java.util.Arrays.copyOf(cols, 2 * inCell);
                vals = java.util.Arrays.copyOf(vals, 2 * inCell);
            }
            cols[inCell] = c;
            vals[inCell++] = v;
        }

        /** The current cell's entries, by column. */
        private void flush() {
            try {
                CsrBuilder.sortRow(cols, vals, 0, inCell, cell);
            } catch (IllegalArgumentException twice) {
                throw new BadCell(cell, true);
            }
            try {
                for (int p = 0; p < inCell; p++) {
                    columns.writeInt(cols[p]);
                    values.writeFloat(vals[p]);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            written += inCell;
            inCell = 0;
        }

        /** The last cell's entries, and the starts of the cells with none after it. */
        void finish() {
            flush();
            for (int c = cell + 1; c < start.length; c++) start[c] = written;
            finished = true;
        }

        boolean finished;

        @Override public void close() throws IOException {
            try (values; columns) {
                values.flush();
                columns.flush();
            }
        }
    }

    /** A cell the copy in cell order cannot take: listed after a later one, or with a feature {@code twice}. */
    private static final class BadCell extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int cell;
        final boolean twice;

        BadCell(int cell, boolean twice) {
            super(null, null, false, false);
            this.cell = cell;
            this.twice = twice;
        }
    }

    /**
     * Cells written in order to two temporary files by {@link #spill}, read back a chunk at a time. The files (and
     * their folder) are deleted when nothing uses the matrix any more, e.g. once the window has opened another file
     * and the old one is collected, and at the latest when the program exits.
     */
    private static final class SpilledRows implements BackedMatrix.Source {
        private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();
        private final String name;
        private final int rows;
        private final int cols;
        private final long[] start;
        private final Path valuesFile;
        private final Path columnsFile;

        SpilledRows(String name, int rows, int cols, long[] start, Path valuesFile, Path columnsFile) {
            this.name = name;
            this.rows = rows;
            this.cols = cols;
            this.start = start;
            this.valuesFile = valuesFile;
            this.columnsFile = columnsFile;
            CLEANER.register(this, new Delete(valuesFile, columnsFile, valuesFile.getParent()));   // must not hold this
        }

        /** Deletes the copy; quietly, as nothing is left to tell (the program's exit deletes what remains). */
        private record Delete(Path... files) implements Runnable {
            @Override public void run() {
                for (Path f : files) {
                    try {
                        Files.deleteIfExists(f);
                    } catch (IOException | RuntimeException e) {
                        // deleteOnExit tries again
                    }
                }
            }
        }

        @Override public List<Path> temporaryFiles() { return List.of(valuesFile, columnsFile); }

        @Override public String name() { return name; }
        @Override public String where() { return "a temporary copy of " + name + " in cell order"; }
        @Override public int rows() { return rows; }
        @Override public int cols() { return cols; }
        @Override public boolean sparse() { return true; }
        @Override public long storedValues() { return start[rows]; }
        @Override public long bytes() { return 8L * start.length; }

        @Override public Matrix read(int first, int count) throws DataException {
            long e0 = start[first];
            long len = start[first + count] - e0;
            if (len > FloatArrayBuilder.MAX_ARRAY) {
                throw new DataException(String.format(Locale.ROOT, "%s: cells %d to %d store %,d values, more than one chunk can hold", name,
                        first + 1, first + count, len));
            }
            float[] values = new float[(int) len];
            int[] columns = new int[(int) len];
            try {
                readAt(valuesFile, 4 * e0, 4 * (int) len).asFloatBuffer().get(values);
                readAt(columnsFile, 4 * e0, 4 * (int) len).asIntBuffer().get(columns);
            } catch (IOException e) {
                throw new DataException(name + ": its cells could not be read back from the temporary copy made for --backed ("
                        + e.getMessage() + "); is the temporary folder full or cleaned?", e);
            }
            int[] rowStart = new int[count + 1];
            for (int r = 0; r <= count; r++) rowStart[r] = (int) (start[first + r] - e0);
            return new CsrMatrix(count, cols, rowStart, columns, values);
        }

        private static java.nio.ByteBuffer readAt(Path file, long position, int bytes) throws IOException {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(bytes);
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
                while (b.hasRemaining()) {
                    if (ch.read(b, position + b.position()) < 0) throw new java.io.EOFException("the copy ends early");
                }
            }
            return b.flip();
        }
    }

    /** One pass over every entry, checked, into the sink. */
    private void scanEntries(EntrySink sink) throws IOException, DataException {
        try (InputStream in = ctx.open(matrix)) {
            AsciiScanner s = new AsciiScanner(in, matrixName);
            skipToEntries(s);
            long limit = ctx.isPreview() ? Math.min(entries, PREVIEW_ENTRIES) : entries;
            for (long e = 0; e < limit; e++) {
                if (!s.nextContentLine()) {
                    throw new DataException(String.format(Locale.ROOT, "%s ends after %,d entries (line %d) but line %d announces %,d",
                            matrixName, e, s.line(), sizeLine, entries));
                }
                long line = s.line();
                long i = s.readLong("a feature number", Integer.MAX_VALUE);
                long j = s.readLong("a cell number", Integer.MAX_VALUE);
                float v = pattern ? 1f : s.readFloat("a value");
                s.endLine();
                if (i < 1 || i > rows) {
                    throw DataException.atLine(matrixName, line, "feature " + i + " is outside 1.." + rows + " (line " + sizeLine + " gives " + rows + " features)");
                }
                if (j < 1 || j > cols) {
                    throw DataException.atLine(matrixName, line, "cell " + j + " is outside 1.." + cols + " (line " + sizeLine + " gives " + cols + " cells)");
                }
                try {
                    sink.accept((int) i - 1, (int) j - 1, v);
                } catch (DuplicateEntry dup) {
                    throw DataException.atLine(matrixName, line, "feature " + i + " of cell " + j + " is given a second time");
                }
            }
            if (!ctx.isPreview() && s.nextContentLine()) {
                throw DataException.atLine(matrixName, s.line(), String.format(Locale.ROOT,
                        "an entry beyond the %,d that line %d announces", entries, sizeLine));
            }
        }
    }

    private void skipToEntries(AsciiScanner s) throws IOException, DataException {
        while (s.line() <= sizeLine) {
            if (!s.nextContentLine()) throw new DataException(matrixName + " ends before its entries");
            if (s.line() > sizeLine) break;
            s.readLine(0);
        }
    }

    // ---- features and barcodes

    private void readFeatures(Path file, int d, List<String> ids, List<String> names, List<String> types) throws IOException, DataException {
        String name = readTsv(file, ids, d, "more features than the " + d + " of " + matrixName, (fields, line) -> {
            String id = fields.text(0);
            if (id.isEmpty()) throw DataException.at(DataFiles.displayName(file), line, "id", 1, "empty feature id");
            ids.add(id);
            names.add(fields.count() > 1 && !fields.isEmpty(1) ? fields.text(1) : id);
            types.add(fields.count() > 2 ? fields.text(2) : "");
        });
        if (ids.size() != d) {
            throw new DataException(name + " lists " + ids.size() + " features but " + matrixName + " has " + d + " (line " + sizeLine + ")");
        }
    }

    private void readBarcodes(Path file, int n, List<String> barcodes) throws IOException, DataException {
        String name = readTsv(file, barcodes, n, "more barcodes than the " + n + " cells of " + matrixName, (fields, line) -> {
            String id = fields.text(0);
            if (id.isEmpty()) throw DataException.at(DataFiles.displayName(file), line, "barcode", 1, "empty barcode");
            barcodes.add(id);
        });
        if (barcodes.size() != n) {
            throw new DataException(name + " lists " + barcodes.size() + " barcodes but " + matrixName + " has " + n + " cells (line " + sizeLine + ")");
        }
    }

    /** One tab-separated line of a features or barcodes file, already split. */
    private interface TsvRow {
        void accept(Fields fields, long line) throws DataException;
    }

    /**
     * Reads the non-blank lines of a features or barcodes file into {@code row}, refusing more than
     * {@code limit} of them (counted by the size of {@code filled}); returns the file's display name.
     */
    private String readTsv(Path file, List<String> filled, int limit, String tooMany, TsvRow row) throws IOException, DataException {
        String name = DataFiles.displayName(file);
        try (InputStream in = DataFiles.open(file);
             LineSource lines = new LineSource(new InputStreamReader(in, StandardCharsets.UTF_8), name, 1 << 20)) {
            Fields fields = new Fields();
            while (lines.next()) {
                if (lines.isBlank()) continue;
                if (filled.size() == limit) throw DataException.atLine(name, lines.lineNumber(), tooMany + " (line " + sizeLine + ")");
                if (!fields.split(lines.chars(), lines.start(), lines.end(), '\t')) throw DataException.atLine(name, lines.lineNumber(), fields.error());
                row.accept(fields, lines.lineNumber());
            }
        } catch (IOException e) {
            throw DataFiles.explain(e, name);
        }
        return name;
    }

    /** Says so when the features are of several kinds (genes and antibody tags of CITE-seq, say). */
    private void noteFeatureTypes(List<String> types) {
        noteFeatureTypes(ctx, matrixName, types);
    }

    /** The same for any reader of 10x matrices ({@code name}: the file, for the note). */
    static void noteFeatureTypes(ReadContext ctx, String matrixName, List<String> types) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : types) if (!t.isEmpty()) counts.merge(t, 1, Integer::sum);
        if (counts.size() < 2) return;
        StringBuilder b = new StringBuilder();
        counts.forEach((t, c) -> b.append(b.length() == 0 ? "" : ", ").append(t).append(" (").append(c).append(')'));
        ctx.note(matrixName + ": the features are of " + counts.size() + " types, all read as features: " + b);
    }
}
