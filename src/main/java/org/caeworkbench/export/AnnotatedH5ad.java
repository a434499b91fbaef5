package org.caeworkbench.export;

import static org.caeworkbench.data.HdfAttributes.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.links.ExternalLink;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caeworkbench.data.ReadOptions;

/**
 * A copy of an AnnData {@code .h5ad} file with the run's columns added to {@code var}
 * ({@code cae_selected}, {@code cae_rank}, {@code cae_probability}, see {@link FeatureTable}; and
 * {@code cae_gene_id}/{@code cae_gene_symbol} when the run knows both names of its genes) and the
 * run's settings, seed and program version in {@code uns['cae']}, following anndata's on-disk layout
 * (groups and datasets tagged with {@code encoding-type} and {@code encoding-version}). A run on the raw matrix
 * ({@code --layer raw.X}) has raw's genes, so its columns go to {@code raw/var} ({@code adata.raw.var}) instead. Of a
 * MuData file the modality the run read is copied, as an .h5ad of its own.
 *
 * <p>A 10x Genomics {@code .h5} (Cell Ranger's) becomes a new {@code .h5ad}: its matrix as {@code X} (cells × genes,
 * CSR), {@code obs} indexed by barcode with each cell's {@code total_counts}, {@code var} by the gene names the reader gives, with {@code gene_ids},
 * {@code feature_types} and the run's columns. A Loom file becomes a new {@code .h5ad} the same way ({@link #fromLoom}).
 *
 * <p>Written with jHDF, which writes HDF5 from Java but not every HDF5 type. What this means for the copy:
 * <ul>
 * <li>{@code X}, {@code layers}, {@code obsm}, {@code varm}, {@code obsp}, {@code varp}, {@code raw} and
 *     {@code uns} are copied element by element (dense arrays and sparse CSR/CSC groups as they are);</li>
 * <li>booleans are written as h5py writes them (an HDF5 enumeration, {@link HdfBooleans}, which jHDF is
 *     given by hand); should that ever fail with another jHDF, a boolean becomes 0/1 and a categorical
 *     column (whose {@code ordered} flag is a boolean) a column of its values as strings;</li>
 * <li>strings are written as fixed-length UTF-8 (anndata reads them as ordinary strings);</li>
 * <li>an element jHDF cannot write (references, compound types, empty groups) is left out, whole,
 *     and named in {@link Written#leftOut()}.</li>
 * </ul>
 * The input is never written to: the copy is made in a temporary file beside the output and renamed
 * into place.
 */
public final class AnnotatedH5ad {
    private AnnotatedH5ad() {}

    /**
     * The file written and what of the input could not be carried over (paths inside the file, with why).
     *
     * @param table   where the run's columns went: {@code var}, or {@code raw/var} for a run on the raw matrix
     */
    public record Written(Path file, List<String> leftOut, int matched, String table) {
        /** "annotated copy written to FILE (N var entries matched)", as the command line says it. */
        public String summary() {
            return "annotated copy written to " + file + " (" + matched + " " + table + " entries matched" + (table.equals("var") ? ""
                    : "; the run read the raw matrix, so its columns are in " + table + ", adata.raw.var") + ")";
        }
    }

    private static final String ENCODING_TYPE = "encoding-type";
    private static final String ENCODING_VERSION = "encoding-version";

    static {
        org.caeworkbench.data.HdfLzf.install();     // the input's LZF chunks, as the reader reads them
    }

