package org.caeworkbench.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.DatasetReader;
import org.caeworkbench.data.Format;
import org.caeworkbench.data.MuData;
import org.caeworkbench.data.ReadOptions;

/**
 * The report's "Use this panel elsewhere" section: a Python snippet (anndata, which scanpy builds on) and
 * an R snippet (base R, Seurat) that open the run's data and take the panel, made from the run's own
 * paths and names. Strings are written as JSON string literals, which Python and R read alike, and the
 * whole snippet is HTML-escaped.
 */
final class UseElsewhere {
    private UseElsewhere() {}

    /** The two snippets of a run, or null when it has no panel to offer (no model or feature table, or an empty panel). */
    record Snippets(String python, String r, boolean genes) {}

    /** The snippets of the run in {@code dir}, whose final folder is named {@code name} (a run being written lives elsewhere). */
    static Snippets of(Path dir, String name, JsonNode config) {
        FeatureTable table;
        try {
            table = FeatureTable.read(dir);
        } catch (IOException | RuntimeException e) {
            return null;   // a run without its model or table: nothing to offer
        }
        List<FeatureTable.Row> panel = table.panel();
        if (panel.isEmpty()) return null;
        String data = config.path("data").path("file").asText("");
        JsonNode layerNode = config.path("data").path(org.caeworkbench.core.Settings.LAYER.json());
        String layer = layerNode.isTextual() ? layerNode.asText() : null;
        // the run's own folder, absolute (a run being written lives in a temporary sibling; name is the final one)
        Path abs = dir.toAbsolutePath().normalize();
        Path runDir = abs.getParent() == null ? abs : abs.getParent().resolve(name);
        // --read-top-variable: features.tsv's index counts among the features read, so the file's places are found by name
        int[] places = null;
        if (readSome(config)) {
            places = filePlaces(config, panel);
            if (places == null) places = new int[0];
        }
        Input in = Input.of(data, layer);   // the file is looked at once, for both snippets
        return new Snippets(python(runDir, in, panel, table.hasGeneNames(), places), r(runDir, in, panel, table.hasGeneNames(), places),
                table.hasGeneNames());
    }

    /**
     * The run's data file as the snippets need it, looked at once: its path, the --layer read, the delimited table it is (or
     * null), whether it is IDX images, its 10x folder (or null), and where an .h5ad's or .h5mu's matrix lies (or null).
     */
    record Input(String data, String layer, Table table, boolean idx, String tenx, DatasetReader.AnnDataMatrix anndata) {
        static Input of(String data, String layer) {
            Table table = UseElsewhere.table(data);
            return new Input(data, layer, table, table == null && isIdx(data), tenxFolder(data),
                    isMuData(data) || isH5ad(data) ? anndataMatrix(data, layer) : null);
        }
    }

    static void section(StringBuilder h, Path dir, String name, JsonNode config) {
        Snippets s = of(dir, name, config);
        if (s == null) return;
        h.append("<h2>Use this panel elsewhere</h2>\n<p class=\"muted\">").append(RunReport.esc(FeatureTable.FILE))
                .append(" in this folder lists every feature of the data file with <code>cae_selected</code>, <code>cae_rank</code> (1 = first of")
                .append(" the panel, -1 = not in it) and <code>cae_probability</code>")
                .append(s.genes() ? ", and each gene's Ensembl id and symbol" : "")
                .append(". <code>cae train --print-panel</code> prints the panel's names one a line; <code>cae report --snippet python|r</code>")
                .append(" prints these snippets. docs/interop.md has more.</p>\n");
        h.append("<p>Python (anndata; scanpy's <code>sc.read_h5ad</code> gives the same object):</p>\n<pre>")
                .append(RunReport.esc(s.python())).append("</pre>\n");
        h.append("<p>R (base R and its Matrix package; a comment names any other package a line needs):</p>\n<pre>")
                .append(RunReport.esc(s.r())).append("</pre>\n");
    }

