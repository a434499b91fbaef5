package org.caeworkbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST: an images file (magic 0x00000803: unsigned bytes,
 * 3 dimensions n × rows × cols) and optionally a labels file (magic 0x00000801, n bytes). Values stay
 * raw 0..255; scaling comes later, fitted on the training split.
 */
final class IdxReader {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    /** More pixels per image than this means a corrupt header (and a feature name per pixel would not fit). */
    private static final long MAX_PIXELS = 1 << 24;

    private IdxReader() {}

    static boolean isIdxMagic(byte[] first4) {
        if (first4.length < 4) return false;
        int magic = readInt(first4, 0);
        return magic == IMAGES_MAGIC || magic == LABELS_MAGIC;
    }

    /** @param labelsFile the labels file, or null for none */
    static Dataset read(Path imagesFile, Path labelsFile) throws IOException, DataException {
        return read(imagesFile, labelsFile, new ReadContext(DataFiles.displayName(imagesFile), ReadOptions.defaults()));
    }

    /** @param labelsFile the labels file, or null for none */
    static Dataset read(Path imagesFile, Path labelsFile, ReadContext ctx) throws IOException, DataException {
        String name = DataFiles.displayName(imagesFile);
        int n;
        int rows;
        int cols;
        float[] values;
        int all;
        try (InputStream in = ctx.open(imagesFile)) {
            int magic = readInt(readHeader(in, name, 4), 0);
            if (magic == LABELS_MAGIC) {
                throw new DataException(name + " is an IDX labels file, not an images file; give the images file (…-images-idx3-ubyte) as data");
            }
            if (magic != IMAGES_MAGIC) {
                throw new DataException(String.format("%s is not an IDX images file: it starts with 0x%08X where 0x%08X"
                        + " (unsigned bytes, 3 dimensions) was expected", name, magic, IMAGES_MAGIC));
            }
            byte[] dims = readHeader(in, name, 12);
            n = readInt(dims, 0);
            rows = readInt(dims, 4);
            cols = readInt(dims, 8);
            if (n < 0 || rows <= 0 || cols <= 0) {
                throw new DataException(name + " has an impossible IDX shape " + n + " x " + rows + " x " + cols);
            }
            if (n == 0) throw new DataException(name + " holds no images");
            if ((long) rows * cols > MAX_PIXELS) {
                throw new DataException(name + " claims images of " + rows + " x " + cols + " pixels, too large to be one row each");
            }
            long promised = (long) n * rows * cols;
            long room = DataFiles.maxUncompressedSize(imagesFile) - 16;
            if (promised > room) {
                boolean plain = !DataFiles.isGzip(imagesFile);
                throw new DataException(name + " ends early: its header promises " + promised + " pixel bytes but only "
                        + (plain ? Long.toString(Math.max(0, room)) : "fewer") + " follow");
            }
            all = n;
            n = ctx.samplesToRead(n);
            long total = (long) n * rows * cols;
            if (total > FloatArrayBuilder.MAX_ARRAY) {
                throw new DataException(name + " is too large: " + n + " images of " + rows + " x " + cols + " do not fit in one matrix");
            }
            MemoryBudget.require(name, 4 * total, n, (long) rows * cols);
            values = readPixels(in, name, (int) total);
        }
        String[] labels = labelsFile == null ? null : readLabels(labelsFile, all, name);
        if (labels != null && labels.length > n) labels = Arrays.copyOf(labels, n);
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) ids.add(Integer.toString(i));
        return new Dataset(name, n, rows * cols, values, PixelNames.of(rows, cols), ids, labels,
                new Dataset.ImageShape(rows, cols), ctx.notes());
    }

    /**
     * The array grows as bytes arrive (doubling, capped at the promised total), so that a damaged
     * header promising billions of pixels in a small file cannot make us allocate gigabytes.
     */
    private static float[] readPixels(InputStream in, String name, int total) throws IOException, DataException {
        float[] values = new float[Math.min(total, 1 << 20)];
        byte[] chunk = new byte[1 << 16];
        int done = 0;
        while (done < total) {
            int r = in.read(chunk, 0, Math.min(chunk.length, total - done));
            if (r < 0) {
                throw new DataException(name + " ends early: its header promises " + total + " pixel bytes but only "
                        + done + " follow");
            }
            if (done + r > values.length) values = Arrays.copyOf(values, (int) Math.min(total, 2L * values.length + r));
            for (int i = 0; i < r; i++) values[done + i] = chunk[i] & 0xff;
            done += r;
        }
        return values;
    }

    private static String[] readLabels(Path labelsFile, int expected, String imagesName) throws IOException, DataException {
        String name = DataFiles.displayName(labelsFile);
        try (InputStream in = DataFiles.open(labelsFile)) {
            byte[] header = readHeader(in, name, 8);
            int magic = readInt(header, 0);
            if (magic != LABELS_MAGIC) {
                throw new DataException(String.format("%s is not an IDX labels file: it starts with 0x%08X where 0x%08X was expected",
                        name, magic, LABELS_MAGIC));
            }
            int count = readInt(header, 4);
            if (count != expected) {
                throw new DataException(name + " has " + count + " labels but " + imagesName + " has " + expected + " images");
            }
            String[] digits = new String[256];   // shared strings: one per byte value
            String[] labels = new String[count];
            byte[] chunk = new byte[1 << 16];
            int done = 0;
            while (done < count) {
                int r = in.read(chunk, 0, Math.min(chunk.length, count - done));
                if (r < 0) throw new DataException(name + " ends early: its header promises " + count + " labels but only " + done + " follow");
                for (int i = 0; i < r; i++) {
                    int v = chunk[i] & 0xff;
                    if (digits[v] == null) digits[v] = Integer.toString(v);
                    labels[done + i] = digits[v];
                }
                done += r;
            }
            return labels;
        } catch (IOException e) {
            throw DataFiles.explain(e, name);   // name the labels file, not the images file
        }
    }

    private static byte[] readHeader(InputStream in, String name, int length) throws IOException, DataException {
        byte[] header = in.readNBytes(length);
        if (header.length < length) throw new DataException(name + " ends early, inside its IDX header");
        return header;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