    /**
     * Copies {@code input} to {@code output} with the columns of {@code table} (matched to the var index
     * by feature name) and {@code uns['cae']} from {@code config} (config.json's content).
     */
    public static Written write(Path input, Path output, FeatureTable table, RunConfig config, String runName) throws IOException {
        Path in = input.toAbsolutePath().normalize();
        Path out = output.toAbsolutePath().normalize();
        if (Files.exists(out) && Files.isSameFile(in, out))
            throw new IOException(output + " is the input file; the annotated copy needs another name (the input is never changed).");
        Files.createDirectories(out.getParent());
        Path tmp = Files.createTempFile(out.getParent(), "." + out.getFileName() + ".", ".part");
        List<String> leftOut = new ArrayList<>();
        int matched;
        String annotatedTable = "var";
        try {
            try (HdfFile hdf = new HdfFile(in)) {
                Copier c = new Copier(input.getFileName().toString(), leftOut);
                // a MuData file: the modality the run read, copied as an .h5ad of its own
                List<String> modalities = org.caeworkbench.data.MuData.modalities(hdf);
                String layer = config == null || config.data() == null ? null : config.data().read().layer();
                Group source = hdf;
                if (!modalities.isEmpty()) {
                    String modality = org.caeworkbench.data.MuData.modality(modalities, layer);
                    if (!modalities.contains(modality)) throw new IOException(input.getFileName() + " has no modality " + modality
                            + "; is it the file the run was trained on?");
                    source = (Group) ((Group) hdf.getChild("mod")).getChild(modality);
                    layer = org.caeworkbench.data.MuData.within(layer);
                }
                Node var = source.getChild("var");
                Group tenx = var == null ? org.caeworkbench.data.TenxH5.matrixGroup(hdf) : null;
                boolean loom = var == null && tenx == null && org.caeworkbench.data.Loom.is(hdf);
                if (tenx == null && !loom && (var == null || !var.isGroup()))
                    throw new IOException(input.getFileName() + " has no var table; is it an AnnData (.h5ad) file?");
                List<Item> top = new ArrayList<>();
                if (tenx != null) {
                    matched = fromTenx(tenx, table, input.getFileName().toString(), top);
                } else if (loom) {
                    matched = fromLoom(in, hdf, table, input.getFileName().toString(), top);
                } else {
                    // a run on the raw matrix (--layer raw.X) has raw/var's genes: its columns go there (adata.raw.var)
                    Group raw = readsRaw(layer, source) ? rawGroup(source, input) : null;
                    Group annotated = raw != null ? (Group) raw.getChild("var") : (Group) var;
                    if (raw != null) annotatedTable = "raw/var";
                    VarColumns cols = varColumns(annotated, table, input.getFileName().toString());
                    matched = cols.matched;
                    for (Node n : source) {
                        String name = n.getName();
                        Item item = switch (name) {
                            case "var" -> raw == null ? c.var((Group) n, cols.columns) : c.element(n);
                            case "raw" -> raw == null ? c.element(n) : c.raw(raw, cols.columns);
                            case "uns" -> c.uns((Group) n, unsCae(config, runName, table));
                            default -> c.element(n);
                        };
                        if (item != null) top.add(item);
                    }
                }
                if (tenx != null || loom || source.getChild("uns") == null) {
                    Item.G uns = new Item.G("uns", dictAttrs(), new ArrayList<>(List.of(unsCae(config, runName, table))));
                    top.add(uns);
                }
                Map<String, Object> rootAttrs = new LinkedHashMap<>();
                rootAttrs.put(ENCODING_TYPE, "anndata");
                rootAttrs.put(ENCODING_VERSION, "0.1.0");
                try (WritableHdfFile w = HdfFile.write(tmp)) {
                    for (Item i : top) i.writeInto(w);
                    for (var e : rootAttrs.entrySet()) w.putAttribute(e.getKey(), e.getValue());
                }
            } catch (RuntimeException e) {
                throw new IOException(input.getFileName() + " could not be copied as an .h5ad file: " + e.getMessage(), e);
            }
            AtomicFiles.readableByAll(tmp, false);
            AtomicFiles.moveIntoPlace(tmp, out);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Written(out, List.copyOf(leftOut), matched, annotatedTable);
    }

    // ---- what is written: a tree read completely before anything is written, so a part that cannot be written is left out whole

    private sealed interface Item {
        String name();

        void writeInto(WritableGroup parent);

        record G(String name, Map<String, Object> attrs, List<Item> children) implements Item {
            @Override public void writeInto(WritableGroup parent) {
                WritableGroup g = parent.putGroup(name);
                for (Item c : children) c.writeInto(g);
                putAttributes(g, attrs);
            }
        }

        record D(String name, Object data, Map<String, Object> attrs) implements Item {
            @Override public void writeInto(WritableGroup parent) {
                WritableNode d = parent.putDataset(name, data);
                if (isBoolean(data)) HdfBooleans.asEnum(d);
                putAttributes(d, attrs);
            }
        }
    }

    private static void putAttributes(WritableNode node, Map<String, Object> attrs) {
        attrs.forEach((k, v) -> {
            node.putAttribute(k, v);
            if (isBoolean(v)) HdfBooleans.asEnum(node.getAttribute(k));   // (putAttribute returns the attribute it replaced)
        });
    }

    private static boolean isBoolean(Object v) {
        return v instanceof Boolean || v instanceof boolean[];
    }

    /** Reads the input into {@link Item}s, converting what jHDF cannot write as it is. */
    private static final class Copier {
        private final String file;
        private final List<String> leftOut;

        Copier(String file, List<String> leftOut) {
            this.file = file;
            this.leftOut = leftOut;
        }

        /** A top-level element (X, obs, obsm, layers, ...): a dict's members one by one, anything else whole. */
        Item element(Node n) {
            try {
                if (n.isGroup() && "dict".equals(text(n.getAttribute(ENCODING_TYPE)))) {
                    List<Item> members = new ArrayList<>();
                    for (Node m : (Group) n) {
                        Item i = tryItem(m);
                        if (i != null) members.add(i);
                    }
                    if (members.isEmpty()) return null;   // anndata reads a missing dict as empty
                    return new Item.G(n.getName(), attrs(n), members);
                }
                return tryItem(n);
            } catch (CannotCopy e) {
                leftOut.add(path(n) + " (" + e.getMessage() + ")");
                return null;
            }
        }

        Item var(Group var, List<Item> columns) throws IOException {
            try {
                return dataframe(var, columns);
            } catch (CannotCopy e) {
                throw new IOException(file + ": its var table cannot be copied: " + e.getMessage());
            }
        }

        /** raw, with {@code columns} added to raw/var; empty dicts inside are left out, as in {@link #item}. */
        Item raw(Group raw, List<Item> columns) throws IOException {
            List<Item> children = new ArrayList<>();
            for (Node m : raw) {
                if (m.getName().equals("var")) children.add(var((Group) m, columns));
                else if (!isEmptyDict(m)) {
                    Item i = tryItem(m);
                    if (i != null) children.add(i);
                }
            }
            try {
                return new Item.G(raw.getName(), attrs(raw), children);
            } catch (CannotCopy e) {
                throw new IOException(file + ": its raw group cannot be copied: " + e.getMessage());
            }
        }

        Item uns(Group uns, Item cae) {
            Item copied = element(uns);
            List<Item> members = new ArrayList<>();
            if (copied instanceof Item.G g) for (Item i : g.children()) if (!i.name().equals("cae")) members.add(i);
            if (uns.getChild("cae") != null) leftOut.add("uns/cae (replaced by this run's)");
            members.add(cae);
            return new Item.G("uns", dictAttrs(), members);
        }

        private Item tryItem(Node n) {
            try {
                return item(n);
            } catch (CannotCopy | RuntimeException e) {
                leftOut.add(path(n) + " (" + e.getMessage() + ")");
                return null;
            }
        }

        Item item(Node n) throws CannotCopy {
            if (n instanceof ExternalLink) throw new CannotCopy("a link to another file");
            if (n.isGroup()) {
                Group g = (Group) n;
                String kind = text(g.getAttribute(ENCODING_TYPE));
                if ("dataframe".equals(kind)) return dataframe(g, List.of());
                if ("categorical".equals(kind) && !HdfBooleans.available()) return categorical(g);   // its 'ordered' needs a boolean
                List<Item> children = new ArrayList<>();
                for (Node c : g) {
                    if (!isEmptyDict(c)) children.add(item(c));
                }
                if (children.isEmpty()) throw new CannotCopy("an empty group");
                return new Item.G(g.getName(), attrs(g), children);
            }
            io.jhdf.api.Dataset ds = (io.jhdf.api.Dataset) n;
            Object data = ds.getData();
            if (ds.getDataType() instanceof EnumDataType) data = booleans(data, n);
            if (data == null) throw new CannotCopy("no data");
            try {
                DataType.fromObject(data);
            } catch (RuntimeException e) {
                throw new CannotCopy("values of a type that cannot be written: " + data.getClass().getSimpleName());
            }
            if (data.getClass().isArray() && Array.getLength(data) == 0) throw new CannotCopy("an empty array");
            return new Item.D(n.getName(), data, attrs(n));
        }

        /** A dataframe (obs, var, one in uns): its index and columns, categorical columns as strings; then {@code extra} columns. */
        Item dataframe(Group g, List<Item> extra) throws CannotCopy {
            Map<String, Object> a = attrs(g);
            List<Item> children = new ArrayList<>();
            for (Node c : g) {
                Item i = tryItem(c);
                if (i != null) children.add(i);
            }
            List<String> order = new ArrayList<>();
            Object co = a.get("column-order");
            if (co instanceof String[] s) for (String x : s) if (has(children, x)) order.add(x);
            for (Item e : extra) {
                children.removeIf(i -> i.name().equals(e.name()));
                children.add(e);
                order.remove(e.name());
                order.add(e.name());
            }
            a.put("column-order", columnOrder(order));
            return new Item.G(g.getName(), a, children);
        }

        private Item categorical(Group g) throws CannotCopy {
            Node cats = g.getChild("categories");
            Node codes = g.getChild("codes");
            if (!(cats instanceof io.jhdf.api.Dataset c) || !(codes instanceof io.jhdf.api.Dataset k))
                throw new CannotCopy("a categorical without categories and codes");
            Object names = c.getData();
            long[] code = longs(k.getData());
            String[] out = new String[code.length];
            for (int i = 0; i < code.length; i++) {
                out[i] = code[i] < 0 || code[i] >= Array.getLength(names) ? "" : String.valueOf(Array.get(names, (int) code[i]));
            }
            return new Item.D(g.getName(), out, stringArrayAttrs());
        }

        private Map<String, Object> attrs(Node n) throws CannotCopy {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Attribute> e : n.getAttributes().entrySet()) {
                Attribute a = e.getValue();
                Object v = a.getData();
                if (a.getDataType() instanceof EnumDataType) v = booleans(v, n);
                if (v == null || (v.getClass().isArray() && Array.getLength(v) == 0)) continue;
                try {
                    DataType.fromObject(v);
                } catch (RuntimeException ex) {
                    throw new CannotCopy("attribute " + e.getKey() + " of a type that cannot be written");
                }
                out.put(e.getKey(), v);
            }
            return out;
        }

        /** h5py's booleans (an enum FALSE/TRUE) as Java booleans, which are written as 0/1. */
        private Object booleans(Object v, Node n) throws CannotCopy {
            if (v instanceof String s) return bool(s, n);
            if (v instanceof String[] s) {
                boolean[] b = new boolean[s.length];
                for (int i = 0; i < s.length; i++) b[i] = bool(s[i], n);
                return b;
            }
            throw new CannotCopy("an enumeration that is not a boolean");
        }

        private static boolean bool(String s, Node n) throws CannotCopy {
            if ("TRUE".equalsIgnoreCase(s)) return true;
            if ("FALSE".equalsIgnoreCase(s)) return false;
            throw new CannotCopy("an enumeration that is not a boolean");
        }

        private String path(Node n) {
            return n.getPath().replaceFirst("^/+", "");
        }
    }

