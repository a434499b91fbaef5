package org.caeworkbench.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.caeworkbench.core.EpochRecord;
import org.caeworkbench.core.TrainingCheckpoint;

/**
 * A training checkpoint as one file, written atomically (so a crash leaves the previous checkpoint or the
 * new one, never half of one):
 * <pre>
 *   8 bytes   "CAECKPT1"
 *   4 bytes   header length H, little-endian
 *   H bytes   header, UTF-8 JSON: try, epochs, step, model shape, Adam's step count, history, messages, ...
 *   P x 4     parameters, float32 little-endian, the model's flat layout
 *   P x 4     Adam's first moments
 *   P x 4     Adam's second moments
 *   8 bytes   CRC-32 of everything before it, little-endian
 * </pre>
 * One file rather than a folder of files, so the parameters, the optimiser state and the position in
 * training can never come from two different moments.
 */
public final class CheckpointFile {
    public static final String NAME = "checkpoint.bin";
    private static final byte[] MAGIC = "CAECKPT1".getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNK = 1 << 16;

    private CheckpointFile() {}

    /** Where training stood, from the header alone (cheap to read even when the parameters are large). */
    public record Header(int tryNumber, int epochsOfTry, int epochsDone, long step, int features, int k, double seconds,
                         long parameters, int historyRows) {}

    public static void write(Path file, TrainingCheckpoint c) throws IOException {
        AtomicFiles.write(file, out -> write(out, c));
    }

    static void write(OutputStream out, TrainingCheckpoint c) throws IOException {
        CRC32 crc = new CRC32();
        byte[] header = RunConfig.JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(header(c));
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(header.length);
        emit(out, crc, buf);
        crc.update(header);
        out.write(header);
        for (float[] a : new float[][] {c.parameters(), c.adamFirstMoment(), c.adamSecondMoment()}) {
            FloatBuffer floats = buf.clear().asFloatBuffer();
            for (int at = 0; at < a.length; at += floats.capacity()) {
                int n = Math.min(floats.capacity(), a.length - at);
                floats.clear();
                floats.put(a, at, n);
                buf.clear().position(n * 4);
                emit(out, crc, buf);
            }
        }
        buf.clear().putLong(crc.getValue());
        out.write(buf.array(), 0, buf.position());
    }

    private static void emit(OutputStream out, CRC32 crc, ByteBuffer buf) throws IOException {
        crc.update(buf.array(), 0, buf.position());
        out.write(buf.array(), 0, buf.position());
    }

    private static ObjectNode header(TrainingCheckpoint c) {
        ObjectNode h = RunConfig.JSON.createObjectNode();
        h.put("format", 1);
        h.put("try", c.tryNumber());
        h.put("epochs_of_try", c.epochsOfTry());
        h.put("epochs_done", c.epochsDone());
        h.put("step", c.step());
        h.put("features", c.features());
        h.put("k", c.k());
        ArrayNode hidden = h.putArray("hidden");
        for (int w : c.hidden()) hidden.add(w);
        h.put("data_checksum", c.dataChecksum());
        h.put("parameters", c.parameters().length);
        h.put("adam_steps", c.adamSteps());
        number(h, "validation_loss", c.validationLoss());
        h.put("seconds", c.seconds());
        ArrayNode history = h.putArray("history");
        for (EpochRecord e : c.history()) {
            ArrayNode row = history.addArray();
            row.add(e.tryNumber()).add(e.epoch()).add(e.step());
            for (double v : new double[] {e.temperature(), e.trainLoss(), e.validationLoss(), e.meanMaxProbability()}) {
                if (Double.isFinite(v)) row.add(v);
                else row.addNull();
            }
            row.add(e.duplicates()).add(e.seconds()).add(e.stableEpochs());
        }
        ArrayNode messages = h.putArray("messages");
        c.messages().forEach(messages::add);
        return h;
    }

