package org.caeworkbench.data;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * For each format, a thousand and more damaged copies of a good file (bytes flipped, cut short, lines
 * repeated, dropped or swapped, garbage and very long lines inserted; fixed seeds, so every run sees the
 * same files): each must read, or fail with a DataException whose message names the file; never
 * another exception, never a hang.
 */
class FuzzedFilesTest {
    private static final int FILES = 1000;
    @TempDir Path dir;

    @FunctionalInterface
    private interface Case {
        /** Writes damaged file number i and returns the path to read and the names its message may carry. */
        Target write(int i, SplittableRandom random) throws IOException;
    }

    private record Target(Path path, List<String> names, ReadOptions options) { }

    private static final String CSV = "# exported by a tool\nsample_id,a,b,\"c d\",label\ns1,1,2.5,-3e-2,x\ns2,NA,4,5,y\n\"s,3\",6,7,8,x\ns4,0,0,1,y\n";
    private static final String TSV = "gene\tS1\tS2\tS3\nTP53\t1\t2\t3\nMYC\t4.5\tNaN\t6\nlabel\tB\tT\tB\nCD19\t0\t1e2\t-1\n";
    private static final String GCT = "#1.2\n4\t3\nName\tDescription\tP1\tP2\tP3\n1000_at\tMAPK3\t7.5\t7.25\t1\n"
            + "1001_at\tTIE1\t5\t5.5\t2\n1002_f_at\tna\t3.5\t-1\t\n1003_s_at\tna\t0\t1\t2\n";
    private static final String GCT13 = "#1.3\n2\t3\t1\t1\nid\tsymbol\tA\tB\tC\nsubtype\tna\tB1\tT2\tB1\n"
            + "g1\tTP53\t1\t2\t3\ng2\tMYC\t4\t5\t6\n";

    private void run(String format, Case c) throws Exception {
        SplittableRandom random = new SplittableRandom(format.hashCode());
        int read = 0;
        for (int n = 0; n < FILES; n++) {
            final int i = n;
            Target t = c.write(i, random);
            try {
                Dataset d = DatasetReader.read(t.path(), t.options());
                assertTrue(d.rows() > 0 && d.cols() > 0 && d.values().length == (long) d.rows() * d.cols(), "file " + i);
                read++;
            } catch (DataException | BackedMatrix.BackedReadException e) {
                // a matrix kept in its file (--backed) is read when its rows are: the reader's sentence comes then
                String m = e.getMessage();
                assertTrue(t.names().stream().anyMatch(m::contains), () -> format + " file " + i + ": the message names no file: " + m);
                assertTrue(!m.contains("\n") && m.length() < 600, () -> format + " file " + i + ": not one short sentence: " + m);
            } catch (RuntimeException | Error e) {
                fail(format + " file " + i + " (" + t.path() + ", " + t.options() + ") threw " + e, e);
            }
        }
        // the damage must not be so light that every file still reads, nor so heavy that none does
        assertTrue(read < FILES, format + ": every damaged file read");
    }

    @Test
    @Timeout(60)
    void csv() throws Exception {
        ReadOptions[] opts = {ReadOptions.defaults(), ReadOptions.defaults().withImpute(Imputation.MEAN),
            ReadOptions.defaults().withLabelColumn("b"), ReadOptions.defaults().withTranspose(true).withImpute(Imputation.MEAN),
            ReadOptions.defaults().withFormat(Format.CSV)};
        run("csv", (i, r) -> {
            byte[] text = Mutator.mutate(CSV.getBytes(StandardCharsets.UTF_8), r);
            boolean gz = i % 4 == 3;
            Path p = dir.resolve("f" + i + (gz ? ".csv.gz" : ".csv"));
            Files.write(p, gz ? Mutator.maybeDamageGzip(gzip(text), r) : text);
            return new Target(p, List.of(p.getFileName().toString()), opts[r.nextInt(opts.length)]);
        });
    }

    @Test
    @Timeout(60)
    void tsv() throws Exception {
        ReadOptions[] opts = {ReadOptions.defaults(), ReadOptions.defaults().withImpute(Imputation.MEAN),
            ReadOptions.defaults().withOrientation(Orientation.SAMPLES_AS_ROWS), ReadOptions.defaults().withFormat(Format.TSV),
            ReadOptions.defaults().withLabelColumn("label").withImpute(Imputation.MEAN)};
        run("tsv", (i, r) -> {
            byte[] text = Mutator.mutate(TSV.getBytes(StandardCharsets.UTF_8), r);
            Path p = dir.resolve("t" + i + ".tsv");
            Files.write(p, text);
            return new Target(p, List.of(p.getFileName().toString()), opts[r.nextInt(opts.length)]);
        });
    }

