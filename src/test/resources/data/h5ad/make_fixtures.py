"""Writes the small .h5ad test files next to this script, in the layouts anndata writes.

Run with a Python that has h5py and numpy (Debian: apt-get install python3-h5py):
    python3 make_fixtures.py
anndata itself is not needed: the files are written group by group as anndata 0.8+ (encoding-type
attributes, categorical groups) and anndata 0.7 (__categories, h5sparse attributes) lay them out.
Every file holds the same 6 cells x 4 genes matrix, so the tests can check each value.
"""
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
STR = h5py.string_dtype(encoding="utf-8")

X = np.array([
    [0, 1, 0, 2.5],
    [3, 0, 0, 0],
    [0, 0, 0, 0],
    [1, 2, 3, 4],
    [0, 0, 7, 0],
    [5, 0, 0, 1],
], dtype=np.float32)
CELLS = ["AAAC-1", "AAAG-1", "AACT-1", "AAGC-1", "ACTG-1", "AGGT-1"]
GENES = ["CD3E", "MS4A1", "LYZ", "NKG7"]
CELL_TYPE = ["T", "B", "T", "Mono", "B", "T"]


def strings(group, name, values, **kw):
    d = group.create_dataset(name, data=np.array(values, dtype=object), dtype=STR, **kw)
    d.attrs["encoding-type"] = "string-array"
    d.attrs["encoding-version"] = "0.2.0"
    return d


def dataframe(f, name, index, columns):
    g = f.create_group(name)
    g.attrs["encoding-type"] = "dataframe"
    g.attrs["encoding-version"] = "0.2.0"
    g.attrs["_index"] = "_index"
    g.attrs["column-order"] = np.array(list(columns), dtype=object).astype(STR) if columns else np.array([], dtype="float64")
    strings(g, "_index", index)
    return g


def categorical(g, name, values):
    cats = sorted(set(values))
    c = g.create_group(name)
    c.attrs["encoding-type"] = "categorical"
    c.attrs["encoding-version"] = "0.2.0"
    c.attrs["ordered"] = False
    strings(c, "categories", cats)
    c.create_dataset("codes", data=np.array([cats.index(v) for v in values], dtype=np.int8))


def root(f):
    f.attrs["encoding-type"] = "anndata"
    f.attrs["encoding-version"] = "0.1.0"


def sparse(f, kind, matrix, compression=None, name="X", indptr_type=np.int64):
    m = matrix if kind == "csr" else matrix.T
    data, indices, indptr = [], [], [0]
    for row in m:
        nz = np.nonzero(row)[0]
        data.extend(row[nz])
        indices.extend(nz)
        indptr.append(len(data))
    g = f.create_group(name)
    g.attrs["encoding-type"] = kind + "_matrix"
    g.attrs["encoding-version"] = "0.1.0"
    g.attrs["shape"] = np.array(matrix.shape, dtype=np.int64)
    g.create_dataset("data", data=np.array(data, dtype=np.float32), compression=compression)
    g.create_dataset("indices", data=np.array(indices, dtype=np.int32), compression=compression)
    g.create_dataset("indptr", data=np.array(indptr, dtype=indptr_type), compression=compression)


def new_layout(path, x_writer):
    with h5py.File(path, "w") as f:
        root(f)
        x_writer(f)
        obs = dataframe(f, "obs", CELLS, ["cell_type", "n_genes", "donor"])
        categorical(obs, "cell_type", CELL_TYPE)
        obs.create_dataset("n_genes", data=np.array([2, 1, 0, 4, 1, 2], dtype=np.int64))
        strings(obs, "donor", ["d1", "d1", "d2", "d2", "d1", "d2"])
        var = dataframe(f, "var", GENES, ["gene_ids"])
        strings(var, "gene_ids", ["ENSG01", "ENSG02", "ENSG03", "ENSG04"])
        for key in ("obsm", "varm", "obsp", "varp", "layers", "uns"):
            g = f.create_group(key)
            g.attrs["encoding-type"] = "dict"
            g.attrs["encoding-version"] = "0.1.0"


