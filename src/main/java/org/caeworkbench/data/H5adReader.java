package org.caeworkbench.data;

import static org.caeworkbench.data.HdfAttributes.text;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.links.ExternalLink;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads an AnnData {@code .h5ad} file (HDF5, through the pure-Java jHDF library): the matrix {@code X}
 * with cells ({@code obs}) as rows and genes ({@code var}) as columns. What is read:
 * <ul>
 * <li>{@code X} as a dense 2-D dataset (any integer or float type), or as a sparse group with
 *     {@code data}, {@code indices} and {@code indptr}: CSR or CSC, told by the group's
 *     {@code encoding-type} attribute ({@code csr_matrix} / {@code csc_matrix}, anndata 0.7 and later)
 *     or {@code h5sparse_format} ({@code csr} / {@code csc}, older files), its shape by {@code shape}
 *     or {@code h5sparse_shape};</li>
 * <li>cell ids from the {@code obs} index and gene names from the {@code var} index: the dataset the
 *     group's {@code _index} attribute names (else {@code _index} or {@code index});</li>
 * <li>labels from an {@code obs} column ({@link ReadOptions#labelColumn()}, else a column named
 *     {@code label} or {@code class} if there is one): a categorical column as anndata 0.8 and later
 *     write it (a group with {@code categories} and {@code codes}) or as anndata 0.7 did
 *     ({@code obs/__categories/<column>} with the codes in {@code obs/<column>}), a column of strings,
 *     or a column of numbers.</li>
 * </ul>
 * A 10x Genomics HDF5 matrix (Cell Ranger's {@code filtered_feature_bc_matrix.h5}) is read too: the group
 * {@code matrix} (Cell Ranger 3 and later; one group named after the genome before), whose {@code data},
 * {@code indices} and {@code indptr} store genes × cells by cell, which is cells × genes in CSR; cells from
 * {@code barcodes}, genes as the 10x folder names them (symbols from {@code features/name}, kept unique with the
 * ids of {@code features/id}, both carried as gene names), no labels (a labels file gives them).
 * A Loom file (loompy's layout: {@link Loom}) is read too: its {@code matrix} and {@code layers} store genes × cells, dense,
 * so each block of cells is read with all its genes and turned; cells are named by a {@code col_attrs} name
 * ({@code CellID}), genes by {@code row_attrs/Gene} with {@code Accession}'s ids, and the one-value-a-cell
 * {@code col_attrs} can be the labels.
 * Instead of X, {@link ReadOptions#layer()} reads a member of {@code layers} (the same cells and genes) or the raw
 * matrix {@code raw/X} with the genes of {@code raw/var}; the read notes which matrices a file holds.
 * Not read: {@code obsm} and the rest; files of anndata before 0.7 that
 * store {@code obs} as one compound table. The matrix is read in slices (rows of a dense X, runs of
 * entries of a sparse one), so no second copy of it is ever held; with
 * {@link ReadOptions#keepTopVariable()} a first pass ranks the genes and the second reads only the
 * kept ones.
 */
final class H5adReader {
    /** Values per slice read from the file. */
    private static final int SLICE = 1 << 20;

    static {
        HdfLzf.install();     // h5py's LZF chunks of names too (jHDF's own filter cannot decode those)
    }

    private final ReadContext ctx;
    private final String file;
    private final HdfFile hdf;
    private final Path path;
    /** The matrix's group or dataset: X, or a 10x file's matrix group (also in messages). */
    private String xName = "X";
    private boolean tenx;         // a 10x Genomics HDF5 matrix (Cell Ranger's .h5), not AnnData
    private boolean loom;         // a Loom file: every matrix genes × cells, dense; genes in row_attrs, cells in col_attrs
    private Group root;           // the AnnData: the file, or one modality of a MuData file (mod/NAME)
    private Group var;            // the genes' table of the matrix read: var, raw/var, or a Loom file's row_attrs; null for 10x
    private String prefix = "";   // root's path and a slash ("" or "mod/rna/"), which xName starts with
    private String modality;      // the MuData modality read, or null

    private H5adReader(ReadContext ctx, HdfFile hdf, Path path) {
        this.ctx = ctx;
        this.file = ctx.name;
        this.hdf = hdf;
        this.path = path;
        this.root = hdf;
    }

    static Dataset read(Path path, ReadContext ctx) throws DataException {
        try {
            if (DataFiles.isGzip(path)) {
                throw new DataException(ctx.name + " is gzip-compressed; an .h5ad file is read as it is (HDF5 compresses inside), so decompress it first");
            }
        } catch (java.io.IOException e) {
            throw DataFiles.explain(e, ctx.name);
        }
        try (HdfFile hdf = new HdfFile(path)) {
            return new H5adReader(ctx, hdf, path).read();
        } catch (DataException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // jHDF reports a damaged or unexpected file with its own unchecked exceptions
            throw new DataException(ctx.name + " could not be read as an HDF5 (.h5ad) file: " + describe(e), e);
        }
    }

    /**
     * Where in {@code path} the matrix lies that a read with {@code layer} (--layer) takes, without reading it: the AnnData's
     * group ("" or "mod/MOD/" in a MuData file) and the matrix's path (X, layers/NAME, raw/X, under that group); null
     * for a 10x .h5 or a Loom file, whose matrices are not AnnData ones.
     */
    static DatasetReader.AnnDataMatrix matrixPath(Path path, String layer) throws DataException {
        ReadContext ctx = new ReadContext(DataFiles.displayName(path), ReadOptions.defaults().withLayer(layer));
        try (HdfFile hdf = new HdfFile(path)) {
            H5adReader r = new H5adReader(ctx, hdf, path);
            r.chooseMatrix(layer);
            return r.tenx || r.loom ? null : new DatasetReader.AnnDataMatrix(r.prefix, r.xName);
        } catch (RuntimeException | StackOverflowError e) {
            throw new DataException(ctx.name + " could not be read as an HDF5 (.h5ad) file: " + describe(e), e);
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName().replace("Exception", "").replace("Error", " error").trim();
        m = m.replace('\n', ' ').trim();
        return m.length() > 160 ? m.substring(0, 157) + "..." : m;
    }

    private Dataset read() throws DataException {
        Node x = chooseMatrix(ctx.opts.layer());
        Node obsNode = tenx ? null : child(root, loom ? Loom.CELLS : "obs");
        if (obsNode != null && !obsNode.isGroup()) {
            throw new DataException(file + " stores obs as one table, as anndata before 0.7 did; open it in Python and save it again"
                    + " with a current anndata (adata.write_h5ad)");
        }
        long[] shape = shape(x);
        if (shape[0] > Integer.MAX_VALUE || shape[1] > Integer.MAX_VALUE || shape[0] < 0 || shape[1] < 0) {
            throw new DataException(file + ": " + xName + " has an impossible shape " + shape[0] + " × " + shape[1]);
        }
        int n = (int) shape[0];
        int d = (int) shape[1];
        if (n == 0 || d == 0) throw new DataException(file + ": " + xName + " is empty (" + n + " × " + d + ")");

        int keepRows = ctx.samplesToRead(n);
        int topK = ctx.opts.keepTopVariable();
        boolean ranking = topK > 0 && topK < d && !ctx.isPreview();
        int width0 = ranking ? topK : d;
        // a CSR or CSC X that is mostly zeros stays sparse (CsrMatrix.DENSITY_THRESHOLD): the non-zeros only
        long stored = x.isGroup() ? dataset((Group) x, "data", xName + "/data").getSize() : -1;
        boolean keepSparse = stored >= 0 && !ctx.isPreview() && CsrMatrix.worthIt(stored, n, d);
        if (keepSparse ? stored > FloatArrayBuilder.MAX_ARRAY : (long) keepRows * width0 > FloatArrayBuilder.MAX_ARRAY) {
            throw new DataException(String.format(Locale.ROOT, "%s has %,d cells × %,d genes, more values than one matrix can hold"
                    + " (about 2.1 billion); read fewer genes with --read-top-variable N", file, n, width0));
        }
        long inMemory = (keepSparse ? CsrBuilder.bytesWhileBuilding(stored, keepRows) : 4L * keepRows * width0) + (ranking ? 32L * d : 0);
        Backing backing = ctx.opts.backing();
        boolean backed = !ctx.isPreview() && (backing == Backing.DISK || (backing == Backing.AUTO && !MemoryBudget.fits(inMemory)
                && (!x.isGroup() || "csr_matrix".equals(sparseKind((Group) x)))));
        // before anything of the size of X is made (the names included)
        if (!backed) MemoryBudget.require(file, inMemory, keepRows, width0);

        List<String> cells;
        List<String> genes;
        String[] labels;
        Dataset.GeneNames geneNames;
        if (tenx) {
            Group m = (Group) x;
            cells = names(m, "barcodes", n);
            // Cell Ranger 3 and later: features/id, name, feature_type; before: genes and gene_names
            Group features = asGroup(child(m, "features"));
            Group named = features != null ? features : m;
            String symbolSet = features != null ? "name" : "gene_names";
            List<String> ids = names(named, features != null ? "id" : "genes", d);
            List<String> symbols = child(named, symbolSet) == null ? new ArrayList<>(ids) : names(named, symbolSet, d);
            if (features != null && child(features, "feature_type") != null)
                MatrixMarketReader.noteFeatureTypes(ctx, file, names(features, "feature_type", d));
            geneNames = Dataset.GeneNames.ifEnsembl(ids, symbols);
            genes = new ArrayList<>(symbols);     // named by symbol, as the 10x folder's genes are
            String where = named.getPath().replaceAll("^/+|/+$", "") + "/" + symbolSet;
            UniqueNames.makeUnique(genes, ids, i -> "entry " + i + " of " + where, "gene names", ctx);
            labels = null;
            ctx.note(file + ": a 10x Genomics matrix (Cell Ranger's .h5), " + n + " cells × " + d + " genes; labels come from a labels file");
        } else if (loom) {
            Group cols = (Group) obsNode;
            String cellSet = Loom.firstOf(cols, Loom.CELL_NAMES, n);
            cells = cellSet != null ? names(cols, cellSet, n) : numbered("cell_", n, Loom.CELLS, "cells");
            String symbolSet = Loom.firstOf(var, Loom.GENE_NAMES, d);
            String idSet = Loom.firstOf(var, Loom.GENE_IDS, d);
            List<String> ids = idSet == null ? null : names(var, idSet, d);
            genes = symbolSet != null ? names(var, symbolSet, d) : ids != null ? new ArrayList<>(ids) : numbered("gene_", d, Loom.GENES, "genes");
            geneNames = ids == null ? null : Dataset.GeneNames.ifEnsembl(ids, new ArrayList<>(genes));
            String where = Loom.GENES + "/" + (symbolSet != null ? symbolSet : idSet);
            UniqueNames.makeUnique(genes, ids, i -> "entry " + i + " of " + where, "gene names", ctx);
            labels = labels(cols, n, cellSet, null);
            ctx.note(file + ": a Loom file, " + n + " cells × " + d + " genes (stored genes × cells)");
        } else {
            cells = index((Group) obsNode, "obs", n, "cell_");
            genes = index(var, xName.endsWith("raw/X") ? prefix + "raw/var" : prefix + "var", d, "gene_");
            labels = labels((Group) obsNode, n, null, cells);
            geneNames = Dataset.GeneNames.ifEnsembl(genes, stringColumn(var, d, SYMBOL_COLUMNS));
            // scanpy's read_10x layout: symbols in the index, the Ensembl ids in var['gene_ids']
            if (geneNames == null) geneNames = Dataset.GeneNames.ifEnsembl(stringColumn(var, d, ID_COLUMNS), new ArrayList<>(genes));
            String varName = xName.endsWith("raw/X") ? prefix + "raw/var" : prefix + "var";
            UniqueNames.makeUnique(genes, null, i -> varName + " entry " + i, "gene names", ctx);
        }

        int[] column = null;
        int kept = d;
        // on disk without ranking, the rows are read by the backed source alone (which reads the row pointers itself)
        Matrix m = backed && !ranking ? null : x.isGroup() ? sparse((Group) x, n, d)
                : loom ? new ByGene((io.jhdf.api.Dataset) x, d) : new DenseMatrix((io.jhdf.api.Dataset) x, n, d);
        if (ranking) {
            FeatureVariance.Kept keep = FeatureVariance.keepTop(variance -> m.scan(n, (r, c, v) -> variance.add(c, v)),
                    d, n, topK, genes, file, ctx);
            column = keep.column();
            kept = keep.count();
            genes = keep.names();
            if (geneNames != null) geneNames = geneNames.select(MatrixMarketReader.keptFeatures(column, kept));
        }
        final int width = kept;
        final int[] map = column;
        if (backed) {
            BackedMatrix onDisk = new BackedMatrix(x.isGroup() ? new SparseRows((Group) x, n, d, keepRows) : new DenseRows((io.jhdf.api.Dataset) x, d, keepRows, loom));
            if (map != null) onDisk = onDisk.keepColumns(MatrixMarketReader.keptFeatures(map, kept));
            ctx.note(file + ": " + onDisk.readNote(backing == Backing.AUTO ? inMemory : -1));
            return new Dataset(file, onDisk, genes, cells.subList(0, keepRows), labels == null ? null : Arrays.copyOf(labels, keepRows),
                    null, ctx.notes()).withGeneNames(geneNames);
        }
        if (keepSparse) {
            CsrBuilder b = new CsrBuilder(keepRows, width, stored);
            m.scan(keepRows, (r, c, v) -> {
                int k = map == null ? c : map[c];
                if (k >= 0) b.add(r, k, v);
            });
            CsrMatrix csr;
            try {
                csr = b.build();
            } catch (IllegalArgumentException twice) {
                throw new DataException(file + ": " + xName + " stores a cell twice (" + twice.getMessage() + ", counted from 0 as cell, gene)");
            }
            return new Dataset(file, csr, genes, cells.subList(0, keepRows), labels == null ? null : Arrays.copyOf(labels, keepRows),
                    null, ctx.notes()).withGeneNames(geneNames);
        }
        long cellsTimesGenes = (long) keepRows * kept;
        float[] values = new float[(int) cellsTimesGenes];
        m.scan(keepRows, (r, c, v) -> {
            int k = map == null ? c : map[c];
            if (k >= 0) values[r * width + k] = v;
        });
        return new Dataset(file, keepRows, kept, values, genes, cells.subList(0, keepRows),
                labels == null ? null : Arrays.copyOf(labels, keepRows), null, ctx.notes()).withGeneNames(geneNames);
    }

    // ---- which matrix: the file's kind (AnnData, a MuData modality, Loom, 10x) and --layer

    /**
     * The matrix to read, as the file's kind and {@code layer} (--layer) say; sets {@link #root}, {@link #prefix},
     * {@link #xName}, {@link #var} and the kind, and tells the context the file's matrices and notes what was read.
     */
    private Node chooseMatrix(String layer) throws DataException {
        List<String> muChoices = null;     // a MuData file's matrices, as --layer names them
        List<String> modalities = MuData.modalities(hdf);
        if (!modalities.isEmpty()) {
            muChoices = modalityChoices(modalities);
            layer = enterModality(modalities, muChoices, layer);
        }
        Node x = child(root, "X");
        Group tenxMatrix = x == null && muChoices == null ? TenxH5.matrixGroup(hdf) : null;     // a 10x .h5's matrix group, or null
        if (x == null && muChoices == null && tenxMatrix == null && Loom.is(hdf)) {
            x = child(hdf, Loom.MATRIX);      // genes × cells, as every matrix of a Loom file
            xName = Loom.MATRIX;
            loom = true;
        }
        if (x != null && !loom) xName = prefix + "X";
        var = asGroup(child(root, loom ? Loom.GENES : "var"));
        if (tenxMatrix != null && layer != null)
            throw new DataException(file + " is a 10x Genomics .h5 file, which holds one matrix; --layer names a matrix of an .h5ad"
                    + " file (a layer or raw.X), so leave it out");
        // an AnnData file without X (anndata leaves it out when only layers hold data): its first layer, said so
        boolean noX = x == null && tenxMatrix == null && asGroup(child(root, "obs")) != null && var != null;
        if (noX) {
            List<String> own = matrices(root);
            if (own.isEmpty()) throw new DataException(file + " is an AnnData file without any matrix: no X, no layers and no raw");
            if (layer == null) {
                layer = own.get(0);
                ctx.note(file + ": has no X, so its " + (layer.equals(ReadOptions.RAW) ? "raw matrix" : "layer '" + layer + "'")
                        + " is read" + (own.size() > 1 && muChoices == null ? "; it also holds " + String.join(", ", own.subList(1, own.size()))
                        + " (--layer NAME reads one of them instead)" : ""));
            }
        }
        if (x != null || noX) {
            List<String> matrices = muChoices != null ? muChoices : matrices(root);
            ctx.matrixChoices(matrices);
            boolean sayIt = !noX && muChoices == null;    // (a MuData file's and an X-less file's read are noted above)
            if (layer != null) return layerOf(layer, matrices, sayIt);
            ctx.matrixRead(choiceName("X"));
            if (matrices.size() > 1 && sayIt) {
                ctx.note(file + ": read X" + (loom ? " (its main matrix)" : "") + "; the file also holds "
                        + String.join(", ", matrices.subList(1, matrices.size())) + " (--layer NAME reads one of them instead)");
            }
            return x;
        }
        Group m = tenxMatrix;
        if (m == null) throw new DataException(file + " has no matrix X at its top level, as AnnData (.h5ad) files have, nor the"
                + " matrix group of a 10x Genomics .h5 file (Cell Ranger's), nor the matrix, row_attrs and col_attrs of a Loom"
                + " file, nor the modalities of a MuData (.h5mu) file; is it one of those?");
        xName = m.getName();
        tenx = true;
        return m;
    }

    /** A MuData file's matrices as --layer names them (MOD, MOD/LAYER, MOD/raw.X), the modality read by default first. */
    private List<String> modalityChoices(List<String> modalities) throws DataException {
        Group mod = (Group) child(hdf, "mod");
        List<String> listed = new ArrayList<>(modalities);
        String first = MuData.modality(modalities, null);
        listed.remove(first);
        listed.add(0, first);
        List<String> out = new ArrayList<>();
        for (String m : listed) for (String c : matrices(asGroup(child(mod, m)))) out.add(c.equals("X") ? m : m + "/" + c);
        return out;
    }

    /** Makes the modality {@code layer} names (rna, else the first, by default) the AnnData read; returns what it names within it. */
    private String enterModality(List<String> modalities, List<String> choices, String layer) throws DataException {
        String modality = MuData.modality(modalities, layer);
        if (!modalities.contains(modality))
            throw new DataException(file + " is a MuData file without a modality named '" + modality + "'; its matrices are "
                    + String.join(", ", choices) + " (--layer MOD, MOD/LAYER or MOD/raw.X takes one of them)");
        String within = MuData.within(layer);
        root = (Group) child((Group) child(hdf, "mod"), modality);
        prefix = "mod/" + modality + "/";
        this.modality = modality;
        ctx.note(file + ": a MuData file with the modalities " + String.join(", ", modalities) + "; read " + modality
                + (within == null ? "" : "/" + within) + (choices.size() > 1 ? " (--layer reads another of " + String.join(", ", choices) + ")" : ""));
        return within;
    }

    /** The layer {@code layer} of the AnnData read, or its raw matrix (raw.X, or raw when no layer has that name). */
    private Node layerOf(String layer, List<String> matrices, boolean sayIt) throws DataException {
        Group layers = asGroup(child(root, "layers"));
        Node chosen = layers == null ? null : child(layers, layer);
        if (chosen != null) {
            xName = prefix + "layers/" + layer;
            ctx.matrixRead(choiceName(layer));
            if (sayIt) ctx.note(file + ": read the layer '" + layer + "' (" + xName + ") instead of X");
            return chosen;
        }
        boolean rawNamed = ReadOptions.namesRaw(layer);
        Group raw = asGroup(child(root, "raw"));
        if (rawNamed && raw != null && child(raw, "X") != null) {
            xName = prefix + "raw/X";
            ctx.matrixRead(choiceName(ReadOptions.RAW));
            var = asGroup(child(raw, "var"));
            if (sayIt) ctx.note(file + ": read the raw matrix (raw/X, adata.raw) with raw/var's genes instead of X");
            return child(raw, "X");
        }
        throw new DataException(file + " has no " + (rawNamed ? "raw matrix (" + prefix + "raw/X" + (loom ? ", which Loom files do not have)" : ")")
                : "layer named '" + layer + "'" + (prefix.isEmpty() ? "" : " in " + prefix.substring(0, prefix.length() - 1)))
                + "; its matrices are " + String.join(", ", matrices) + " (--layer takes one of them)");
    }

    /** Columns of var that hold gene symbols, most usual first (scanpy's read_10x, CELLxGENE, others). */
    static final List<String> SYMBOL_COLUMNS = List.of("gene_symbols", "gene_symbol", "feature_name", "symbol", "gene_name",
            "gene_names", "Symbol");

    /** Columns of var that hold gene ids beside symbols in the index (scanpy's read_10x and read_10x_h5: gene_ids; read_loom: Accession). */
    static final List<String> ID_COLUMNS = List.of("gene_ids", "gene_id", "ensembl_id", "ensembl_gene_id", "ensembl_ids", "Accession");

    /** The first var column of {@code names} that holds d strings (plain or categorical), or null. */
    private List<String> stringColumn(Group var, int d, List<String> names) {
        if (var == null) return null;
        for (String name : names) {
            try {
                Node node = child(var, name);
                if (node == null) continue;
                if (node.isGroup()) {
                    Group g = (Group) node;
                    if (!"categorical".equals(text(g.getAttribute("encoding-type")))) continue;
                    return Arrays.asList(decode(strings(dataset(g, "categories", name), name), dataset(g, "codes", name), "var/" + name, d));
                }
                io.jhdf.api.Dataset ds = (io.jhdf.api.Dataset) node;
                if (ds.getJavaType() != String.class || ds.getSize() != d) continue;
                return strings(ds, "var/" + name);
            } catch (DataException | RuntimeException e) {
                // a column of names that cannot be read is no reason to refuse the file: the index still names the genes
            }
        }
        return null;
    }

    // ---- the matrix

    @FunctionalInterface
    private interface EntrySink {
        void accept(int row, int col, float value);
    }

    private interface Matrix {
        /** Every stored value of the first {@code rows} rows, to the sink. */
        void scan(int rows, EntrySink sink) throws DataException;
    }

    private long[] shape(Node x) throws DataException {
        if (tenx) {      // a dataset of two numbers, genes then cells
            long[] s = longs(dataset((Group) x, "shape", xName + "/shape").getData(), "the shape of " + xName);
            if (s.length != 2) throw new DataException(file + ": " + xName + "/shape has " + s.length + " numbers, not 2");
            return new long[] {s[1], s[0]};
        }
        if (!x.isGroup()) {
            long[] dims = ((io.jhdf.api.Dataset) x).getDimensionsAsLong();
            if (dims.length != 2) throw new DataException(file + ": " + xName + " has " + dims.length + " dimensions; a data matrix has 2");
            return loom ? new long[] {dims[1], dims[0]} : dims;
        }
        if (loom) throw new DataException(file + ": " + xName + " is a group; a Loom file's matrices are arrays of genes × cells");
        Attribute a = x.getAttribute("shape");
        if (a == null) a = x.getAttribute("h5sparse_shape");
        if (a == null) throw new DataException(file + ": the sparse matrix " + xName + " has no 'shape' attribute");
        long[] s = longs(a.getData(), "the shape of " + xName);
        if (s.length != 2) throw new DataException(file + ": the shape of " + xName + " has " + s.length + " numbers, not 2");
        return s;
    }

    private final class DenseMatrix implements Matrix {
        private final io.jhdf.api.Dataset ds;
        private final int d;

        DenseMatrix(io.jhdf.api.Dataset ds, int n, int d) throws DataException {
            this.ds = ds;
            this.d = d;
            checkNumeric(ds, xName);
        }

        @Override public void scan(int rows, EntrySink sink) throws DataException {
            int block = Math.max(1, SLICE / d);
            float[] row = new float[d];
            for (int r0 = 0; r0 < rows; r0 += block) {
                int count = Math.min(block, rows - r0);
                Object slice = ds.getData(new long[] {r0, 0}, new int[] {count, d});
                for (int i = 0; i < count; i++) {
                    toFloats(Array.get(slice, i), row, xName, r0 + i, 0);
                    for (int c = 0; c < d; c++) if (row[c] != 0) sink.accept(r0 + i, c, row[c]);
                }
                ctx.progress(r0 + count, rows);
            }
        }
    }

    /** A Loom file's matrix (genes × cells, dense): its cells read a block at a time, all genes of each. */
    private final class ByGene implements Matrix {
        private final io.jhdf.api.Dataset ds;
        private final int d;

        ByGene(io.jhdf.api.Dataset ds, int d) throws DataException {
            this.ds = ds;
            this.d = d;
            checkNumeric(ds, xName);
        }

        @Override public void scan(int rows, EntrySink sink) throws DataException {
            int block = Math.max(1, SLICE / d);
            float[] cells = new float[Math.multiplyExact(Math.min(block, rows), d)];
            for (int c0 = 0; c0 < rows; c0 += block) {
                int count = Math.min(block, rows - c0);
                cellsByGene(ds, c0, count, d, cells);
                for (int i = 0, at = 0; i < count; i++) for (int g = 0; g < d; g++, at++) if (cells[at] != 0) sink.accept(c0 + i, g, cells[at]);
                ctx.progress(c0 + count, rows);
            }
        }
    }

    /** Cells {@code first} .. {@code first + count - 1} of a genes × cells matrix, cell by cell (d values each) into {@code into}. */
    private void cellsByGene(io.jhdf.api.Dataset ds, int first, int count, int d, float[] into) throws DataException {
        Object slab = ds.getData(new long[] {0, first}, new int[] {d, count});
        float[] gene = new float[count];
        for (int g = 0; g < d; g++) {
            toFloats(Array.get(slab, g), gene, xName, g, first);
            for (int i = 0; i < count; i++) into[i * d + g] = gene[i];
        }
    }

    /** csr_matrix or csc_matrix (or another word) from the group's attributes; null when it has none. */
    private String sparseKind(Group x) {
        if (tenx) return "csr_matrix";      // genes × cells stored by cell: cells × genes by row
        String kind = text(x.getAttribute("encoding-type"));
        if (kind == null) {
            String old = text(x.getAttribute("h5sparse_format"));
            kind = old == null ? null : old + "_matrix";
        }
        return kind;
    }

    /** The row pointers of a CSR X, checked: indptr with n + 1 entries from 0 to the number of stored values. */
    private long[] rowPointers(io.jhdf.api.Dataset indptr, long nnz, int major, boolean csr) throws DataException {
        if (indptr.getSize() != (long) major + 1) {
            throw new DataException(file + ": " + xName + "/indptr has " + indptr.getSize() + " entries but the " + (csr ? "CSR" : "CSC") + " matrix has "
                    + major + (csr ? " rows" : " columns") + ", so it needs " + (major + 1L));
        }
        long[] ptr = longs(indptr.getData(), xName + "/indptr");
        if (ptr[0] != 0 || ptr[major] != nnz) {
            throw new DataException(file + ": " + xName + "/indptr runs from " + ptr[0] + " to " + ptr[major] + " but must run from 0 to " + nnz
                    + " (the number of stored values)");
        }
        for (int i = 0; i < major; i++) {
            if (ptr[i + 1] < ptr[i]) {
                throw new DataException(file + ": " + xName + "/indptr entry " + (i + 1) + " (" + ptr[i + 1] + ") is smaller than entry " + i + " (" + ptr[i] + ")");
            }
        }
        return ptr;
    }

    // ---- X kept in the file (--backed): rows read a chunk at a time, the file opened for each read

    /** The file's size and time of change when it was opened: a file replaced while rows are read from it is told apart. */
    private final class Unchanged {
        private final long size;
        private final java.nio.file.attribute.FileTime modified;

        Unchanged() throws DataException {
            try {
                size = java.nio.file.Files.size(path);
                modified = java.nio.file.Files.getLastModifiedTime(path);
            } catch (java.io.IOException e) {
                throw DataFiles.explain(e, file);
            }
        }

        void check() throws DataException {
            try {
                if (java.nio.file.Files.size(path) == size && java.nio.file.Files.getLastModifiedTime(path).equals(modified)) return;
            } catch (java.io.IOException e) {
                throw new DataException(file + " is read from disk while training (--backed) but can no longer be read: "
                        + describe(e) + "; put it back, or train again");
            }
            throw new DataException(file + " changed on disk after it was opened, and its cells are read from it while training"
                    + " (--backed); train again on the new file");
        }
    }

    /** The first rows of a CSR X, from the file. */
    private final class SparseRows implements BackedMatrix.Source {
        private final Unchanged unchanged = new Unchanged();
        private final int d;
        private final int rows;
        private final long[] ptr;

        SparseRows(Group x, int n, int d, int rows) throws DataException {
            String kind = sparseKind(x);
            if ("csc_matrix".equals(kind)) {
                throw new DataException(file + " stores " + xName + " by gene (csc_matrix), so a cell's values are spread over the whole file and"
                        + " cannot be read a chunk of cells at a time; keep it in memory (--in-memory), or save it by cell in Python:"
                        + " adata.X = adata.X.tocsr(); adata.write_h5ad(...)");
            }
            if (!"csr_matrix".equals(kind)) {
                throw new DataException(file + ": " + xName + " is a group of kind '" + kind + "'; only a dense array or a csr_matrix or csc_matrix can be read");
            }
            io.jhdf.api.Dataset data = dataset(x, "data", xName + "/data");
            io.jhdf.api.Dataset indices = dataset(x, "indices", xName + "/indices");
            checkNumeric(data, xName + "/data");
            if (data.getSize() != indices.getSize()) {
                throw new DataException(file + ": " + xName + "/data has " + data.getSize() + " values but " + xName + "/indices has " + indices.getSize());
            }
            this.d = d;
            this.rows = rows;
            this.ptr = rowPointers(dataset(x, "indptr", xName + "/indptr"), data.getSize(), n, true);
        }

        @Override public String name() { return file; }
        @Override public int rows() { return rows; }
        @Override public int cols() { return d; }
        @Override public boolean sparse() { return true; }
        @Override public long storedValues() { return ptr[rows]; }
        @Override public long bytes() { return 8L * ptr.length; }

        @Override public org.caeworkbench.data.Matrix read(int first, int count) throws DataException {
            long e0 = ptr[first];
            long e1 = ptr[first + count];
            if (e1 - e0 > FloatArrayBuilder.MAX_ARRAY) {
                throw new DataException(String.format(Locale.ROOT, "%s: cells %d to %d store %,d values, more than one chunk can hold", file,
                        first + 1, first + count, e1 - e0));
            }
            int len = (int) (e1 - e0);
            float[] vals = new float[len];
            long[] idx = null;       // indices of another width than int32
            int[] narrow = null;     // int32 indices, as anndata writes them: used as read
            if (len > 0) {
                unchanged.check();
                try (HdfFile h = new HdfFile(path)) {
                    H5adReader again = new H5adReader(ctx, h, path);
                    Group x = (Group) h.getByPath(xName);
                    again.toFloats(dataset(x, "data", xName + "/data").getData(new long[] {e0}, new int[] {len}), vals, xName + "/data", -1, e0);
                    Object k = dataset(x, "indices", xName + "/indices").getData(new long[] {e0}, new int[] {len});
                    if (k instanceof int[] ints) {
                        narrow = ints;
                    } else {
                        idx = new long[len];
                        again.toLongs(k, idx, len);
                    }
                } catch (RuntimeException e) {
                    throw new DataException(file + " could not be read again (cells " + (first + 1) + " to " + (first + count) + "): " + describe(e), e);
                }
            }
            int[] start = new int[count + 1];
            int[] columns = new int[len];
            float[] values = new float[len];
            int to = 0;
            for (int r = 0; r < count; r++) {
                start[r] = to;
                int from = to;
                for (long e = ptr[first + r] - e0, end = ptr[first + r + 1] - e0; e < end; e++) {
                    long c = narrow != null ? narrow[(int) e] : idx[(int) e];
                    if (c < 0 || c >= d) {
                        throw new DataException(String.format(Locale.ROOT, "%s: " + xName + "/indices entry %d is %d, outside 0..%d (the columns of the matrix)",
                                file, e0 + e, c, d - 1));
                    }
                    if (vals[(int) e] == 0) continue;
                    columns[to] = (int) c;
                    values[to++] = vals[(int) e];
                }
                // a row whose columns the file does not list in order (scipy allows it): sorted, a column stored twice refused
                try {
                    CsrBuilder.sortRow(columns, values, from, to, first + r);
                } catch (IllegalArgumentException twice) {
                    throw new DataException(file + ": " + xName + " stores a cell twice (" + twice.getMessage() + ", counted from 0 as cell, gene)");
                }
            }
            start[count] = to;
            return new CsrMatrix(count, d, start, columns, values);
        }
    }

    /** The first rows of a dense X, from the file. */
    private final class DenseRows implements BackedMatrix.Source {
        private final Unchanged unchanged = new Unchanged();
        private final int d;
        private final int rows;
        private final boolean byGene;   // a Loom matrix: genes × cells in the file

        DenseRows(io.jhdf.api.Dataset x, int d, int rows, boolean byGene) throws DataException {
            checkNumeric(x, xName);
            this.d = d;
            this.rows = rows;
            this.byGene = byGene;
        }

        @Override public String name() { return file; }
        @Override public int rows() { return rows; }
        @Override public int cols() { return d; }
        @Override public boolean sparse() { return false; }
        @Override public long storedValues() { return (long) rows * d; }
        @Override public long bytes() { return 0; }

        @Override public org.caeworkbench.data.Matrix read(int first, int count) throws DataException {
            float[] values = new float[Math.multiplyExact(count, d)];
            float[] row = new float[d];
            unchanged.check();
            try (HdfFile h = new HdfFile(path)) {
                H5adReader again = new H5adReader(ctx, h, path);
                again.xName = xName;
                io.jhdf.api.Dataset ds = (io.jhdf.api.Dataset) h.getByPath(xName);
                if (byGene) {
                    again.cellsByGene(ds, first, count, d, values);
                    return new org.caeworkbench.data.DenseMatrix(count, d, values);
                }
                Object slice = ds.getData(new long[] {first, 0}, new int[] {count, d});
                for (int i = 0; i < count; i++) {
                    again.toFloats(Array.get(slice, i), row, xName, first + i, 0);
                    System.arraycopy(row, 0, values, i * d, d);
                }
            } catch (RuntimeException e) {
                throw new DataException(file + " could not be read again (cells " + (first + 1) + " to " + (first + count) + "): " + describe(e), e);
            }
            return new org.caeworkbench.data.DenseMatrix(count, d, values);
        }
    }

    private Matrix sparse(Group x, int n, int d) throws DataException {
        String kind = sparseKind(x);
        if (!"csr_matrix".equals(kind) && !"csc_matrix".equals(kind)) {
            throw new DataException(file + ": " + xName + " is a group of kind '" + kind + "'; only a dense array or a csr_matrix or csc_matrix can be read");
        }
        boolean csr = kind.equals("csr_matrix");
        io.jhdf.api.Dataset data = dataset(x, "data", xName + "/data");
        io.jhdf.api.Dataset indices = dataset(x, "indices", xName + "/indices");
        io.jhdf.api.Dataset indptr = dataset(x, "indptr", xName + "/indptr");
        checkNumeric(data, xName + "/data");
        int major = csr ? n : d;
        int minor = csr ? d : n;
        if (data.getSize() != indices.getSize()) {
            throw new DataException(file + ": " + xName + "/data has " + data.getSize() + " values but " + xName + "/indices has " + indices.getSize());
        }
        long nnz = data.getSize();
        long[] ptr = rowPointers(indptr, nnz, major, csr);
        return (rows, sink) -> {
            // CSR: only the entries of the first rows are needed; CSC: every column, keeping the wanted rows
            long end = csr ? ptr[rows] : ctx.isPreview() ? Math.min(nnz, 2L * SLICE) : nnz;
            float[] vals = new float[(int) Math.min(SLICE, Math.max(1, end))];
            long[] idx = new long[vals.length];
            int majorAt = 0;
            for (long e0 = 0; e0 < end; e0 += SLICE) {
                int count = (int) Math.min(SLICE, end - e0);
                Object v = data.getData(new long[] {e0}, new int[] {count});
                Object k = indices.getData(new long[] {e0}, new int[] {count});
                toFloats(v, vals, xName + "/data", -1, e0);
                toLongs(k, idx, count);
                for (int e = 0; e < count; e++) {
                    long at = e0 + e;
                    while (ptr[majorAt + 1] <= at) majorAt++;
                    long mi = idx[e];
                    if (mi < 0 || mi >= minor) {
                        throw new DataException(String.format(Locale.ROOT, "%s: " + xName + "/indices entry %d is %d, outside 0..%d (the %s of the matrix)",
                                file, at, mi, minor - 1, csr ? "columns" : "rows"));
                    }
                    float value = vals[e];
                    int r = csr ? majorAt : (int) mi;
                    int c = csr ? (int) mi : majorAt;
                    if (r < rows && value != 0) sink.accept(r, c, value);
                }
                ctx.progress(e0 + count, end);
            }
        };
    }

    private void checkNumeric(io.jhdf.api.Dataset ds, String path) throws DataException {
        Class<?> t = ds.getJavaType();
        if (t == float.class || t == double.class || t == int.class || t == long.class || t == short.class || t == byte.class) return;
        if (t == boolean.class) return;
        throw new DataException(file + ": " + path + " holds " + t.getSimpleName() + " values, not numbers");
    }

    /** One row (or run) of numbers, whatever their stored type, into floats. */
    private void toFloats(Object array, float[] out, String path, int row, long firstEntry) throws DataException {
        int len = Array.getLength(array);
        if (array instanceof float[] f) {
            System.arraycopy(f, 0, out, 0, len);
        } else if (array instanceof double[] a) {
            for (int i = 0; i < len; i++) out[i] = (float) a[i];
        } else if (array instanceof int[] a) {
            for (int i = 0; i < len; i++) out[i] = a[i];
        } else if (array instanceof long[] a) {
            for (int i = 0; i < len; i++) out[i] = a[i];
        } else if (array instanceof short[] a) {
            for (int i = 0; i < len; i++) out[i] = a[i];
        } else if (array instanceof byte[] a) {
            for (int i = 0; i < len; i++) out[i] = a[i];
        } else if (array instanceof boolean[] a) {
            for (int i = 0; i < len; i++) out[i] = a[i] ? 1 : 0;
        } else {
            throw new DataException(file + ": " + path + " holds " + array.getClass().getSimpleName() + ", not numbers");
        }
        boolean missingAllowed = ctx.opts.impute() == Imputation.MEAN;
        for (int i = 0; i < len; i++) {
            float v = out[i];
            if (v - v == 0) continue;   // finite
            // a row's values from column firstEntry (0 but for a Loom matrix's cells), or a run of entries from firstEntry
            String where = file + ": " + path + (row >= 0 ? " row " + (row + 1) + ", column " + (firstEntry + i + 1) : " entry " + (firstEntry + i));
            if (Float.isInfinite(v)) throw new DataException(where + " is not a finite number");
            if (!missingAllowed) throw new DataException(where + " is missing (NaN); use --impute mean (in the window: Missing values) to fill missing values with the training mean");
        }
    }

    private void toLongs(Object array, long[] out, int len) throws DataException {
        if (array instanceof long[] a) System.arraycopy(a, 0, out, 0, len);
        else if (array instanceof int[] a) for (int i = 0; i < len; i++) out[i] = a[i];
        else if (array instanceof short[] a) for (int i = 0; i < len; i++) out[i] = a[i];
        else if (array instanceof byte[] a) for (int i = 0; i < len; i++) out[i] = a[i];
        else throw new DataException(file + ": " + xName + "/indices holds " + array.getClass().getSimpleName() + ", not whole numbers");
    }

    private long[] longs(Object data, String what) throws DataException {
        if (data == null || !data.getClass().isArray()) throw new DataException(file + ": " + what + " is not a list of numbers");
        int len = Array.getLength(data);
        long[] out = new long[len];
        for (int i = 0; i < len; i++) {
            Object v = Array.get(data, i);
            if (!(v instanceof Number num)) throw new DataException(file + ": " + what + " is not a list of whole numbers");
            out[i] = num.longValue();
        }
        return out;
    }

    /** How --layer names a matrix of the AnnData read ({@code X}, a layer or raw.X): as it is, or after a MuData file's modality. */
    private String choiceName(String local) {
        return modality == null ? local : local.equals("X") ? modality : modality + "/" + local;
    }

    /** Names prefix1 .. prefixN, noted, for the cells or genes ({@code noun}) of a table ({@code what}) without names. */
    private List<String> numbered(String prefix, int count, String what, String noun) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(prefix + (i + 1));
        ctx.note(file + ": " + what + " has no index, so the " + noun + " are named " + prefix + "1 to " + prefix + count);
        return out;
    }

    /** The matrices of an AnnData group as --layer names them: X (when it has one), the members of layers, then raw.X when raw has one. */
    private List<String> matrices(Group anndata) throws DataException {
        List<String> out = new ArrayList<>();
        if (anndata == null) return out;
        if (child(anndata, "X") != null || (loom && anndata == hdf)) out.add("X");    // a Loom file's main matrix is X
        Group layers = asGroup(child(anndata, "layers"));
        if (layers != null) for (Node n : layers) out.add(n.getName());
        Group raw = asGroup(child(anndata, "raw"));
        if (raw != null && raw.getChild("X") != null) out.add(ReadOptions.RAW);
        return out;
    }

    // ---- obs and var

    /** The index of obs or var: the dataset the _index attribute names, else _index or index; else numbered names. */
    private List<String> index(Group g, String what, int expected, String prefix) throws DataException {
        List<String> out = indexNames(g, what);
        if (out == null) return numbered(prefix, expected, what, what.equals("obs") ? "cells" : "genes");
        if (out.size() != expected) {
            throw new DataException(file + ": the " + what + " index has " + out.size() + " names but " + xName + " has " + expected
                    + (what.equals("obs") ? " rows" : " columns"));
        }
        return out;
    }

    /** The names of obs's or var's index (the dataset the _index attribute names, else _index or index), or null when it has none. */
    private List<String> indexNames(Group g, String what) throws DataException {
        if (g == null) return null;
        String named = text(g.getAttribute("_index"));
        for (String candidate : named != null ? List.of(named) : List.of("_index", "index")) {
            Node node = child(g, candidate);
            if (node != null && !node.isGroup()) return strings((io.jhdf.api.Dataset) node, what + "/" + candidate);
        }
        return null;
    }

    /**
     * The label column's values, or null: a column of obs, or of a Loom file's col_attrs (1-D, one value a cell;
     * {@code cellNames}, the one that names the cells, left out).
     */
    private String[] labels(Group obs, int n, String cellNames, List<String> cells) throws DataException {
        List<String> columns = columns(obs, n, cellNames);
        // a MuData file: the global obs's columns too (mdata.obs, where annotations of the whole object live), by cell name
        Group global = modality != null ? asGroup(child(hdf, "obs")) : null;
        List<String> globalColumns = new ArrayList<>();
        if (global != null) for (String c : columns(global, -1, null)) if (!columns.contains(c)) globalColumns.add(c);
        List<String> all = new ArrayList<>(columns);
        all.addAll(globalColumns);
        String table = loom ? Loom.CELLS : "obs";
        String where = global != null ? " (neither in mod/" + modality + "/obs nor in the file's global obs)" : "";
        ctx.labelChoices(all);
        if (ctx.opts.labelsFile() != null) return null;   // the sample annotation file gives them
        String wanted = ctx.opts.labelColumn();
        String column = null;
        if (wanted != null) {
            for (String c : all) if (c.equals(wanted)) column = c;
            if (column == null) for (String c : all) if (c.equalsIgnoreCase(wanted)) column = c;
            if (column == null) {
                throw new DataException(file + " has no " + table + " column named '" + wanted + "'" + where
                        + (all.isEmpty() ? "; its " + table + " table has no columns" : "; its " + table + " columns are " + DelimitedReader.preview(all)));
            }
        } else {
            for (String c : all) if (c.equalsIgnoreCase("label") || c.equalsIgnoreCase("class")) column = c;
            if (column == null) return null;
        }
        boolean fromGlobal = !columns.contains(column);
        if (fromGlobal) table = "the file's global obs";
        String[] labels = fromGlobal ? globalColumn(global, column, cells) : column(obs, column, n);
        for (int i = 0; i < n; i++) {
            if (labels[i] == null || labels[i].isEmpty()) {
                if (ctx.opts.dropUnlabelled()) {
                    labels[i] = null;      // left out once read (DatasetReader)
                    continue;
                }
                throw new DataException(file + ": " + table + " column '" + column + "' has no value for cell " + (i + 1) + "; every cell needs"
                        + " a label, or --unlabelled drop (in the window: Unlabelled) leaves those without one out");
            }
        }
        return labels;
    }

    /** The columns of obs (or a Loom file's col_attrs, where {@code n} values a column are asked), its index and {@code cellNames} left out. */
    private List<String> columns(Group obs, int n, String cellNames) {
        List<String> columns = new ArrayList<>();
        if (obs == null) return columns;
        String indexName = text(obs.getAttribute("_index"));
        for (Node c : obs) {
            String name = c.getName();
            if (name.equals("__categories") || name.equals(indexName) || name.equals("_index") || name.equals(cellNames)) continue;
            if (loom && !(c instanceof io.jhdf.api.Dataset ds && ds.getDimensions().length == 1 && ds.getSize() == n)) continue;
            columns.add(name);
        }
        return columns;
    }

    /**
     * A column of a MuData file's global obs, for the modality's {@code cells}: matched by name, since the global obs holds
     * every modality's cells (their union, in its own order).
     */
    private String[] globalColumn(Group global, String name, List<String> cells) throws DataException {
        List<String> globalCells = indexNames(global, "obs");
        if (globalCells == null) {
            throw new DataException(file + ": the global obs has no index naming its cells, so its column '" + name
                    + "' cannot be matched to the cells of " + modality);
        }
        String[] values = column(global, name, globalCells.size(), "obs/" + name);
        java.util.Map<String, Integer> at = new java.util.HashMap<>(globalCells.size() * 2);
        for (int i = 0; i < globalCells.size(); i++) {
            if (at.putIfAbsent(globalCells.get(i), i) != null) {
                throw new DataException(file + ": the global obs names the cell '" + DelimitedReader.shorten(globalCells.get(i))
                        + "' twice, so its column '" + name + "' cannot be matched to the cells of " + modality
                        + "; use a column of mod/" + modality + "/obs instead");
            }
        }
        String[] out = new String[cells.size()];
        for (int i = 0; i < out.length; i++) {
            Integer j = at.get(cells.get(i));
            if (j == null) {
                throw new DataException(file + ": the cell '" + DelimitedReader.shorten(cells.get(i)) + "' of " + modality
                        + " is not in the global obs, so its column '" + name + "' gives it no label");
            }
            out[i] = values[j];
        }
        return out;
    }

    /** One obs column as strings: categorical (new or old layout), nullable integers or booleans, strings or numbers. */
    private String[] column(Group obs, String name, int n) throws DataException {
        return column(obs, name, n, (loom ? Loom.CELLS : "obs") + "/" + name);
    }

    private String[] column(Group obs, String name, int n, String path) throws DataException {
        Node node = child(obs, name);
        if (node.isGroup()) {
            Group g = (Group) node;
            String kind = text(g.getAttribute("encoding-type"));
            if ("nullable-integer".equals(kind) || "nullable-boolean".equals(kind) || "nullable-string-array".equals(kind)) {
                // pandas' Int64, boolean (anndata 0.8 and later) and string columns (later anndata, when asked): values, and a
                // mask of the missing ones
                String[] out = column(g, "values", n, path + "/values");
                Node mask = child(g, "mask");
                if (mask instanceof io.jhdf.api.Dataset m && m.getSize() == n) {
                    long[] missing = longs(booleansAsNumbers(m.getData()), path + "/mask");
                    for (int i = 0; i < n; i++) if (missing[i] != 0) out[i] = null;    // no value: refused as labels, naming the cell
                }
                return out;
            }
            if (!"categorical".equals(kind)) {
                throw new DataException(file + ": " + path + " is a column of kind '" + kind + "', which cannot be used as labels");
            }
            return decode(strings(dataset(g, "categories", path + "/categories"), path + "/categories"),
                    dataset(g, "codes", path + "/codes"), path, n);
        }
        io.jhdf.api.Dataset ds = (io.jhdf.api.Dataset) node;
        Node old = child(obs, "__categories");
        if (old != null && old.isGroup() && child((Group) old, name) instanceof io.jhdf.api.Dataset cats) {
            return decode(strings(cats, "obs/__categories/" + name), ds, path, n);
        }
        if (ds.getSize() != n) throw new DataException(file + ": " + path + " has " + ds.getSize() + " values but " + xName + " has " + n + " rows");
        if (ds.getDataType() instanceof io.jhdf.object.datatype.EnumDataType) {
            // h5py's booleans, an enumeration FALSE/TRUE: named as Python prints them
            String[] out = strings(ds, path).toArray(new String[0]);
            for (int i = 0; i < out.length; i++) out[i] = "TRUE".equals(out[i]) ? "True" : "FALSE".equals(out[i]) ? "False" : out[i];
            return out;
        }
        if (ds.getJavaType() == String.class) return strings(ds, path).toArray(new String[0]);
        long[] whole = null;
        Object data = ds.getData();
        if (data instanceof float[] || data instanceof double[]) {
            String[] out = new String[n];
            for (int i = 0; i < n; i++) {
                double v = ((Number) Array.get(data, i)).doubleValue();
                out[i] = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
            }
            return out;
        }
        whole = longs(data, path);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) out[i] = Long.toString(whole[i]);
        return out;
    }

    /** h5py's booleans (read as the strings TRUE and FALSE of their enumeration) as 1 and 0; numbers as they are. */
    private static Object booleansAsNumbers(Object data) {
        if (data instanceof boolean[] b) {
            long[] out = new long[b.length];
            for (int i = 0; i < b.length; i++) out[i] = b[i] ? 1 : 0;
            return out;
        }
        if (data instanceof String[] s) {
            long[] out = new long[s.length];
            for (int i = 0; i < s.length; i++) out[i] = "TRUE".equalsIgnoreCase(s[i]) ? 1 : 0;
            return out;
        }
        return data;
    }

    private String[] decode(List<String> categories, io.jhdf.api.Dataset codes, String path, int n) throws DataException {
        if (codes.getSize() != n) throw new DataException(file + ": " + path + " has " + codes.getSize() + " codes but " + xName + " has " + n + " rows");
        long[] c = longs(codes.getData(), path + " codes");
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            if (c[i] == -1) {
                if (ctx.opts.dropUnlabelled()) continue;      // null: left out once read (DatasetReader)
                throw new DataException(file + ": " + path + " has no value (code -1) for cell " + (i + 1) + "; every cell needs a label,"
                        + " or --unlabelled drop (in the window: Unlabelled) leaves those without one out");
            }
            if (c[i] < 0 || c[i] >= categories.size()) {
                throw new DataException(file + ": " + path + " code " + c[i] + " of cell " + (i + 1) + " is outside its "
                        + categories.size() + " categories");
            }
            out[i] = categories.get((int) c[i]);
        }
        return out;
    }

    // ---- small helpers

    /**
     * A member of a group, or null. An external link is refused, never followed: it would make a file
     * from someone else open any path on this computer (a named pipe there blocks the reading forever).
     * Links within the file (soft links) are followed.
     */
    /** A dataset of {@code expected} names in a 10x matrix group. */
    private List<String> names(Group g, String name, int expected) throws DataException {
        String where = g.getPath().replaceAll("^/+|/+$", "") + "/" + name;
        List<String> out = strings(dataset(g, name, where), where);
        if (out.size() != expected) throw new DataException(file + ": " + where + " has " + out.size() + " names but the matrix has " + expected);
        return out;
    }

    private Node child(Group g, String name) throws DataException {
        Node n = g == null ? null : g.getChild(name);
        if (n instanceof ExternalLink link) {
            throw new DataException(file + ": " + link.getPath().replaceFirst("^/+", "") + " is a link to " + link.getTargetPath()
                    + " in another file, which is not followed (a file could otherwise open any file on this computer);"
                    + " save the data inside the .h5ad itself (in Python: anndata.read_h5ad(...).write_h5ad(...))");
        }
        return n;
    }

    private static Group asGroup(Node n) {
        return n != null && n.isGroup() ? (Group) n : null;
    }

    private io.jhdf.api.Dataset dataset(Group g, String name, String path) throws DataException {
        Node n = child(g, name);
        if (!(n instanceof io.jhdf.api.Dataset ds)) throw new DataException(file + " has no dataset " + path);
        return ds;
    }

    private List<String> strings(io.jhdf.api.Dataset ds, String path) throws DataException {
        Object data = ds.getData();
        if (!(data instanceof String[] s)) {
            if (data != null && data.getClass().isArray() && data.getClass().getComponentType().isPrimitive()) {
                // numbers as names (an index of integers)
                int len = Array.getLength(data);
                List<String> out = new ArrayList<>(len);
                for (int i = 0; i < len; i++) out.add(String.valueOf(Array.get(data, i)));
                return out;
            }
            throw new DataException(file + ": " + path + " is not a list of names");
        }
        List<String> out = new ArrayList<>(s.length);
        for (String v : s) out.add(v == null ? "" : v);
        return out;
    }

}