    /** An empty dict inside a group (raw/varm, as anndata writes it), left out: anndata reads a missing dict as empty. */
    private static boolean isEmptyDict(Node n) {
        return !(n instanceof ExternalLink) && n instanceof Group e && e.getChildren().isEmpty() && "dict".equals(text(n.getAttribute(ENCODING_TYPE)));
    }

    /** Whether the run read the AnnData's raw matrix: --layer raw.X (or raw, when no layer has that name). */
    private static boolean readsRaw(String layer, Group anndata) {
        if (!ReadOptions.namesRaw(layer)) return false;
        Node layers = anndata.getChild("layers");
        return !(layers instanceof Group g) || g.getChild(layer) == null;
    }

    private static Group rawGroup(Group anndata, Path input) throws IOException {
        Node raw = anndata.getChild("raw");
        if (raw instanceof Group g && g.getChild("var") instanceof Group) return g;
        throw new IOException(input.getFileName() + " has no raw/var table, but the run read its raw matrix; is it the file the run was trained on?");
    }

    private static final class CannotCopy extends Exception {
        CannotCopy(String why) {
            super(why);
        }
    }

    // ---- a 10x Genomics .h5 (Cell Ranger's) as a new .h5ad

    /**
     * An AnnData file made from a 10x .h5's matrix group, into {@code top}: X as a csr_matrix of cells x genes (the 10x
     * arrays as they are: genes x cells stored by cell), obs indexed by barcode, var by the gene names the reader gives (the
     * symbols, a repeat with its id appended) with the 10x ids and feature types and the run's columns (matched by name).
     * Returns the var entries matched.
     */
    private static int fromTenx(Group m, FeatureTable table, String file, List<Item> top) throws IOException {
        Object data = dataset(m, "data", file).getData();
        Object indices = dataset(m, "indices", file).getData();
        Object indptr = dataset(m, "indptr", file).getData();
        long[] shape;
        try {
            shape = longs(dataset(m, "shape", file).getData());
        } catch (CannotCopy e) {
            throw new IOException(file + ": its matrix shape is not two numbers");
        }
        Object barcodes = dataset(m, "barcodes", file).getData();
        if (shape.length != 2 || Array.getLength(barcodes) != shape[1])
            throw new IOException(file + ": its barcodes do not match the matrix's " + (shape.length == 2 ? shape[1] + " cells" : "shape"));
        int genes = (int) shape[0];
        Node features = m.getChild("features");
        Node ids = features instanceof Group f ? f.getChild("id") : m.getChild("genes");
        Node symbols = features instanceof Group f ? f.getChild("name") : m.getChild("gene_names");
        if (!(ids instanceof io.jhdf.api.Dataset idData) || Array.getLength(idData.getData()) != genes)
            throw new IOException(file + ": its gene ids do not match the matrix's " + genes + " genes");
        List<String> idList = List.of(strings(idData.getData()));
        List<String> symbolList = symbols instanceof io.jhdf.api.Dataset sd && Array.getLength(sd.getData()) == genes
                ? List.of(strings(sd.getData())) : idList;
        // named as the reader names them (the run's features.tsv matches by these names)
        String[] names = org.caeworkbench.data.UniqueNames.asReadersName(symbolList, idList).toArray(new String[0]);
        Map<String, Object> xAttrs = attrs("csr_matrix", "0.1.0");
        xAttrs.put("shape", new long[] {shape[1], shape[0]});
        top.add(new Item.G("X", xAttrs, List.of(new Item.D("data", data, Map.of()), new Item.D("indices", indices, Map.of()),
                new Item.D("indptr", indptr, Map.of()))));
        // each cell's total count, a column scanpy users expect
        long[] ptr;
        try {
            ptr = longs(indptr);
        } catch (CannotCopy e) {
            throw new IOException(file + ": its indptr is not whole numbers");
        }
        if (ptr.length != shape[1] + 1) throw new IOException(file + ": its indptr has " + ptr.length + " entries for " + shape[1] + " cells");
        double[] totals = new double[(int) shape[1]];
        for (int c = 0; c < totals.length; c++)
            for (long e = ptr[c]; e < ptr[c + 1]; e++) totals[c] += ((Number) Array.get(data, (int) e)).doubleValue();
        top.add(new Item.G("obs", dataframeAttrs(List.of("total_counts")), List.of(new Item.D("_index", strings(barcodes), stringArrayAttrs()),
                new Item.D("total_counts", totals, arrayAttrs()))));
        List<Item> columns = new ArrayList<>();
        columns.add(new Item.D("gene_ids", idList.toArray(new String[0]), stringArrayAttrs()));
        Node types = features instanceof Group f ? f.getChild("feature_type") : null;
        if (types instanceof io.jhdf.api.Dataset ds && Array.getLength(ds.getData()) == genes)
            columns.add(new Item.D("feature_types", strings(ds.getData()), stringArrayAttrs()));
        VarColumns cae = columns(names, table, file);
        columns.addAll(cae.columns);
        List<Item> var = new ArrayList<>();
        var.add(new Item.D("_index", names, stringArrayAttrs()));
        var.addAll(columns);
        top.add(new Item.G("var", dataframeAttrs(columns.stream().map(Item::name).toList()), var));
        return cae.matched;
    }