    @Test
    @Timeout(60)
    void gct() throws Exception {
        ReadOptions[] opts = {ReadOptions.defaults().withImpute(Imputation.MEAN), ReadOptions.defaults(),
            ReadOptions.defaults().withFormat(Format.GCT).withImpute(Imputation.MEAN)};
        run("gct", (i, r) -> {
            String source = i % 5 == 4 ? GCT13 : GCT;
            byte[] text = Mutator.mutate(source.getBytes(StandardCharsets.UTF_8), r);
            Path p = dir.resolve("g" + i + ".gct");
            Files.write(p, text);
            ReadOptions o = opts[r.nextInt(opts.length)];
            if (source == GCT13 && r.nextBoolean()) o = o.withLabelColumn("subtype");
            return new Target(p, List.of(p.getFileName().toString()), o);
        });
    }

    @Test
    @Timeout(60)
    void tenx() throws Exception {
        byte[] matrix = TenxReadingTest.MATRIX.getBytes(StandardCharsets.UTF_8);
        byte[] features = TenxReadingTest.FEATURES.getBytes(StandardCharsets.UTF_8);
        byte[] barcodes = TenxReadingTest.BARCODES.getBytes(StandardCharsets.UTF_8);
        ReadOptions[] opts = {ReadOptions.defaults(), ReadOptions.defaults().withKeepTopVariable(2), ReadOptions.defaults().withFormat(Format.MTX)};
        run("10x", (i, r) -> {
            Path f = Files.createDirectories(dir.resolve("x" + i));
            int which = r.nextInt(10);   // mostly the matrix, sometimes the names
            byte[] m = which < 7 ? Mutator.mutate(matrix, r) : matrix;
            Files.write(f.resolve("matrix.mtx.gz"), which == 7 ? Mutator.maybeDamageGzip(gzip(m), r) : gzip(m));
            Files.write(f.resolve("features.tsv.gz"), gzip(which == 8 ? Mutator.mutate(features, r) : features));
            Files.write(f.resolve("barcodes.tsv.gz"), gzip(which == 9 ? Mutator.mutate(barcodes, r) : barcodes));
            return new Target(f, List.of("x" + i, "matrix.mtx.gz", "features.tsv.gz", "barcodes.tsv.gz"), opts[r.nextInt(opts.length)]);
        });
    }

    @Test
    @Timeout(60)
    void h5ad() throws Exception {
        // every HDF5 layout the reader takes: AnnData (with layers and raw), Cell Ranger's .h5, Loom; each with its own options
        List<String> files = List.of("dense.h5ad", "csr.h5ad", "csc.h5ad", "old-0.7.h5ad", "lzf.h5ad", "layers-raw.h5ad", "no-x.h5ad", "mudata.h5mu", "tenx-v3.h5", "loom-v3.loom",
                "loom-v2.loom");
        List<byte[]> originals = new ArrayList<>();
        for (String f : files) originals.add(Files.readAllBytes(TestFiles.resource("h5ad/" + f)));
        ReadOptions[] opts = {ReadOptions.defaults(), ReadOptions.defaults().withLabelColumn("cell_type"),
            ReadOptions.defaults().withKeepTopVariable(2).withLabelColumn("donor")};
        ReadOptions[] layered = {ReadOptions.defaults().withLayer("counts"), ReadOptions.defaults().withLayer(ReadOptions.RAW).withBacking(Backing.DISK),
            ReadOptions.defaults().withLayer("lognorm").withKeepTopVariable(2)};
        ReadOptions[] loom = {ReadOptions.defaults().withLabelColumn("ClusterName"), ReadOptions.defaults().withLayer("spliced"),
            ReadOptions.defaults().withBacking(Backing.DISK).withKeepTopVariable(2)};
        ReadOptions[] muData = {ReadOptions.defaults().withLabelColumn("cell_type"), ReadOptions.defaults().withLayer("rna/counts").withBacking(Backing.DISK),
            ReadOptions.defaults().withLayer("prot")};
        run("h5ad", (i, r) -> {
            int which = i % files.size();
            String name = files.get(which);
            byte[] b = Mutator.mutateBinary(originals.get(which), r);
            Path p = dir.resolve("h" + i + name.substring(name.indexOf('.')));
            Files.write(p, b);
            ReadOptions[] o = name.startsWith("layers") ? layered : name.startsWith("loom") ? loom : name.startsWith("mudata") ? muData : opts;
            return new Target(p, List.of(p.getFileName().toString()), o[r.nextInt(o.length)]);
        });
    }

