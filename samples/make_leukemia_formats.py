"""Writes the leukaemia sample in two more formats, from all-leukemia/all_leukemia.csv.gz:

  all-leukemia-gct/all_leukemia.gct.gz   GCT 1.2, one row per probe set, one column per patient
  all-leukemia-gct/labels.csv            sample_id,label (GCT 1.2 has no place for labels)
  all-leukemia-10x/matrix.mtx.gz         Matrix Market "real" (the values are log2 expression, not counts)
  all-leukemia-10x/features.tsv.gz       probe set id, name (the same id), "Gene Expression"
  all-leukemia-10x/barcodes.tsv.gz       the patients' sample ids
  all-leukemia-10x/labels.csv            sample_id,label

Both keep the 2000 most variable of the 12625 probe sets (population variance over the 128 patients of the
values as written in the CSV; ties by column order), in their original order, to stay small. Every value
is the CSV's own text, unchanged. gzip without a time stamp, so the files are the same on every run.
Run from the samples folder: python3 make_leukemia_formats.py
"""
import csv
import gzip
import io
import os

import numpy as np

KEEP = 2000

with gzip.open("all-leukemia/all_leukemia.csv.gz", "rt", newline="") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
assert header[0] == "sample_id" and header[-1] == "label"
probes = header[1:-1]
ids = [r[0] for r in body]
labels = [r[-1] for r in body]
text = [r[1:-1] for r in body]                               # patients x probes, as text
values = np.array(text, dtype=np.float64)
variance = values.var(axis=0)
order = sorted(range(len(probes)), key=lambda j: (-variance[j], j))
kept = sorted(order[:KEEP])


def write_gz(path, content):
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(content.encode("utf-8"))


def write_labels(path):
    with open(path, "w", newline="") as f:
        f.write("sample_id,label\n")
        for i, l in zip(ids, labels):
            f.write(f"{i},{l}\n")


os.makedirs("all-leukemia-gct", exist_ok=True)
out = io.StringIO()
out.write("#1.2\n")
out.write(f"{len(kept)}\t{len(ids)}\n")
out.write("Name\tDescription\t" + "\t".join(ids) + "\n")
for j in kept:
    out.write(probes[j] + "\tna\t" + "\t".join(text[i][j] for i in range(len(ids))) + "\n")
write_gz("all-leukemia-gct/all_leukemia.gct.gz", out.getvalue())
write_labels("all-leukemia-gct/labels.csv")

os.makedirs("all-leukemia-10x", exist_ok=True)
entries = [(r + 1, c + 1, text[c][j]) for c in range(len(ids)) for r, j in enumerate(kept) if float(text[c][j]) != 0]
out = io.StringIO()
out.write("%%MatrixMarket matrix coordinate real general\n")
out.write("% ALL leukaemia (Bioconductor ALL 1.40.0): RMA log2 expression of the 2000 most variable probe sets\n")
out.write(f"{len(kept)} {len(ids)} {len(entries)}\n")
for r, c, v in entries:
    out.write(f"{r} {c} {v}\n")
write_gz("all-leukemia-10x/matrix.mtx.gz", out.getvalue())
write_gz("all-leukemia-10x/features.tsv.gz", "".join(f"{probes[j]}\t{probes[j]}\tGene Expression\n" for j in kept))
write_gz("all-leukemia-10x/barcodes.tsv.gz", "".join(f"{i}\n" for i in ids))
write_labels("all-leukemia-10x/labels.csv")
print(f"kept {len(kept)} of {len(probes)} probe sets; {len(entries)} matrix entries")