    // ---- a Loom file as a new .h5ad

    /**
     * An AnnData file made from a Loom file, into {@code top}: X its main matrix and layers its layers, each as the reader
     * reads it (cells × genes; CSR when mostly zeros, else dense), obs and var indexed by the reader's cell and gene names
     * with the Loom file's other one-value-a-cell and one-value-a-gene attributes as columns, and the run's columns in var.
     * The matrices are read whole, one after another. Returns the var entries matched.
     */
    private static int fromLoom(Path input, Group root, FeatureTable table, String file, List<Item> top) throws IOException {
        ReadOptions read = ReadOptions.defaults().withFormat(org.caeworkbench.data.Format.H5AD).withBacking(org.caeworkbench.data.Backing.MEMORY);
        org.caeworkbench.data.Dataset main = readLoom(input, read);
        top.add(matrixItem("X", main));
        List<Item> layers = new ArrayList<>();
        if (root.getChild("layers") instanceof Group g && !(g instanceof io.jhdf.links.ExternalLink))
            for (Node n : g) if (n instanceof io.jhdf.api.Dataset) layers.add(matrixItem(n.getName(), readLoom(input, read.withLayer(n.getName()))));
        if (!layers.isEmpty()) top.add(new Item.G("layers", dictAttrs(), layers));
        String[] cells = main.sampleIds().toArray(new String[0]);
        String[] genes = main.featureNames().toArray(new String[0]);
        List<Item> obs = attributeColumns(root.getChild("col_attrs"), cells.length, org.caeworkbench.data.Loom.cellNameAttribute(root, cells.length));
        List<Item> obsItems = new ArrayList<>(List.of(new Item.D("_index", cells, stringArrayAttrs())));
        obsItems.addAll(obs);
        top.add(new Item.G("obs", dataframeAttrs(obs.stream().map(Item::name).toList()), obsItems));
        List<Item> columns = attributeColumns(root.getChild("row_attrs"), genes.length, org.caeworkbench.data.Loom.geneNameAttribute(root, genes.length));
        VarColumns cae = columns(genes, table, file);
        columns.addAll(cae.columns);
        List<Item> var = new ArrayList<>(List.of(new Item.D("_index", genes, stringArrayAttrs())));
        var.addAll(columns);
        top.add(new Item.G("var", dataframeAttrs(columns.stream().map(Item::name).toList()), var));
        return cae.matched;
    }

