"""Checks an annotated copy written by CAE Workbench (cae train --write-h5ad, cae export-model --h5ad, the
window's Export > Annotated h5ad...) with anndata itself, as a scanpy user would open it:

    /usr/bin/python3 check_h5ad.py OUT.h5ad INPUT.h5ad PANEL.txt

PANEL.txt holds the panel's names in rank order, one a line (what cae train --print-panel prints).
Checks that var has cae_selected (bool), cae_rank (1.. in panel order, -1 elsewhere) and cae_probability,
that uns['cae'] holds version, seed, panel and the training settings, and that X, obs, var's own
columns (with their types: categorical, bool, numbers, strings), obsm and uns's keys are those of the input. Prints one line per check; exits 1 on the first failure.
"""
import sys

import anndata
import numpy as np
import scipy.sparse as sp


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        sys.exit(1)


def dense(x):
    return x.toarray() if sp.issparse(x) else np.asarray(x)


def main(out_path, in_path, panel_path):
    out = anndata.read_h5ad(out_path)
    inp = anndata.read_h5ad(in_path)
    panel = [line.strip() for line in open(panel_path, encoding="utf-8") if line.strip()]
    var = out.var
    check(out.shape == inp.shape, f"shape {out.shape} is the input's")
    for col in ("cae_selected", "cae_rank", "cae_probability"):
        check(col in var.columns, f"var has {col}")
    check(var["cae_selected"].dtype == bool, "cae_selected is bool")
    check(str(var["cae_rank"].dtype).startswith("int") and str(var["cae_probability"].dtype).startswith("float"),
          "cae_rank is an integer, cae_probability a float")
    selected = var["cae_selected"]
    check(set(var.index[selected]) == set(panel), f"cae_selected marks exactly the {len(panel)} panel features")
    ranked = var[var["cae_rank"] > 0].sort_values("cae_rank")
    check(list(ranked.index) == panel, "cae_rank orders the panel as --print-panel does")
    check(list(ranked["cae_rank"]) == list(range(1, len(panel) + 1)), "cae_rank runs 1..k")
    check(bool((var.loc[~selected, "cae_rank"] == -1).all()), "cae_rank is -1 outside the panel")
    p = var["cae_probability"]
    check(bool(((p[selected] > 0) & (p[selected] <= 1)).all()) and bool((p[~selected] == 0).all()),
          "cae_probability is in (0, 1] in the panel and 0 elsewhere")
    cae = out.uns["cae"]
    for key in ("version", "seed", "panel", "training", "data", "command_line", "config_json"):
        check(key in cae, f"uns['cae'] has {key}")
    check(list(cae["panel"]) == panel, "uns['cae']['panel'] is the panel")
    check(int(cae["training"]["k"]) >= len(panel) and int(cae["seed"]) == int(cae["training"]["seed"]),
          "uns['cae'] holds k and the seed")
    check(np.array_equal(dense(out.X), dense(inp.X)) and sp.issparse(out.X) == sp.issparse(inp.X),
          "X equals the input's (same dense/sparse kind)")
    check(list(out.obs_names) == list(inp.obs_names) and list(out.var_names) == list(inp.var_names), "obs and var names are the input's")
    for col in inp.obs.columns:
        check(col in out.obs.columns and out.obs[col].dtype == inp.obs[col].dtype and list(out.obs[col]) == list(inp.obs[col]),
              f"obs column {col} carried over ({inp.obs[col].dtype})")
    for col in inp.var.columns:
        check(col in var.columns and var[col].dtype == inp.var[col].dtype and list(var[col]) == list(inp.var[col]),
              f"var column {col} carried over ({inp.var[col].dtype})")
    for key in inp.obsm.keys():
        check(key in out.obsm and np.allclose(dense(out.obsm[key]), dense(inp.obsm[key])), f"obsm {key} carried over")
    for key in inp.uns.keys():
        check(key in out.uns, f"uns {key} carried over")
    subset = out[:, out.var["cae_selected"]]
    check(subset.n_vars == len(panel), f"the panel as an AnnData subset: {subset.n_obs} x {subset.n_vars}")
    print("all checks passed")


if __name__ == "__main__":
    main(*sys.argv[1:4])