    /** Whether the run read only some of the file's features (--read-top-variable): features.tsv then lists only those. */
    private static boolean readSome(JsonNode config) {
        return config.path("data").path(org.caeworkbench.core.Settings.READ_TOP_VARIABLE.json()).asInt(0) > 0;
    }

    /**
     * The panel's places among all the data file's features (0-based), found by name in a preview of the file read as the
     * run read it but with every feature; null when the file cannot be read now (moved, changed) or lacks a name of the panel.
     */
    private static int[] filePlaces(JsonNode config, List<FeatureTable.Row> panel) {
        try {
            DataSpec spec = RunConfig.fromJson(config.toString()).data();
            ReadOptions read = spec.read().withKeepTopVariable(0).withLabelsFile(null).withUnlabelled(org.caeworkbench.data.Unlabelled.DROP)
                    .withBacking(org.caeworkbench.data.Backing.MEMORY);
            List<String> names = DatasetReader.preview(spec.data(), read, 1).head().featureNames();
            java.util.Map<String, Integer> at = new java.util.HashMap<>();
            for (int i = 0; i < names.size(); i++) at.putIfAbsent(names.get(i), i);
            int[] places = new int[panel.size()];
            for (int i = 0; i < places.length; i++) {
                Integer p = at.get(panel.get(i).name());
                if (p == null) return null;
                places[i] = p;
            }
            return places;
        } catch (IOException | org.caeworkbench.data.DataException | RuntimeException e) {
            return null;
        }
    }

