"""Writes a synthetic single-cell atlas as an .h5ad file: cells x genes, mostly zeros, stored as CSR.

The file for issue 16's check (sparse and out-of-core training) is 100,000 cells x 20,000 genes at 5 %
non-zero (about 100 million stored values, 0.8 GB on disk); it is made here rather than shipped. Do not
commit it. Run with Debian's Python, which has numpy and h5py (the default python3 may not):

    /usr/bin/python3 samples/make_sparse_atlas.py --out /tmp/atlas.h5ad
    /usr/bin/python3 samples/make_sparse_atlas.py --cells 2000 --genes 1000 --out /tmp/small.h5ad

What the counts look like (plausible, not real biology):
  - each gene has a base mean drawn from a log-normal (a few highly expressed genes, a long tail of rare ones);
  - each cell belongs to one of --types cell types; each type raises a random 2 % of the genes (its markers)
    by a log-normal fold change and lowers another 2 %;
  - --programs gene programs (co-regulated modules, each a random 5 % of the genes with log-normal loadings)
    whose activity varies from cell to cell (standard normal), so genes are correlated as in real data and
    a few selected genes can predict the others;
  - each cell has a size factor (library size) drawn from a log-normal;
  - a count is negative binomial (a Gamma-Poisson mixture, dispersion 1 / --overdispersion) with mean
    base mean x type fold x size factor x one global scale; the scale is set so that the expected share of
    non-zero entries is --density (the realised share is printed at the end and stored in uns).

The layout is what anndata 0.8 writes: X a group with encoding-type csr_matrix (data float32, indices
int32, indptr int64, attribute shape), obs and var dataframes with an _index of cell ids and gene names,
and obs/cell_type a categorical (categories + codes). The matrix is written a chunk of cells at a time into
resizable datasets, so memory is that of one chunk (--chunk cells x genes), never the whole matrix.
CAE Workbench reads the labels with --label-column cell_type.
"""
import argparse
import sys
import time

import h5py
import numpy as np


def parse_args(argv):
    p = argparse.ArgumentParser(description="Write a synthetic sparse single-cell atlas (.h5ad, CSR).")
    p.add_argument("--cells", type=int, default=100_000, help="rows (cells), default 100000")
    p.add_argument("--genes", type=int, default=20_000, help="columns (genes), default 20000")
    p.add_argument("--density", type=float, default=0.05, help="expected share of non-zero entries, default 0.05")
    p.add_argument("--types", type=int, default=12, help="cell types (the obs column cell_type), default 12")
    p.add_argument("--programs", type=int, default=20, help="gene programs (correlated modules), default 20")
    p.add_argument("--overdispersion", type=float, default=0.5,
                   help="negative-binomial overdispersion (1 / shape); 0 gives Poisson counts; default 0.5")
    p.add_argument("--seed", type=int, default=16, help="random seed, default 16")
    p.add_argument("--chunk", type=int, default=500, help="cells generated and written at a time, default 500")
    p.add_argument("--out", required=True, help="the .h5ad file to write (replaced if it exists)")
    a = p.parse_args(argv)
    if a.cells < 1 or a.genes < 1:
        p.error("--cells and --genes must be at least 1")
    if not 0 < a.density < 1:
        p.error("--density must be between 0 and 1 (exclusive), e.g. 0.05")
    if a.types < 1 or a.types > 32767:
        p.error("--types must be between 1 and 32767")
    if a.overdispersion < 0:
        p.error("--overdispersion must be 0 or more")
    if a.programs < 0:
        p.error("--programs must be 0 or more")
    if a.chunk < 1:
        p.error("--chunk must be at least 1")
    return a


def nonzero_probability(mean, overdispersion):
    """P(count > 0) for a negative binomial of this mean (Poisson when overdispersion is 0)."""
    if overdispersion == 0:
        return -np.expm1(-mean)
    shape = 1.0 / overdispersion
    return 1.0 - np.exp(-shape * np.log1p(mean / shape))


def cell_means(base, folds, loadings, sizes, types, activity):
    """Mean count of each gene in each cell, before the global scale (cells x genes)."""
    mean = sizes[:, None] * base[None, :] * folds[types]
    if loadings.shape[0] > 0:
        mean *= np.exp(activity @ loadings)
    return mean


def calibrate_scale(probe_means, density, overdispersion):
    """The global scale that makes the expected share of non-zero entries equal to density (bisection on a log scale)."""
    lo, hi = -30.0, 30.0
    for _ in range(80):
        mid = (lo + hi) / 2
        mean = np.exp(mid) * probe_means
        share = nonzero_probability(mean, overdispersion).mean()
        if share < density:
            lo = mid
        else:
            hi = mid
    return np.exp((lo + hi) / 2)


def string_array(group, name, values):
    ds = group.create_dataset(name, data=np.array(values, dtype=object), dtype=h5py.string_dtype("utf-8"))
    ds.attrs["encoding-type"] = "string-array"
    ds.attrs["encoding-version"] = "0.2.0"
    return ds


def empty_dict(f, name):
    g = f.create_group(name)
    g.attrs["encoding-type"] = "dict"
    g.attrs["encoding-version"] = "0.1.0"
    return g