def dense(f):
    d = f.create_dataset("X", data=X, chunks=(2, 4), compression="gzip")
    d.attrs["encoding-type"] = "array"
    d.attrs["encoding-version"] = "0.2.0"


new_layout(os.path.join(HERE, "dense.h5ad"), dense)
new_layout(os.path.join(HERE, "csr.h5ad"), lambda f: sparse(f, "csr", X, compression="gzip"))
new_layout(os.path.join(HERE, "csc.h5ad"), lambda f: sparse(f, "csc", X))

# anndata 0.7: obs/__categories/<column> holds the categories, obs/<column> the codes (with an object
# reference to them), the sparse matrix carries h5sparse_format / h5sparse_shape attributes, the
# index dataset is named by the _index attribute ("index" here)
with h5py.File(os.path.join(HERE, "old-0.7.h5ad"), "w") as f:
    m = X
    data, indices, indptr = [], [], [0]
    for row in m:
        nz = np.nonzero(row)[0]
        data.extend(row[nz]); indices.extend(nz); indptr.append(len(data))
    g = f.create_group("X")
    g.attrs["h5sparse_format"] = "csr"
    g.attrs["h5sparse_shape"] = np.array(X.shape, dtype=np.int64)
    g.create_dataset("data", data=np.array(data, dtype=np.float64))
    g.create_dataset("indices", data=np.array(indices, dtype=np.int64))
    g.create_dataset("indptr", data=np.array(indptr, dtype=np.int32))
    obs = f.create_group("obs")
    obs.attrs["_index"] = "index"
    obs.attrs["column-order"] = np.array(["cell_type"], dtype=object).astype(STR)
    obs.create_dataset("index", data=np.array(CELLS, dtype="S"))
    cats = sorted(set(CELL_TYPE))
    c = obs.create_group("__categories").create_dataset("cell_type", data=np.array(cats, dtype=object), dtype=STR)
    codes = obs.create_dataset("cell_type", data=np.array([cats.index(v) for v in CELL_TYPE], dtype=np.int8))
    codes.attrs["categories"] = c.ref
    var = f.create_group("var")
    var.attrs["_index"] = "index"
    var.create_dataset("index", data=np.array(GENES, dtype="S"))

# external links: each file is the dense layout with one node replaced by a link into another file,
# which the reader must refuse without opening it. X links to "fifo.h5" next to the file (the test
# puts a named pipe there, which would block whoever opens it); the others to a file that is absent.
def external(name, where, target_file, target_path):
    path = os.path.join(HERE, name)
    new_layout(path, dense)
    with h5py.File(path, "a") as f:
        del f[where]
        f[where] = h5py.ExternalLink(target_file, target_path)


external("external-X.h5ad", "X", "fifo.h5", "/X")
external("external-var.h5ad", "var", "elsewhere.h5", "/var")
external("external-obs-index.h5ad", "obs/_index", "elsewhere.h5", "/_index")
external("external-label.h5ad", "obs/cell_type", "elsewhere.h5", "/cell_type")


