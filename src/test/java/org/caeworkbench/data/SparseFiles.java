package org.caeworkbench.data;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes sparse test data as a 10x folder or an .h5ad (CSR or CSC), from a dense cells x genes array. */
public final class SparseFiles {
    private SparseFiles() {}

    /** A 10x Genomics folder: matrix.mtx.gz (genes x cells, sorted by cell), features.tsv.gz, barcodes.tsv.gz. */
    public static void writeTenx(Path folder, float[] v, int cells, int genes) throws IOException {
        Files.createDirectories(folder);
        long nnz = 0;
        for (float x : v) if (x != 0) nnz++;
        try (BufferedWriter w = gz(folder.resolve("matrix.mtx.gz"))) {
            w.write("%%MatrixMarket matrix coordinate real general\n%\n");
            w.write(genes + " " + cells + " " + nnz + "\n");
            for (int c = 0; c < cells; c++)
                for (int g = 0; g < genes; g++) {
                    float x = v[c * genes + g];
                    if (x != 0) w.write((g + 1) + " " + (c + 1) + " " + Csv0.format(x) + "\n");
                }
        }
        try (BufferedWriter w = gz(folder.resolve("features.tsv.gz"))) {
            for (int g = 0; g < genes; g++) w.write("ENSG" + g + "\tGENE" + g + "\tGene Expression\n");
        }
        try (BufferedWriter w = gz(folder.resolve("barcodes.tsv.gz"))) {
            for (int c = 0; c < cells; c++) w.write("CELL" + c + "-1\n");
        }
    }

    /** cells x genes counts, about 5% non-zero (row-major, dense). */
    public static float[] counts(int cells, int genes, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[cells * genes];
        for (int i = 0; i < v.length; i++) if (r.nextDouble() < 0.05) v[i] = 1 + r.nextInt(30);
        return v;
    }

    /** An AnnData file whose X is a csr_matrix (or csc_matrix), without obs and var indexes. */
    public static void writeH5ad(Path file, float[] v, int cells, int genes, boolean csr) {
        int major = csr ? cells : genes, minor = csr ? genes : cells;
        int nnz = 0;
        for (float x : v) if (x != 0) nnz++;
        float[] data = new float[nnz];
        int[] indices = new int[nnz];
        long[] indptr = new long[major + 1];
        int at = 0;
        for (int i = 0; i < major; i++) {
            for (int j = 0; j < minor; j++) {
                float x = csr ? v[i * genes + j] : v[j * genes + i];
                if (x != 0) { data[at] = x; indices[at++] = j; }
            }
            indptr[i + 1] = at;
        }
        writeH5ad(file, cells, genes, data, indices, indptr, csr);
    }

    /** An AnnData file whose X is the given csr_matrix (or csc_matrix) arrays, without obs and var indexes. */
    public static void writeH5ad(Path file, int cells, int genes, float[] data, int[] indices, long[] indptr, boolean csr) {
        try (WritableHdfFile f = HdfFile.write(file)) {
            WritableGroup x = f.putGroup("X");
            x.putAttribute("encoding-type", csr ? "csr_matrix" : "csc_matrix");
            x.putAttribute("shape", new long[] {cells, genes});
            x.putDataset("data", data);
            x.putDataset("indices", indices);
            x.putDataset("indptr", indptr);
            f.putGroup("obs");
            f.putGroup("var");
        }
    }

    private static BufferedWriter gz(Path p) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(p)), StandardCharsets.UTF_8));
    }

    /** Shortest text of a float that reads back the same. */
    private static final class Csv0 {
        static String format(float x) {
            return x == Math.rint(x) && Math.abs(x) < 1e7 ? Integer.toString((int) x) : Float.toString(x);
        }
    }
}