    private static void number(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) n.put(field, v);
        else n.putNull(field);
    }

    private static double number(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? Double.NaN : n.asDouble();
    }

    /** The header only; a clear IOException when the file is not a checkpoint. */
    public static Header peek(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            JsonNode h = readHeader(in, file, null);
            return new Header(h.path("try").asInt(), h.path("epochs_of_try").asInt(), h.path("epochs_done").asInt(),
                    h.path("step").asLong(), h.path("features").asInt(), h.path("k").asInt(), h.path("seconds").asDouble(),
                    h.path("parameters").asLong(), h.path("history").size());
        }
    }

    /** The whole checkpoint, checked against its CRC; a clear IOException when it is damaged. */
    public static TrainingCheckpoint read(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (DataInputStream in = open(file)) {
            JsonNode h = readHeader(in, file, crc);
            long count = h.path("parameters").asLong(-1);
            if (count < 0 || count > Integer.MAX_VALUE) throw new IOException(file + " is damaged (parameter count " + count + ").");
            float[][] arrays = new float[3][(int) count];
            byte[] bytes = new byte[CHUNK];
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] a : arrays) {
                for (int at = 0; at < a.length; ) {
                    int n = Math.min(CHUNK / 4, a.length - at);
                    in.readFully(bytes, 0, n * 4);
                    crc.update(bytes, 0, n * 4);
                    buf.clear().asFloatBuffer().get(a, at, n);
                    at += n;
                }
            }
            byte[] tail = in.readNBytes(8);
            if (tail.length < 8 || ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN).getLong() != crc.getValue())
                throw damaged(file);
            List<EpochRecord> history = new ArrayList<>();
            for (JsonNode r : h.path("history")) {
                history.add(new EpochRecord(r.get(0).asInt(), r.get(1).asInt(), r.get(2).asLong(), number(r.get(3)), number(r.get(4)),
                        number(r.get(5)), number(r.get(6)), r.get(7).asInt(), r.get(8).asDouble(), r.path(9).asInt(0)));
            }
            List<String> messages = new ArrayList<>();
            h.path("messages").forEach(m -> messages.add(m.asText()));
            int[] hidden = new int[h.path("hidden").size()];
            for (int i = 0; i < hidden.length; i++) hidden[i] = h.path("hidden").get(i).asInt();
            try {
                return new TrainingCheckpoint(h.path("try").asInt(), h.path("epochs_of_try").asInt(), h.path("epochs_done").asInt(),
                        h.path("step").asLong(), h.path("features").asInt(), h.path("k").asInt(), hidden, h.path("data_checksum").asLong(),
                        arrays[0], arrays[1], arrays[2], h.path("adam_steps").asLong(), number(h.get("validation_loss")),
                        h.path("seconds").asDouble(), history, messages);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " is damaged (" + e.getMessage() + ").");
            }
        } catch (EOFException e) {
            throw damaged(file);
        }
    }

    private static IOException damaged(Path file) {
        return new IOException(file + " is damaged (it is cut short or its checksum does not match); it cannot be resumed.");
    }

    private static DataInputStream open(Path file) throws IOException {
        try {
            InputStream in = Files.newInputStream(file);
            return new DataInputStream(new BufferedInputStream(in, CHUNK));
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist.");
        }
    }

    /** The magic, the header length and the header; both fed to {@code crc} when it is not null. */
    private static JsonNode readHeader(DataInputStream in, Path file, CRC32 crc) throws IOException {
        byte[] start = in.readNBytes(MAGIC.length + 4);
        if (start.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(start, MAGIC.length), MAGIC))
            throw new IOException(file + " is not a checkpoint of this program.");
        int len = ByteBuffer.wrap(start, MAGIC.length, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (len < 2 || len > 1 << 30) throw new IOException(file + " is damaged (its header length is " + len + ").");
        byte[] header = in.readNBytes(len);
        if (header.length < len) throw damaged(file);
        if (crc != null) {
            crc.update(start);
            crc.update(header);
        }
        try {
            return RunConfig.JSON.readTree(header);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " is damaged (its header is not readable).");
        }
    }
}