# 10x Genomics HDF5 matrices (Cell Ranger's filtered_feature_bc_matrix.h5), the same cells x genes: genes x cells
# stored by cell (CSC of genes x cells), names as fixed-length byte strings. Cell Ranger 3 and later: group "matrix"
# with features/{id,name,feature_type,genome}; Cell Ranger 2: a group named after the genome with genes and gene_names.
def tenx(path, v3):
    data, indices, indptr = [], [], [0]
    for row in X:
        nz = np.nonzero(row)[0]
        data.extend(row[nz]); indices.extend(nz); indptr.append(len(data))
    ids = ["ENSG%011d" % (i + 1) for i in range(len(GENES))]
    with h5py.File(path, "w") as f:
        g = f.create_group("matrix" if v3 else "GRCh38")
        g.create_dataset("data", data=np.array(data, dtype=np.int32 if v3 else np.float32), compression="gzip")
        g.create_dataset("indices", data=np.array(indices, dtype=np.int64))
        g.create_dataset("indptr", data=np.array(indptr, dtype=np.int64))
        g.create_dataset("shape", data=np.array([len(GENES), len(CELLS)], dtype=np.int32))
        g.create_dataset("barcodes", data=np.array(CELLS, dtype="S"))
        if v3:
            fe = g.create_group("features")
            fe.create_dataset("id", data=np.array(ids, dtype="S"))
            fe.create_dataset("name", data=np.array(GENES, dtype="S"))
            fe.create_dataset("feature_type", data=np.array(["Gene Expression"] * 3 + ["Antibody Capture"], dtype="S"))
            fe.create_dataset("genome", data=np.array(["GRCh38"] * len(GENES), dtype="S"))
        else:
            g.create_dataset("genes", data=np.array(ids, dtype="S"))
            g.create_dataset("gene_names", data=np.array(GENES, dtype="S"))


tenx(os.path.join(HERE, "tenx-v3.h5"), True)
tenx(os.path.join(HERE, "tenx-v2.h5"), False)

# an HDF5 file that is neither: a group of arrays under another name (as a Loom or a custom file would have)
with h5py.File(os.path.join(HERE, "neither.h5"), "w") as f:
    f.create_group("counts").create_dataset("values", data=X)

# scanpy's read_10x layout: symbols in the var index, Ensembl ids in var['gene_ids']
with h5py.File(os.path.join(HERE, "symbols-index.h5ad"), "w") as f:
    root(f)
    dense(f)
    dataframe(f, "obs", CELLS, [])
    var = dataframe(f, "var", GENES, ["gene_ids"])
    strings(var, "gene_ids", ["ENSG%011d" % (i + 1) for i in range(len(GENES))])


# scanpy's usual layout after choosing highly variable genes: X holds 3 of the 4 genes, log-normalised and scaled
# (dense), layers the same genes' counts (CSR) and log-normalised values (dense), raw all 4 genes (raw/X CSR, raw/var)
def dict_group(f, name):
    g = f.create_group(name)
    g.attrs["encoding-type"] = "dict"
    g.attrs["encoding-version"] = "0.1.0"
    return g


with h5py.File(os.path.join(HERE, "layers-raw.h5ad"), "w") as f:
    root(f)
    hv = [0, 2, 3]
    logged = np.log1p(X)
    scaled = (logged[:, hv] - logged[:, hv].mean(axis=0)) / logged[:, hv].std(axis=0)
    d = f.create_dataset("X", data=scaled.astype(np.float32))
    d.attrs["encoding-type"] = "array"
    d.attrs["encoding-version"] = "0.2.0"
    obs = dataframe(f, "obs", CELLS, ["cell_type", "n_genes", "doublet"])
    categorical(obs, "cell_type", CELL_TYPE)
    # pandas' Int64 and boolean columns as anndata 0.8 writes them: values and a mask of the missing ones
    for name, kind, values, mask in (("n_genes", "nullable-integer", np.array([2, 1, 0, 4, 1, 2], dtype=np.int64), [False] * 6),
                                     ("doublet", "nullable-boolean", np.array([False, False, True, False, False, False]),
                                      [False, False, False, False, True, False])):
        g = obs.create_group(name)
        g.attrs["encoding-type"] = kind
        g.attrs["encoding-version"] = "0.1.0"
        g.create_dataset("values", data=values)
        g.create_dataset("mask", data=np.array(mask))
    var = dataframe(f, "var", [GENES[i] for i in hv], ["gene_ids"])
    strings(var, "gene_ids", ["ENSG%011d" % (i + 1) for i in hv])
    layers = dict_group(f, "layers")
    sparse(layers, "csr", X[:, hv], name="counts")
    ln = layers.create_dataset("lognorm", data=logged[:, hv].astype(np.float32))
    ln.attrs["encoding-type"] = "array"
    ln.attrs["encoding-version"] = "0.2.0"
    raw = f.create_group("raw")
    raw.attrs["encoding-type"] = "raw"
    raw.attrs["encoding-version"] = "0.1.0"
    sparse(raw, "csr", logged.astype(np.float32), name="X")
    rvar = dataframe(raw, "var", GENES, ["gene_ids"])
    strings(rvar, "gene_ids", ["ENSG%011d" % (i + 1) for i in range(len(GENES))])
    dict_group(raw, "varm")
    for key in ("obsm", "varm", "obsp", "varp", "uns"):
        dict_group(f, key)