    private static String join(int[] places, int base) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < places.length; i++) b.append(i == 0 ? "" : ", ").append(places[i] + base);
        return b.toString();
    }

    static String literal(String s) {
        try {
            return RunConfig.JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String list(List<String> items) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < items.size(); i++) b.append(i == 0 ? "" : ", ").append(literal(items.get(i)));
        return b.toString();
    }

    private static boolean isH5ad(String data) {
        return data.toLowerCase(Locale.ROOT).endsWith(".h5ad");
    }

    private static boolean isMuData(String data) {
        return data.toLowerCase(Locale.ROOT).endsWith(".h5mu");
    }

    private static boolean isLoom(String data) {
        return data.toLowerCase(Locale.ROOT).endsWith(".loom");
    }

    /** A 10x Genomics HDF5 matrix (Cell Ranger's filtered_feature_bc_matrix.h5), by its name. */
    private static boolean isTenxH5(String data) {
        return data.toLowerCase(Locale.ROOT).endsWith(".h5");
    }

    /** The 10x folder of a data path (a folder, or a matrix.mtx[.gz] in one), or null for another kind of file. */
    private static String tenxFolder(String data) {
        Path p = Path.of(data);
        if (Files.isDirectory(p)) return data;
        String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        if ((n.endsWith("matrix.mtx") || n.endsWith("matrix.mtx.gz")) && p.getParent() != null) return p.getParent().toString();
        return null;
    }

    static String python(Path runDir, Input in, List<FeatureTable.Row> panel, boolean genes, int[] places) {
        String data = in.data(), layer = in.layer();
        Table table = in.table();
        List<String> names = panel.stream().map(FeatureTable.Row::name).toList();
        boolean rebuild = renamed(names);   // the by-name routes rebuild the workbench's renamed repeats
        StringBuilder b = new StringBuilder();
        b.append(table != null || in.idx() ? "import pandas as pd\n" : "import anndata, pandas as pd\n");
        // quoting=3 (none): features.tsv never quotes, and a name may begin with a quote
        b.append("features = pd.read_csv(").append(literal(runDir.resolve(FeatureTable.FILE).toString()))
                .append(", sep=\"\\t\", quoting=3, keep_default_na=False,")
                .append(" dtype={\"name\": str})   # names stay text, 400 too\n");
        b.append("chosen = features[features.cae_rank > 0].sort_values(\"cae_rank\")\n");
        b.append("panel = list(chosen[\"name\"])    # the names, in rank order\n");
        if (places == null) b.append("pos = list(chosen[\"index\"])     # their places among the data file's features (0: the first)\n");
        else if (places.length == 0) b.append("pos = []   # not known: this run read only the file's most variable features (features.tsv's index")
                .append(" counts among those) and the file's own list of features could not be read for this report; take the panel by name\n");
        else b.append("pos = [").append(join(places, 0)).append("]   # their places among the data file's features (0: the first); this run read")
                .append(" only its most variable features, so features.tsv's index counts among those\n");
        b.append("# the same ").append(names.size()).append(" names: [").append(list(names)).append("]\n");
        String tenx = in.tenx();
        if (isH5ad(data)) {
            b.append("adata = anndata.read_h5ad(").append(literal(data)).append(")\n");
            if (ReadOptions.namesRaw(layer)) {
                b.append("sub = adata.raw[:, panel].to_adata()   # the run read the raw matrix (adata.raw); in the annotated copy")
                        .append(" (cae export-model --h5ad) adata.raw.var.cae_selected marks the panel\n");
            } else {
                b.append("sub = adata[:, panel].copy()   # cells x panel; or, in the annotated copy (cae export-model --h5ad):")
                        .append(" adata[:, adata.var.cae_selected == 1]\n");
                if (layer != null) b.append("values = sub.layers[").append(literal(layer)).append("]   # the matrix the run read\n");
            }
        } else if (isMuData(data)) {
            String modality = MuData.named(layer);
            String within = MuData.within(layer);
            b.append("import h5py\n");
            b.append("from anndata.experimental import read_elem   # or, with mudata: mudata.read_h5mu(path).mod[modality]\n");
            b.append("with h5py.File(").append(literal(data)).append(", \"r\") as f:\n");
            if (modality != null) {
                b.append("    modality = ").append(literal(modality)).append("\n");
            } else {
                b.append("    mods = [str(m) for m in f[\"mod\"].attrs.get(\"mod-order\", list(f[\"mod\"]))]\n");
                b.append("    modality = \"rna\" if \"rna\" in mods else mods[0]   # the one the run read\n");
            }
            b.append("    adata = read_elem(f[\"mod/\" + modality])\n");
            if (ReadOptions.namesRaw(within)) b.append("sub = adata.raw[:, panel].to_adata()   # the run read the modality's raw matrix\n");
            else {
                b.append("sub = adata[:, panel].copy()   # cells x panel\n");
                if (within != null) b.append("values = sub.layers[").append(literal(within)).append("]   # the matrix the run read\n");
            }
        } else if (isLoom(data)) {
            b.append("adata = anndata.read_loom(").append(literal(data)).append(")   # needs loompy; cells from col_attrs/CellID, genes from row_attrs/Gene\n");
            b.append("# the workbench's names: the genes, a repeated one with its Accession appended\n");
            b.append("if \"Accession\" in adata.var:\n");
            b.append("    names = adata.var_names.to_series()\n");
            b.append("    adata.var_names = names.where(~names.duplicated(), names + \"_\" + adata.var[\"Accession\"]).values\n");
            b.append("sub = adata[:, panel].copy()   # cells x panel; or, in the .h5ad --write-h5ad makes: adata[:, adata.var.cae_selected == 1]\n");
            if (layer != null) b.append("values = sub.layers[").append(literal(layer)).append("]   # the matrix the run read\n");
        } else if (isTenxH5(data)) {
            b.append("import h5py, scipy.sparse   # or: import scanpy; adata = scanpy.read_10x_h5(...), then the names as below\n");
            b.append("with h5py.File(").append(literal(data)).append(", \"r\") as f:\n");
            b.append("    m = f[\"matrix\"]   # Cell Ranger 3 and later (before: a group named after the genome, with genes and gene_names)\n");
            b.append("    counts = scipy.sparse.csc_matrix((m[\"data\"][:], m[\"indices\"][:], m[\"indptr\"][:]), shape=tuple(m[\"shape\"][:])).T.tocsr().astype(\"float32\")\n");
            b.append("    ids = pd.Series(m[\"features/id\"][:].astype(str))\n");
            b.append("    names = pd.Series(m[\"features/name\"][:].astype(str))\n");
            b.append("    cells = m[\"barcodes\"][:].astype(str)\n");
            b.append("# the workbench's names: the symbols, a repeated one with its id appended\n");
            b.append("names = names.where(~names.duplicated(), names + \"_\" + ids)\n");
            b.append("adata = anndata.AnnData(counts, obs=pd.DataFrame(index=cells), var=pd.DataFrame({\"gene_ids\": ids.values}, index=names.values))\n");
            b.append("sub = adata[:, panel].copy()   # cells x panel\n");
            if (genes) b.append("# by Ensembl id instead: adata[:, adata.var.gene_ids.isin(features[features.cae_rank > 0].gene_id)]\n");
        } else if (tenx != null) {
            Path dir = Path.of(tenx);
            b.append("genes = pd.read_csv(").append(literal(tenxFile(dir, "features.tsv.gz", "genes.tsv.gz", "features.tsv", "genes.tsv"))).append(", sep=\"\\t\", header=None)\n");
            b.append("adata = anndata.read_mtx(").append(literal(tenxFile(dir, "matrix.mtx.gz", "matrix.mtx"))).append(").T   # cells x features\n");
            b.append("adata.obs_names = pd.read_csv(").append(literal(tenxFile(dir, "barcodes.tsv.gz", "barcodes.tsv"))).append(", header=None)[0].astype(str).values\n");
            b.append("# the workbench's names: column 2 of features.tsv, a repeated one with its id (column 1) appended\n");
            b.append("names = genes[1] if genes.shape[1] > 1 else genes[0]\n");
            b.append("names = names.where(~names.duplicated(), names + \"_\" + genes[0])\n");
            b.append("adata.var_names = names.astype(str).values\n");
            b.append("adata.var[\"gene_ids\"] = genes[0].astype(str).values\n");
            b.append("sub = adata[:, panel].copy()   # cells x panel\n");
            if (genes) b.append("# by Ensembl id instead: adata[:, adata.var.gene_ids.isin(features[features.cae_rank > 0].gene_id)]\n");
        } else if (table == Table.GCT) {
            b.append("df = pd.read_csv(").append(literal(data)).append(", sep=\"\\t\", skiprows=2, quoting=3)   # a row per feature\n");
            if (places != null && places.length == 0) {
                if (rebuild) {
                    PY_RENAME.forEach(line -> b.append(line).append('\n'));
                    b.append("sub = df.set_axis(workbench_names(df[\"Name\"]), axis=0).loc[panel]   # the panel's rows, by name\n");
                } else b.append("sub = df.set_index(\"Name\", drop=False).loc[panel]   # the panel's rows, by name\n");
            } else b.append("sub = df.iloc[pos]   # the panel's rows, with their Name and Description\n");
        } else if (table != null) {
            b.append("df = pd.read_csv(").append(literal(data)).append(", sep=").append(table.pandas).append(")\n");
            b.append("# features as columns, or as rows named in the first column:\n");
            if (rebuild) {
                PY_RENAME.forEach(line -> b.append(line).append('\n'));
                b.append("header = workbench_names(pd.read_csv(").append(literal(data)).append(", sep=").append(table.pandas)
                        .append(", header=None, nrows=1, dtype=str).iloc[0])   # pandas writes X.1 for a second X\n");
                b.append("if set(panel) <= set(header):\n");
                b.append("    df.columns = header\n");
                b.append("    sub = df[panel]\n");
                b.append("else:\n");
                b.append("    sub = df.iloc[:, 1:].set_axis(workbench_names(df.iloc[:, 0]), axis=0).loc[panel]\n");
            } else b.append("sub = df[panel] if set(panel) <= set(df.columns) else df.set_index(df.columns[0]).loc[panel]\n");
        } else if (in.idx()) {
            b.append("import gzip, numpy as np\n");
            b.append("path = ").append(literal(data)).append("\n");
            b.append("with open(path, \"rb\") as f:\n");
            b.append("    raw = f.read()   # IDX, gzip-compressed or not\n");
            b.append("if raw[:2] == b\"\\x1f\\x8b\":\n");
            b.append("    raw = gzip.decompress(raw)\n");
            b.append("dims = np.frombuffer(raw, \">i4\", count=raw[3], offset=4)   # images, rows, columns\n");
            b.append("images = np.frombuffer(raw, np.uint8, offset=4 + 4 * raw[3]).reshape(dims[0], -1)   # an image a row\n");
            b.append("sub = pd.DataFrame(images[:, pos], columns=panel)   # the panel's pixels (0-255), numbered row by row from the top left\n");
        } else {
            b.append("# ").append(literal(data)).append(": take these columns (features) from your own table, e.g.\n");
            b.append("# sub = adata[:, panel]  or  df[panel]\n");
        }
        return b.toString();
    }

    static String r(Path runDir, Input in, List<FeatureTable.Row> panel, boolean genes, int[] places) {
        String data = in.data(), layer = in.layer();
        boolean rebuild = renamed(panel.stream().map(FeatureTable.Row::name).toList());   // as in python()
        StringBuilder b = new StringBuilder();
        b.append("features <- read.delim(").append(literal(runDir.resolve(FeatureTable.FILE).toString()))
                .append(", quote = \"\", na.strings = character(0), encoding = \"UTF-8\",")
                .append(" colClasses = c(name = \"character\"))   # names stay text, 400 too\n");
        b.append("chosen <- features[features$cae_rank > 0, ]\n");
        b.append("chosen <- chosen[order(chosen$cae_rank), ]\n");
        b.append("panel <- chosen$name        # the names, in rank order\n");
        if (places == null) b.append("pos <- chosen$index + 1     # their places among the data file's features (1: the first)\n");
        else if (places.length == 0) b.append("pos <- integer(0)   # not known: this run read only the file's most variable features (features.tsv's")
                .append(" index counts among those) and the file's own list of features could not be read for this report; take the panel by name\n");
        else b.append("pos <- c(").append(join(places, 1)).append(")   # their places among the data file's features (1: the first); this run")
                .append(" read only its most variable features, so features.tsv's index counts among those\n");
        String tenx = in.tenx();
        Table table = in.table();
        DatasetReader.AnnDataMatrix where = in.anndata();
        if (tenx != null) {
            Path folder = Path.of(tenx);
            b.append("counts <- Matrix::readMM(").append(literal(tenxFile(folder, "matrix.mtx.gz", "matrix.mtx")))
                    .append(")   # features x cells, in the file's order\n");
            b.append("sub <- counts[pos, , drop = FALSE]\n");
            b.append("dimnames(sub) <- list(panel, readLines(").append(literal(tenxFile(folder, "barcodes.tsv.gz", "barcodes.tsv")))
                    .append("))   # panel x cells\n");
            b.append("# Seurat: obj <- Seurat::CreateSeuratObject(sub)   (Seurat writes \"-\" for \"_\" in names)\n");
        } else if (isTenxH5(data)) {
            b.append("h5 <- hdf5r::H5File$new(").append(literal(data)).append(", mode = \"r\")   # needs hdf5r (as Seurat::Read10X_h5 does)\n");
            b.append("m <- h5[[\"matrix\"]]   # Cell Ranger 3 and later\n");
            b.append("counts <- Matrix::sparseMatrix(i = m[[\"indices\"]][] + 1, p = m[[\"indptr\"]][], x = as.numeric(m[[\"data\"]][]),")
                    .append(" dims = m[[\"shape\"]][])   # features x cells, in the file's order\n");
            b.append("cells <- m[[\"barcodes\"]][]\n");
            b.append("h5$close_all()\n");
            b.append("sub <- counts[pos, , drop = FALSE]\n");
            b.append("dimnames(sub) <- list(panel, cells)   # panel x cells\n");
        } else if (isLoom(data)) {
            b.append("se <- SummarizedExperiment::makeSummarizedExperimentFromLoom(").append(literal(data))
                    .append(")   # genes x cells, in the file's order (needs rhdf5 and HDF5Array)\n");
            b.append("sub <- se[pos, ]\n");
            b.append("rownames(sub) <- panel\n");
            b.append("values <- as.matrix(SummarizedExperiment::assay(sub, ").append(literal(layer == null ? "matrix" : layer))
                    .append("))   # the matrix the run read, panel x cells\n");
        } else if (where != null) {
            b.append("file <- ").append(literal(data)).append("\n");
            b.append("read_matrix <- function(path) {   # an AnnData matrix as cells x genes, dense or sparse (needs rhdf5)\n");
            b.append("  a <- rhdf5::h5readAttributes(file, path)\n");
            b.append("  enc <- c(a[[\"encoding-type\"]], paste0(a[[\"h5sparse_format\"]], \"_matrix\"))[1]   # its format (h5sparse_format: anndata before 0.7)\n");
            b.append("  if (!enc %in% c(\"csr_matrix\", \"csc_matrix\")) return(t(rhdf5::h5read(file, path)))\n");
            b.append("  shape <- as.integer(c(a[[\"shape\"]], a[[\"h5sparse_shape\"]]))[1:2]\n");
            b.append("  i <- as.integer(rhdf5::h5read(file, paste0(path, \"/indices\"))) + 1L\n");
            b.append("  p <- as.integer(rhdf5::h5read(file, paste0(path, \"/indptr\")))\n");
            b.append("  x <- as.numeric(rhdf5::h5read(file, paste0(path, \"/data\")))\n");
            b.append("  if (enc == \"csr_matrix\") Matrix::sparseMatrix(j = i, p = p, x = x, dims = shape)\n");
            b.append("  else Matrix::sparseMatrix(i = i, p = p, x = x, dims = shape)\n");
            b.append("}\n");
            b.append("sub <- read_matrix(").append(literal(where.matrix())).append(")[, pos, drop = FALSE]   # the matrix the run read: cells x panel\n");
            b.append("colnames(sub) <- panel\n");
            String obs = where.group() + "obs";
            b.append("rownames(sub) <- rhdf5::h5read(file, paste0(").append(literal(obs + "/")).append(", rhdf5::h5readAttributes(file, ")
                    .append(literal(obs)).append(")[[\"_index\"]]))\n");
            if (isMuData(data)) b.append("# the whole object: MuData::readH5MU(file) (Bioconductor), then experiments(mae)[[")
                    .append(literal(where.group().isEmpty() ? "rna" : where.group().substring(4, where.group().length() - 1))).append("]][pos, ]\n");
            else if (ReadOptions.namesRaw(layer)) b.append("# the whole object: zellkonverter::readH5AD(file, raw = TRUE) (Bioconductor), then altExp(sce, \"raw\")[pos, ]\n");
            else b.append("# the whole object: zellkonverter::readH5AD(file) (Bioconductor), then ")
                    .append(layer == null ? "sce[pos, ]" : "assay(sce, " + literal(layer) + ")[pos, ]").append("\n");
        } else if (isMuData(data)) {
            b.append("# an .h5mu in R: mae <- MuData::readH5MU(").append(literal(data)).append("); experiments(mae)[[\"")
                    .append(layer == null ? "rna" : MuData.named(layer)).append("\"]][pos, ]\n");
        } else if (isH5ad(data)) {
            if (ReadOptions.namesRaw(layer)) b.append("# an .h5ad in R: zellkonverter::readH5AD(").append(literal(data)).append(", raw = TRUE) keeps adata.raw as")
                    .append(" altExp(sce, \"raw\"), the matrix the run read; altExp(sce, \"raw\")[pos, ]\n");
            else b.append("# an .h5ad in R: zellkonverter::readH5AD(").append(literal(data)).append(") gives a SingleCellExperiment; ")
                    .append(layer == null ? "sce[pos, ]" : "its layers are assays: assay(sce, " + literal(layer) + ")[pos, ], the matrix the run read")
                    .append("\n");
        } else if (table == Table.GCT) {
            b.append("m <- read.delim(").append(literal(data)).append(", skip = 2, check.names = FALSE, quote = \"\", encoding = \"UTF-8\")")
                    .append("   # a row per feature\n");
            if (places != null && places.length == 0) {
                if (rebuild) R_RENAME.forEach(line -> b.append(line).append('\n'));
                b.append("sub <- m[match(panel, ").append(rebuild ? "workbench_names(m$Name)" : "m$Name").append("), ]   # the panel's rows, by name\n");
            } else b.append("sub <- m[pos, ]   # the panel's rows, with their Name and Description\n");
        } else if (table != null) {
            b.append("m <- ").append(table.r).append("(").append(literal(data)).append(", check.names = FALSE, encoding = \"UTF-8\")\n");
            b.append("# features as columns, or as rows named in the first column:\n");
            if (rebuild) {
                R_RENAME.forEach(line -> b.append(line).append('\n'));
                b.append("names(m) <- workbench_names(names(m))\n");
                b.append("if (all(panel %in% names(m))) {\n");
                b.append("  sub <- m[panel]\n");
                b.append("} else {\n");
                b.append("  sub <- m[match(panel, workbench_names(as.character(m[[1]]))), ]\n");
                b.append("  sub[[1]] <- panel   # the repeats as the workbench names them\n");
                b.append("}\n");
            } else b.append("sub <- if (all(panel %in% names(m))) m[panel] else m[match(panel, m[[1]]), ]\n");
        } else if (in.idx()) {
            b.append("con <- gzfile(").append(literal(data)).append(", \"rb\")   # IDX (gzfile reads it compressed or not)\n");
            b.append("magic <- readBin(con, \"raw\", 4)\n");
            b.append("dims <- readBin(con, \"integer\", as.integer(magic[4]), size = 4, endian = \"big\")   # images, rows, columns\n");
            b.append("images <- matrix(as.integer(readBin(con, \"raw\", prod(dims))), nrow = dims[1], byrow = TRUE)   # an image a row\n");
            b.append("close(con)\n");
            b.append("sub <- images[, pos, drop = FALSE]   # the panel's pixels (0-255), numbered row by row from the top left\n");
            b.append("colnames(sub) <- panel\n");
        } else {
            b.append("# ").append(literal(data)).append(": a matrix with features as columns: m[, pos]; as rows (Seurat, Bioconductor): m[pos, ]\n");
        }
        return b.toString();
    }

    /**
     * Whether the panel may hold a name the workbench made unique (a repeated name gets _2, _3, ...: {@code UniqueNames}),
     * which the by-name routes must then rebuild; a name that merely ends so is left as it is by the rebuilding.
     */
    private static boolean renamed(List<String> names) {
        return names.stream().anyMatch(n -> n.matches("(?s).*_[0-9]+"));
    }

    /** Python: the names a reader of the workbench gives a list of names (a repeat keeps its name with the first free _2, _3, ... appended). */
    private static final List<String> PY_RENAME = List.of(
            "def workbench_names(names):   # as the workbench names features: a repeat gets _2, _3, ... (the first that is free)",
            "    names = [str(n) for n in names]",
            "    taken, seen, out = set(names), set(), []",
            "    for n in names:",
            "        if n in seen:",
            "            k = 2",
            "            while f\"{n}_{k}\" in taken:",
            "                k += 1",
            "            n = f\"{n}_{k}\"",
            "            taken.add(n)",
            "        seen.add(n)",
            "        out.append(n)",
            "    return out");

    /** R: the same as {@link #PY_RENAME}. */
    private static final List<String> R_RENAME = List.of(
            "workbench_names <- function(x) {   # as the workbench names features: a repeat gets _2, _3, ... (the first that is free)",
            "  taken <- x",
            "  for (i in which(duplicated(x))) {",
            "    k <- 2",
            "    while (paste0(x[i], \"_\", k) %in% taken) k <- k + 1",
            "    x[i] <- paste0(x[i], \"_\", k)",
            "    taken <- c(taken, x[i])",
            "  }",
            "  x",
            "}");

    /** A delimited table the snippets can read, by its reader in R and its separator in pandas. */
    enum Table {
        CSV("read.csv", "\",\""), TSV("read.delim", "\"\\t\""), SEMICOLON("read.csv2", "\";\", decimal=\",\""), GCT("read.delim", "\"\\t\"");
        final String r;
        final String pandas;
        Table(String r, String pandas) { this.r = r; this.pandas = pandas; }
    }

    /**
     * The kind of delimited table {@code data} is (null for another format), as the reader finds it: by its content
     * when the file is there (GCT's first line; the separator its header line has most of), else by its name.
     */
    static Table table(String data) {
        Path p = Path.of(data);
        if (data.isEmpty() || Files.isDirectory(p)) return null;
        Format f;
        String line = "";
        try {
            f = Files.isRegularFile(p) ? DatasetReader.detect(p) : DatasetReader.detectByName(p.getFileName().toString());
            if (Files.isRegularFile(p) && (f == Format.CSV || f == Format.TSV)) line = DatasetReader.firstLine(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (f == Format.GCT) return Table.GCT;
        if (f != Format.CSV && f != Format.TSV) return null;
        long tabs = line.chars().filter(c -> c == '\t').count();
        long commas = line.chars().filter(c -> c == ',').count();
        long semicolons = line.chars().filter(c -> c == ';').count();
        if (semicolons > tabs && semicolons > commas) return Table.SEMICOLON;
        if (tabs != commas) return tabs > commas ? Table.TSV : Table.CSV;
        return f == Format.TSV ? Table.TSV : Table.CSV;
    }

    /** Where the matrix the run read lies in an .h5ad or .h5mu file, or null when the file cannot tell (moved, damaged, a 10x .h5). */
    private static DatasetReader.AnnDataMatrix anndataMatrix(String data, String layer) {
        Path p = Path.of(data);
        if (!Files.isRegularFile(p)) return null;
        try {
            return DatasetReader.anndataMatrix(p, layer);
        } catch (org.caeworkbench.data.DataException | RuntimeException e) {
            return null;
        }
    }

    /** Whether {@code data} is an IDX image file (MNIST's format): by its magic number when it is there, else by its name. */
    static boolean isIdx(String data) {
        if (data.isEmpty()) return false;
        Path p = Path.of(data);
        try {
            if (Files.isRegularFile(p)) return DatasetReader.detect(p) == Format.IDX;
            return DatasetReader.detectByName(p.getFileName().toString()) == Format.IDX;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The first of {@code names} that is in {@code folder} (a 10x folder: gzip-compressed since Cell Ranger 3), else the first. */
    static String tenxFile(Path folder, String... names) {
        for (String n : names) if (Files.isRegularFile(folder.resolve(n))) return folder.resolve(n).toString();
        return folder.resolve(names[0]).toString();
    }
}
