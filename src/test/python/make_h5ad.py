"""Writes an AnnData .h5ad file from a 10x Genomics folder (matrix.mtx.gz, features.tsv.gz, barcodes.tsv.gz,
optionally labels.csv with barcode,label), the way anndata itself writes one: X as CSR (cells x genes),
obs with a categorical 'label' column, a bool and a number column, var indexed by the first column of
features.tsv with 'gene_symbols' (the second column), 'feature_types' (categorical) and a bool column,
and a few uns entries. Used by the tests of the annotated copy (AnnotatedH5adTest) with Debian's python3-anndata.

    /usr/bin/python3 make_h5ad.py TENX_FOLDER OUT.h5ad
"""
import csv
import gzip
import sys

import anndata
import numpy as np
import pandas as pd
import scipy.io


def main(folder, out):
    with gzip.open(f"{folder}/matrix.mtx.gz", "rb") as f:
        x = scipy.io.mmread(f).T.tocsr().astype(np.float32)
    with gzip.open(f"{folder}/features.tsv.gz", "rt") as f:
        features = [line.rstrip("\n").split("\t") for line in f]
    with gzip.open(f"{folder}/barcodes.tsv.gz", "rt") as f:
        barcodes = [line.strip() for line in f]
    labels = {}
    try:
        with open(f"{folder}/labels.csv", newline="") as f:
            for row in csv.DictReader(f):
                labels[row[next(iter(row))]] = row[list(row)[1]]
    except FileNotFoundError:
        pass
    obs = pd.DataFrame(index=barcodes)
    obs["label"] = pd.Categorical([labels.get(b, "unknown") for b in barcodes])
    obs["n_counts"] = np.asarray(x.sum(axis=1)).ravel()
    obs["first_half"] = np.arange(len(barcodes)) < len(barcodes) // 2
    var = pd.DataFrame(index=[f[0] for f in features])
    var["gene_symbols"] = [f[1] if len(f) > 1 else f[0] for f in features]
    var["feature_types"] = pd.Categorical([f[2] if len(f) > 2 else "Gene Expression" for f in features])
    var["highly_variable"] = np.arange(len(features)) % 2 == 0
    adata = anndata.AnnData(X=x, obs=obs, var=var)
    adata.uns["source"] = folder
    adata.uns["params"] = {"n": np.arange(3), "name": "test"}
    adata.obsm["X_first2"] = x[:, :2].toarray()
    adata.write_h5ad(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