# Loom files (genes × cells): loom-v3.loom as loompy 3 writes it (needs loompy: apt-get install python3-loompy), with a
# layer, gene ids, a cell-type column and a 2-D cell attribute (an embedding, which is no label column); loom-v2.loom
# in loompy 2's layout, written with h5py: fixed-length byte strings, float64 values, no layers
try:
    import loompy
except ImportError:
    loompy = None
    print("loompy missing: loom-v3.loom not written")
if loompy is not None:
    loompy.create(os.path.join(HERE, "loom-v3.loom"), {"": X.T, "spliced": (X.T * 2).astype(np.float32)},
                  {"Gene": np.array(GENES), "Accession": np.array(["ENSG%011d" % (i + 1) for i in range(len(GENES))])},
                  {"CellID": np.array(CELLS), "ClusterName": np.array(CELL_TYPE), "nUMI": X.sum(axis=1),
                   "Embedding": np.arange(12, dtype=np.float32).reshape(6, 2)})
with h5py.File(os.path.join(HERE, "loom-v2.loom"), "w") as f:
    f.create_dataset("matrix", data=X.T.astype(np.float64), chunks=(2, 3), compression="gzip")
    f.create_group("row_attrs").create_dataset("Gene", data=np.array(GENES, dtype="S"))
    f.create_group("col_attrs").create_dataset("CellID", data=np.array(CELLS, dtype="S"))
    f.attrs["LOOM_SPEC_VERSION"] = "2.0.1"

# an AnnData file without X (anndata leaves it out when only layers hold data): two layers, no raw
with h5py.File(os.path.join(HERE, "no-x.h5ad"), "w") as f:
    root(f)
    obs = dataframe(f, "obs", CELLS, ["cell_type"])
    categorical(obs, "cell_type", CELL_TYPE)
    dataframe(f, "var", GENES, [])
    layers = dict_group(f, "layers")
    sparse(layers, "csr", X, name="counts")
    sparse(layers, "csr", X * 10, name="scaled")
    for key in ("obsm", "varm", "obsp", "varp", "uns"):
        dict_group(f, key)

def mudata(path, modalities, global_cells, global_columns=()):
    """A MuData file (.h5mu) as mudata writes it: each modality under mod/ an AnnData group (name, X, its cells, its
    features, its counts layer or None; rna's obs has cell_type), the global obs (its index and categorical columns) and
    var beside them."""
    with h5py.File(os.path.join(HERE, path), "w") as f:
        f.attrs["encoding-type"] = "MuData"
        f.attrs["encoding-version"] = "0.1.0"
        mod = f.create_group("mod")
        mod.attrs["mod-order"] = np.array([m[0] for m in modalities], dtype=object).astype(STR)
        for name, matrix, cells, features, counts in modalities:
            m = mod.create_group(name)
            m.attrs["encoding-type"] = "anndata"
            m.attrs["encoding-version"] = "0.1.0"
            d = m.create_dataset("X", data=matrix)
            d.attrs["encoding-type"] = "array"
            d.attrs["encoding-version"] = "0.2.0"
            obs = dataframe(m, "obs", cells, ["cell_type"] if name == "rna" else [])
            if name == "rna":
                categorical(obs, "cell_type", CELL_TYPE)
            dataframe(m, "var", features, [])
            layers = dict_group(m, "layers")
            if counts is not None:
                sparse(layers, "csr", counts, name="counts", indptr_type=np.int32)   # as anndata writes it: scipy subsets it
            for key in ("obsm", "varm", "obsp", "varp", "uns"):
                dict_group(m, key)
        obs = dataframe(f, "obs", global_cells, [c for c, _ in global_columns])
        for column, values in global_columns:
            categorical(obs, column, values)
        dataframe(f, "var", GENES + ["CD3_TotalSeqB", "CD19_TotalSeqB"], [])
        for key in ("obsm", "varm", "obsp", "varp", "uns"):
            dict_group(f, key)