    private static org.caeworkbench.data.Dataset readLoom(Path input, ReadOptions read) throws IOException {
        try {
            return org.caeworkbench.data.DatasetReader.read(input, read);
        } catch (org.caeworkbench.data.DataException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** A cells × genes matrix as anndata stores it: a csr_matrix group, or a dense array. */
    private static Item matrixItem(String name, org.caeworkbench.data.Dataset d) {
        if (d.matrix() instanceof org.caeworkbench.data.CsrMatrix csr) {
            int nnz = csr.rowStart()[d.rows()];
            Map<String, Object> a = attrs("csr_matrix", "0.1.0");
            a.put("shape", new long[] {d.rows(), d.cols()});
            return new Item.G(name, a, List.of(new Item.D("data", java.util.Arrays.copyOf(csr.values(), nnz), Map.of()),
                    new Item.D("indices", java.util.Arrays.copyOf(csr.columns(), nnz), Map.of()),
                    new Item.D("indptr", csr.rowStart().clone(), Map.of())));
        }
        float[][] rows = new float[d.rows()][d.cols()];
        for (int r = 0; r < d.rows(); r++) d.copyRow(r, rows[r], 0);
        return new Item.D(name, rows, arrayAttrs());
    }

    /** A Loom file's attributes with one value a cell (or gene) as dataframe columns, {@code names} (the index) left out. */
    private static List<Item> attributeColumns(Node attrs, int count, String names) {
        List<Item> out = new ArrayList<>();
        if (!(attrs instanceof Group g) || attrs instanceof io.jhdf.links.ExternalLink) return out;
        for (Node n : g) {
            if (n.getName().equals(names) || !(n instanceof io.jhdf.api.Dataset ds) || ds.getDimensions().length != 1 || ds.getSize() != count) continue;
            Object v = ds.getData();
            if (v instanceof String[] str) out.add(new Item.D(n.getName(), str, stringArrayAttrs()));
            else if (v instanceof float[] || v instanceof double[] || v instanceof int[] || v instanceof long[]) out.add(new Item.D(n.getName(), v, arrayAttrs()));
        }
        return out;
    }

    private static io.jhdf.api.Dataset dataset(Group g, String name, String file) throws IOException {
        if (!(g.getChild(name) instanceof io.jhdf.api.Dataset ds)) throw new IOException(file + " has no dataset " + g.getName() + "/" + name);
        return ds;
    }

    private static String[] strings(Object values) {
        String[] out = new String[Array.getLength(values)];
        for (int i = 0; i < out.length; i++) out[i] = String.valueOf(Array.get(values, i));
        return out;
    }

    private static Map<String, Object> dataframeAttrs(List<String> columnOrder) {
        Map<String, Object> a = attrs("dataframe", "0.2.0");
        a.put("_index", "_index");
        a.put("column-order", columnOrder(columnOrder));
        return a;
    }

    /**
     * A dataframe's column-order attribute: the names, or for none an empty string. anndata 0.8 cannot read a dataframe
     * without the attribute, jHDF writes no empty array (h5py's), and anndata reads the empty string as no columns.
     */
    private static Object columnOrder(List<String> names) {
        return names.isEmpty() ? "" : names.toArray(new String[0]);
    }

    // ---- the run's columns and uns['cae']

    private record VarColumns(List<Item> columns, int matched) {}

    private static VarColumns varColumns(Group var, FeatureTable table, String file) throws IOException {
        String indexName = text(var.getAttribute("_index"));
        Node index = var.getChild(indexName != null ? indexName : "_index");
        if (!(index instanceof io.jhdf.api.Dataset ds)) throw new IOException(file + ": its var table has no index (gene names)");
        return columns(ds.getData(), table, file);
    }

    /** The run's columns for a var index of these names (matched by name). */
    private static VarColumns columns(Object names, FeatureTable table, String file) throws IOException {
        int d = Array.getLength(names);
        Map<String, FeatureTable.Row> byName = new HashMap<>();
        for (FeatureTable.Row r : table.rows()) byName.putIfAbsent(r.name(), r);
        boolean[] selected = new boolean[d];
        int[] rank = new int[d];
        double[] prob = new double[d];
        String[] ids = new String[d];
        String[] symbols = new String[d];
        int matched = 0;
        int panelMatched = 0;
        for (int i = 0; i < d; i++) {
            FeatureTable.Row r = byName.get(String.valueOf(Array.get(names, i)));
            rank[i] = FeatureTable.NOT_SELECTED;
            ids[i] = "";
            symbols[i] = "";
            if (r == null) continue;
            matched++;
            selected[i] = r.selected();
            rank[i] = r.rank();
            prob[i] = r.probability();
            if (r.geneId() != null) ids[i] = r.geneId();
            if (r.symbol() != null) symbols[i] = r.symbol();
            if (r.selected()) panelMatched++;
        }
        int panel = table.panel().size();
        if (panelMatched < panel) {
            throw new IOException(file + ": " + (panel - panelMatched) + " of the panel's " + panel + " features are not in its var index"
                    + " (the first: '" + table.panel().stream().filter(r -> !contains(names, r.name())).findFirst().map(FeatureTable.Row::name).orElse("?")
                    + "'); is it the file the run was trained on?");
        }
        List<Item> cols = new ArrayList<>();
        cols.add(new Item.D("cae_selected", selected, arrayAttrs()));
        cols.add(new Item.D("cae_rank", rank, arrayAttrs()));
        cols.add(new Item.D("cae_probability", prob, arrayAttrs()));
        if (table.hasGeneNames()) {
            cols.add(new Item.D("cae_gene_id", ids, stringArrayAttrs()));
            cols.add(new Item.D("cae_gene_symbol", symbols, stringArrayAttrs()));
        }
        return new VarColumns(cols, matched);
    }

    private static boolean contains(Object names, String name) {
        for (int i = 0; i < Array.getLength(names); i++) if (name.equals(String.valueOf(Array.get(names, i)))) return true;
        return false;
    }

    /** uns['cae']: version, seed, k, the panel, the command line, and the data and training settings as they are in config.json. */
    private static Item unsCae(RunConfig config, String runName, FeatureTable table) {
        JsonNode root;
        try {
            root = RunConfig.JSON.readTree(config.toJson());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Item> m = new ArrayList<>();
        m.add(string("version", config.version()));
        m.add(string("program", "CAE Workbench"));
        if (runName != null) m.add(string("run", runName));
        m.add(string("command_line", config.commandLine()));
        m.add(new Item.D("seed", config.training().seed(), scalarAttrs()));
        List<String> panel = table.panel().stream().map(FeatureTable.Row::name).toList();
        m.add(new Item.D("panel", panel.toArray(new String[0]), stringArrayAttrs()));
        m.add(settings("training", root.path("training")));
        m.add(settings("data", root.path("data")));
        m.add(string("config_json", config.toJson()));
        return new Item.G("cae", dictAttrs(), m);
    }

    /** A JSON object's scalar members as a dict: numbers, strings, booleans as 0/1, lists of strings; nulls and nested objects left out. */
    private static Item settings(String name, JsonNode obj) {
        List<Item> m = new ArrayList<>();
        obj.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isIntegralNumber()) m.add(new Item.D(e.getKey(), v.asLong(), scalarAttrs()));
            else if (v.isNumber()) m.add(new Item.D(e.getKey(), v.asDouble(), scalarAttrs()));
            else if (v.isBoolean()) m.add(new Item.D(e.getKey(), v.asBoolean() ? 1L : 0L, scalarAttrs()));
            else if (v.isTextual()) m.add(string(e.getKey(), v.asText()));
            else if (v.isArray() && v.size() > 0) {
                List<String> s = new ArrayList<>();
                v.forEach(x -> s.add(x.asText()));
                m.add(new Item.D(e.getKey(), s.toArray(new String[0]), stringArrayAttrs()));
            }
        });
        return new Item.G(name, dictAttrs(), m);
    }

    private static Item string(String name, String value) {
        return new Item.D(name, value == null ? "" : value, attrs("string", "0.2.0"));
    }

    private static Map<String, Object> dictAttrs() { return attrs("dict", "0.1.0"); }
    private static Map<String, Object> arrayAttrs() { return attrs("array", "0.2.0"); }
    private static Map<String, Object> scalarAttrs() { return attrs("numeric-scalar", "0.2.0"); }
    private static Map<String, Object> stringArrayAttrs() { return attrs("string-array", "0.2.0"); }

    private static Map<String, Object> attrs(String type, String version) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put(ENCODING_TYPE, type);
        a.put(ENCODING_VERSION, version);
        return a;
    }

    private static boolean has(List<Item> items, String name) {
        for (Item i : items) if (i.name().equals(name)) return true;
        return false;
    }


    private static long[] longs(Object data) throws CannotCopy {
        if (data == null || !data.getClass().isArray()) throw new CannotCopy("categorical codes that are not numbers");
        long[] out = new long[Array.getLength(data)];
        for (int i = 0; i < out.length; i++) {
            if (!(Array.get(data, i) instanceof Number n)) throw new CannotCopy("categorical codes that are not numbers");
            out[i] = n.longValue();
        }
        return out;
    }
}