def main(argv):
    a = parse_args(argv)
    rng = np.random.default_rng(a.seed)
    n, d = a.cells, a.genes
    started = time.time()

    # per gene: base mean; per type: marker genes up and down
    base = rng.lognormal(mean=0.0, sigma=1.5, size=d)
    folds = np.ones((a.types, d))
    markers = max(1, d // 50)
    for t in range(a.types):
        up = rng.choice(d, size=markers, replace=False)
        down = rng.choice(np.setdiff1d(np.arange(d), up), size=markers, replace=False)
        folds[t, up] = rng.lognormal(mean=1.5, sigma=0.5, size=markers)
        folds[t, down] = 1.0 / rng.lognormal(mean=1.5, sigma=0.5, size=markers)
    type_share = rng.dirichlet(np.full(a.types, 2.0))
    cell_type = rng.choice(a.types, size=n, p=type_share).astype(np.int16)

    # gene programs: each touches a random 5 % of the genes with a signed loading
    loadings = np.zeros((a.programs, d))
    members = max(1, d // 20)
    for q in range(a.programs):
        genes = rng.choice(d, size=members, replace=False)
        loadings[q, genes] = rng.choice([-1.0, 1.0], size=members, p=[0.25, 0.75]) * rng.lognormal(-0.5, 0.3, size=members)

    probe = min(n, 500)
    probe_means = cell_means(base, folds, loadings, rng.lognormal(mean=0.0, sigma=0.4, size=probe), cell_type[:probe],
                             rng.standard_normal((probe, a.programs)))
    scale = calibrate_scale(probe_means, a.density, a.overdispersion)
    del probe_means

    with h5py.File(a.out, "w") as f:
        f.attrs["encoding-type"] = "anndata"
        f.attrs["encoding-version"] = "0.1.0"
        x = f.create_group("X")
        x.attrs["encoding-type"] = "csr_matrix"
        x.attrs["encoding-version"] = "0.1.0"
        x.attrs["shape"] = np.array([n, d], dtype=np.int64)
        expected = int(n * d * a.density * 1.1) + 1
        block = max(1, min(1 << 20, expected))
        data = x.create_dataset("data", shape=(0,), maxshape=(None,), dtype=np.float32, chunks=(block,))
        indices = x.create_dataset("indices", shape=(0,), maxshape=(None,), dtype=np.int32, chunks=(block,))
        indptr = x.create_dataset("indptr", shape=(n + 1,), dtype=np.int64)
        indptr[0] = 0

        nnz = 0
        total = 0.0
        for start in range(0, n, a.chunk):
            end = min(n, start + a.chunk)
            m = end - start
            sizes = rng.lognormal(mean=0.0, sigma=0.4, size=m)
            mean = scale * cell_means(base, folds, loadings, sizes, cell_type[start:end], rng.standard_normal((m, a.programs)))
            if a.overdispersion > 0:
                shape = 1.0 / a.overdispersion
                mean = rng.gamma(shape, mean / shape)
            counts = rng.poisson(mean).astype(np.float32)
            del mean
            rows, cols = np.nonzero(counts)            # row-major order: CSR, columns ascending in each row
            values = counts[rows, cols]
            total += float(values.sum(dtype=np.float64))
            del counts
            per_row = np.bincount(rows, minlength=m)
            k = len(values)
            data.resize((nnz + k,))
            indices.resize((nnz + k,))
            data[nnz:nnz + k] = values
            indices[nnz:nnz + k] = cols.astype(np.int32)
            indptr[start + 1:end + 1] = nnz + np.cumsum(per_row)
            nnz += k
            if (start // a.chunk) % 10 == 0 or end == n:
                print(f"{end:,} of {n:,} cells, {nnz:,} non-zeros, {time.time() - started:.0f} s", file=sys.stderr)

        obs = f.create_group("obs")
        obs.attrs["encoding-type"] = "dataframe"
        obs.attrs["encoding-version"] = "0.2.0"
        obs.attrs["_index"] = "_index"
        obs.attrs["column-order"] = np.array(["cell_type"], dtype=object).astype(h5py.string_dtype("utf-8"))
        width = len(str(n))
        string_array(obs, "_index", [f"cell_{i:0{width}d}" for i in range(n)])
        ct = obs.create_group("cell_type")
        ct.attrs["encoding-type"] = "categorical"
        ct.attrs["encoding-version"] = "0.2.0"
        ct.attrs["ordered"] = False
        string_array(ct, "categories", [f"type_{t:02d}" for t in range(a.types)])
        ct.create_dataset("codes", data=cell_type)

        var = f.create_group("var")
        var.attrs["encoding-type"] = "dataframe"
        var.attrs["encoding-version"] = "0.2.0"
        var.attrs["_index"] = "_index"
        var.attrs["column-order"] = np.array([], dtype=h5py.string_dtype("utf-8"))
        width = len(str(d))
        string_array(var, "_index", [f"GENE{j:0{width}d}" for j in range(d)])

        for name in ("obsm", "varm", "obsp", "varp", "layers"):
            empty_dict(f, name)
        uns = empty_dict(f, "uns")
        uns.create_dataset("generator", data="samples/make_sparse_atlas.py", dtype=h5py.string_dtype("utf-8"))
        uns.create_dataset("seed", data=a.seed)
        uns.create_dataset("realised_density", data=nnz / (n * d))

    print(f"wrote {a.out}: {n:,} cells x {d:,} genes, {nnz:,} non-zeros ({nnz / (n * d):.2%}), "
          f"{a.types} cell types, mean count of a non-zero {total / max(1, nnz):.2f}, {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