ANTIBODIES = ["CD3_TotalSeqB", "CD19_TotalSeqB"]
# rna (X and a counts layer) and prot (two antibody counts) of the same six cells
mudata("mudata.h5mu", [("rna", X, CELLS, GENES, X * 3),
                       ("prot", np.array([[5, 0], [1, 9], [0, 0], [7, 2], [3, 3], [0, 8]], dtype=np.float32), CELLS, ANTIBODIES, None)],
       CELLS)

# annotations in the global obs (mdata.obs["celltype"] = ..., as a user annotates the whole object): its index is the
# union of the modalities' cells in an order of its own, the prot modality holds four of the six cells in another order,
# and mdata.update() has copied rna's column as "rna:cell_type"
GLOBAL_ORDER = CELLS[::-1]
NAMED = {"T": "T cell", "B": "B cell", "Mono": "monocyte"}
mudata("mudata-global-obs.h5mu",
       [("rna", X, CELLS, GENES, None),
        ("prot", np.array([[0, 8], [5, 0], [7, 2], [0, 0]], dtype=np.float32), ["AGGT-1", "AAAC-1", "AAGC-1", "AACT-1"], ANTIBODIES, None)],
       GLOBAL_ORDER, [("celltype", [NAMED[CELL_TYPE[CELLS.index(c)]] for c in GLOBAL_ORDER]),
                      ("rna:cell_type", [CELL_TYPE[CELLS.index(c)] for c in GLOBAL_ORDER])])

# LZF-compressed, as adata.write_h5ad(compression="lzf") writes it: X and its names, whose variable-length strings h5py
# compresses without telling the chunk's size in the filter's parameters
with h5py.File(os.path.join(HERE, "lzf.h5ad"), "w") as f:
    root(f)
    d = f.create_dataset("X", data=X, chunks=(3, 4), compression="lzf")
    d.attrs["encoding-type"] = "array"
    d.attrs["encoding-version"] = "0.2.0"
    obs = dataframe(f, "obs", [], ["cell_type"])
    del obs["_index"]
    strings(obs, "_index", CELLS, compression="lzf")
    c = obs.create_group("cell_type")
    c.attrs["encoding-type"] = "categorical"
    c.attrs["encoding-version"] = "0.2.0"
    c.attrs["ordered"] = False
    cats = sorted(set(CELL_TYPE))
    strings(c, "categories", cats, compression="lzf")
    c.create_dataset("codes", data=np.array([cats.index(v) for v in CELL_TYPE], dtype=np.int8), compression="lzf")
    var = dataframe(f, "var", [], [])
    del var["_index"]
    strings(var, "_index", GENES, compression="lzf")
    for key in ("obsm", "varm", "obsp", "varp", "layers", "uns"):
        dict_group(f, key)

# CELLxGENE's layout: genes indexed by Ensembl id, their symbols in a categorical var column feature_name
with h5py.File(os.path.join(HERE, "ensembl-index.h5ad"), "w") as f:
    root(f)
    sparse(f, "csr", X)
    obs = dataframe(f, "obs", CELLS, ["cell_type"])
    categorical(obs, "cell_type", CELL_TYPE)
    var = dataframe(f, "var", ["ENSG%011d" % (i + 1) for i in range(len(GENES))], ["feature_name"])
    categorical(var, "feature_name", GENES)
    for key in ("obsm", "varm", "obsp", "varp", "layers", "uns"):
        dict_group(f, key)
