package org.caeworkbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a data file (CSV, TSV or IDX, each optionally gzip-compressed) into a {@link Dataset}. Every
 * problem with the file becomes a {@link DataException} with one sentence naming the file, line and
 * column; no other checked or parsing exception escapes.
 */
public final class DatasetReader {
    private static final Logger log = LoggerFactory.getLogger(DatasetReader.class);

    private DatasetReader() {}

    public static Dataset read(Path file, ReadOptions opts) throws DataException {
        return read(file, opts, LineSource.DEFAULT_MAX_LINE_CHARS);
    }

    /** As {@link #read(Path, ReadOptions)} with another line-length limit (tests use a small one). */
    static Dataset read(Path file, ReadOptions opts, int maxLineChars) throws DataException {
        Objects.requireNonNull(file, "file");
        ReadOptions options = opts == null ? ReadOptions.defaults() : opts;
        DataFiles.checkReadable(file);
        String name = DataFiles.displayName(file);
        long start = System.nanoTime();
        Dataset dataset;
        try {
            dataset = readFormat(file, name, options, maxLineChars);
        } catch (IOException e) {
            throw DataFiles.explain(e, name);
        } catch (OutOfMemoryError e) {
            // the half-read buffers are garbage by now, so the application can carry on
            throw new DataException(name + " does not fit in the memory Java may use ("
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB); start Java with a larger -Xmx", e);
        }
        log.debug("read {} in {} ms", dataset, (System.nanoTime() - start) / 1_000_000);
        return dataset;
    }

    private static Dataset readFormat(Path file, String name, ReadOptions opts, int maxLineChars) throws IOException, DataException {
        Format format;
        try (InputStream in = DataFiles.open(file)) {
            format = opts.format() != Format.AUTO ? opts.format() : detect(name, DataFiles.peek(in, 4));
            if (format != Format.IDX) {
                char delimiter = format == Format.CSV ? ',' : format == Format.TSV ? '\t' : 0;
                LineSource lines = new LineSource(new InputStreamReader(in, StandardCharsets.UTF_8), name, maxLineChars);
                return DelimitedReader.read(name, lines, delimiter, opts);
            }
        }
        if (opts.transpose()) throw new DataException(name + " is an IDX file, which cannot be transposed; leave out --transpose");
        return IdxReader.read(file, labelsFileFor(file, opts));
    }

    /**
     * The format of a file when AUTO is asked: IDX by magic bytes, then by extension (.csv, .tsv,
     * ignoring .gz), then IDX by a name containing "idx"; AUTO left means "sniff the header line".
     */
    static Format detect(String name, byte[] first4) {
        if (IdxReader.isIdxMagic(first4)) return Format.IDX;
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz")) lower = lower.substring(0, lower.length() - 3);
        if (lower.endsWith(".csv")) return Format.CSV;
        if (lower.endsWith(".tsv") || lower.endsWith(".tab")) return Format.TSV;
        if (lower.contains("idx")) return Format.IDX;
        return Format.AUTO;
    }

    /** The labels file given, or the images file's sibling with "images-idx3" turned into "labels-idx1". */
    static Path labelsFileFor(Path images, ReadOptions opts) throws DataException {
        if (opts.labelsFile() != null) {
            DataFiles.checkReadable(opts.labelsFile());
            return opts.labelsFile();
        }
        String name = DataFiles.displayName(images);
        String labelsName = name.replace("images-idx3", "labels-idx1").replace("images.idx3", "labels.idx1");
        if (labelsName.equals(name)) return null;
        Path candidate = images.resolveSibling(labelsName);
        if (!Files.isRegularFile(candidate)) {
            log.info("no labels file {} next to {}; reading the images without labels", labelsName, name);
            return null;
        }
        return candidate;
    }
}