    @Test
    @Timeout(60)
    void idx() throws Exception {
        byte[] images = new byte[16 + 5 * 4 * 3];
        images[2] = 8;
        images[3] = 3;
        images[7] = 5;
        images[11] = 4;
        images[15] = 3;
        for (int i = 16; i < images.length; i++) images[i] = (byte) (i * 7);
        byte[] labels = {0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3, 4, 5};
        run("idx", (i, r) -> {
            boolean gz = i % 3 == 0;
            Path p = dir.resolve("i" + i + "-images-idx3-ubyte" + (gz ? ".gz" : ""));
            byte[] b = Mutator.mutateBinary(images, r);
            Files.write(p, gz ? Mutator.maybeDamageGzip(gzip(b), r) : b);
            Path l = dir.resolve("i" + i + "-labels-idx1-ubyte" + (gz ? ".gz" : ""));
            byte[] lb = i % 4 == 1 ? Mutator.mutateBinary(labels, r) : labels;
            Files.write(l, gz ? gzip(lb) : lb);
            return new Target(p, List.of(p.getFileName().toString(), l.getFileName().toString()), ReadOptions.defaults());
        });
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** The damage done to a file. */
    static final class Mutator {
        private static final byte[] TEXT_NOISE = ",\t\n\r\"#;.-e0123456789NA% ".getBytes(StandardCharsets.UTF_8);

        private Mutator() {}

        /** One to three edits of a text file: its lines or bytes. */
        static byte[] mutate(byte[] original, SplittableRandom r) {
            byte[] b = original.clone();
            int edits = 1 + r.nextInt(3);
            for (int e = 0; e < edits && b.length > 0; e++) {
                switch (r.nextInt(9)) {
                    case 0 -> b = flip(b, r);
                    case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length));                 // truncate
                    case 2 -> b = lines(b, r, 0);                                        // duplicate a line
                    case 3 -> b = lines(b, r, 1);                                        // delete a line
                    case 4 -> b = lines(b, r, 2);                                        // swap two lines
                    case 5 -> b = insert(b, r.nextInt(b.length + 1), garbage(r, 1 + r.nextInt(12)));
                    case 6 -> b = insert(b, r.nextInt(b.length + 1), longLine(r));
                    case 7 -> b = insert(b, r.nextInt(b.length + 1), new byte[] {TEXT_NOISE[r.nextInt(TEXT_NOISE.length)]});
                    default -> b[r.nextInt(b.length)] = TEXT_NOISE[r.nextInt(TEXT_NOISE.length)];
                }
            }
            return b;
        }

        /** Edits of a binary file: bytes flipped or overwritten, cut short, runs repeated or inserted. */
        static byte[] mutateBinary(byte[] original, SplittableRandom r) {
            byte[] b = original.clone();
            int edits = 1 + r.nextInt(4);
            for (int e = 0; e < edits && b.length > 0; e++) {
                switch (r.nextInt(5)) {
                    case 0, 1 -> b = flip(b, r);
                    case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length));
                    case 3 -> b = insert(b, r.nextInt(b.length + 1), garbage(r, 1 + r.nextInt(64)));
                    default -> {
                        // a run of 0xff or 0x00 (huge sizes, null addresses)
                        int at = r.nextInt(b.length);
                        int len = Math.min(b.length - at, 1 + r.nextInt(8));
                        Arrays.fill(b, at, at + len, r.nextBoolean() ? (byte) 0xff : 0);
                    }
                }
            }
            return b;
        }

        /** Sometimes damages the compressed bytes themselves. */
        static byte[] maybeDamageGzip(byte[] gz, SplittableRandom r) {
            return switch (r.nextInt(4)) {
                case 0 -> Arrays.copyOf(gz, r.nextInt(gz.length));
                case 1 -> flip(gz.clone(), r);
                default -> gz;
            };
        }

        private static byte[] flip(byte[] b, SplittableRandom r) {
            byte[] c = b.clone();
            c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
            return c;
        }

        private static byte[] garbage(SplittableRandom r, int n) {
            byte[] g = new byte[n];
            for (int i = 0; i < n; i++) g[i] = (byte) r.nextInt(256);
            return g;
        }

        /** 20,000 to 200,000 characters without a line break (rarely: each long line costs time). */
        private static byte[] longLine(SplittableRandom r) {
            if (r.nextInt(4) != 0) return garbage(r, 1);
            byte[] g = new byte[20_000 + r.nextInt(180_000)];
            for (int i = 0; i < g.length; i++) g[i] = TEXT_NOISE[r.nextInt(TEXT_NOISE.length - 4) + 4];   // no line ends
            return g;
        }

        private static byte[] insert(byte[] b, int at, byte[] what) {
            byte[] c = new byte[b.length + what.length];
            System.arraycopy(b, 0, c, 0, at);
            System.arraycopy(what, 0, c, at, what.length);
            System.arraycopy(b, at, c, at + what.length, b.length - at);
            return c;
        }

        /** kind 0: duplicate a line; 1: delete it; 2: swap two lines. */
        private static byte[] lines(byte[] b, SplittableRandom r, int kind) {
            List<byte[]> lines = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= b.length; i++) {
                if (i == b.length || b[i] == '\n') {
                    lines.add(Arrays.copyOfRange(b, start, Math.min(b.length, i + 1)));
                    start = i + 1;
                }
            }
            if (lines.isEmpty()) return b;
            int a = r.nextInt(lines.size());
            switch (kind) {
                case 0 -> lines.add(a, lines.get(a));
                case 1 -> lines.remove(a);
                default -> {
                    int c = r.nextInt(lines.size());
                    byte[] t = lines.get(a);
                    lines.set(a, lines.get(c));
                    lines.set(c, t);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] l : lines) out.writeBytes(l);
            return out.toByteArray();
        }
    }
}
