package org.caeworkbench.data;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Randomly damaged copies of good files: each must either read or fail with a DataException, never
 * with another exception, and never hang.
 */
class MangledFilesTest {
    @TempDir Path dir;

    private static final String CSV = "sample_id,a,b,\"c d\",label\ns1,1,2.5,-3e-2,x\ns2,NA,4,5,y\n\"s,3\",6,7,8,x\n";
    private static final ReadOptions[] OPTIONS = {
        ReadOptions.defaults(),
        ReadOptions.defaults().withImpute(Imputation.MEAN),
        ReadOptions.defaults().withTranspose(true).withImpute(Imputation.MEAN),
        ReadOptions.defaults().withLabelColumn("b"),
        ReadOptions.defaults().withFormat(Format.TSV),
        ReadOptions.defaults().withFormat(Format.IDX),
    };

    @Test
    @Timeout(60)
    void damagedTextGzipAndIdxNeverThrowAnythingButDataException() throws Exception {
        SplittableRandom random = new SplittableRandom(2024);
        byte[] csv = CSV.getBytes(StandardCharsets.UTF_8);
        byte[] gz = gzip(csv);
        byte[] idx = idx();
        for (int i = 0; i < 600; i++) {
            byte[] original = switch (i % 3) { case 0 -> csv; case 1 -> gz; default -> idx; };
            byte[] damaged = mangle(original, random);
            Path p = dir.resolve("f" + i + (i % 3 == 2 ? "-images-idx3-ubyte" : ".csv"));
            Files.write(p, damaged);
            ReadOptions opts = OPTIONS[random.nextInt(OPTIONS.length)];
            try {
                DatasetReader.read(p, opts);
            } catch (DataException expected) {
                // fine: a sentence for the user
            } catch (RuntimeException | Error e) {
                fail("file " + i + " with " + opts + " threw " + e, e);
            }
        }
    }

    private static byte[] mangle(byte[] original, SplittableRandom random) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(3)) {
                case 0 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                case 1 -> b = java.util.Arrays.copyOf(b, Math.max(0, b.length - 1 - random.nextInt(Math.max(1, b.length / 4))));
                default -> {
                    int at = random.nextInt(b.length + 1);
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) ",\n\"\t;.-e0NA".charAt(random.nextInt(11));
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
            }
            if (b.length == 0) break;
        }
        return b;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] idx() {
        byte[] b = new byte[16 + 3 * 4 * 4];
        b[2] = 8;
        b[3] = 3;
        b[7] = 3;
        b[11] = 4;
        b[15] = 4;
        for (int i = 16; i < b.length; i++) b[i] = (byte) (i * 7);
        return b;
    }
}
