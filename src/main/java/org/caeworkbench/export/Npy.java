package org.caeworkbench.export;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's .npy format (version 1.0) for float32 arrays, little-endian, C order: a file that
 * {@code numpy.load} opens directly, so a run's matrices are usable outside this program.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** A float32 array and its shape. */
    public record Array(float[] values, int[] shape) {}

    public static void write(Path file, float[] values, int... shape) throws IOException {
        AtomicFiles.write(file, out -> write(out, values, shape));
    }

    public static void write(OutputStream out, float[] values, int... shape) throws IOException {
        long n = 1;
        for (int s : shape) n *= s;
        if (n != values.length) throw new IllegalArgumentException("shape does not match " + values.length + " values");
        StringBuilder dims = new StringBuilder();
        for (int s : shape) dims.append(s).append(", ");
        if (shape.length > 1) dims.setLength(dims.length() - 2);
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int total = MAGIC.length + 2 + 2 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        out.write(MAGIC);
        out.write(new byte[] {1, 0});
        int len = header.length();
        out.write(new byte[] {(byte) (len & 0xff), (byte) (len >> 8)});
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putFloat(v);
        }
        out.write(buf.array(), 0, buf.position());
    }

    public static Array read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(new DataInputStream(new java.io.BufferedInputStream(in)), file.getFileName().toString());
        }
    }

    private static Array read(DataInputStream in, String name) throws IOException {
        byte[] magic = new byte[6];
        in.readFully(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) throw new IOException(name + " is not a .npy file");
        int major = in.readUnsignedByte();
        in.readUnsignedByte();
        int len = major == 1 ? (in.readUnsignedByte() | in.readUnsignedByte() << 8)
                : (int) Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
        byte[] h = new byte[len];
        in.readFully(h);
        String header = new String(h, StandardCharsets.US_ASCII);
        if (!header.contains("'<f4'") || header.contains("'fortran_order': True"))
            throw new IOException(name + " is not a little-endian float32 array in C order");
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) throw new IOException(name + " has no shape in its header");
        String[] parts = m.group(1).split(",");
        int count = 0;
        int[] shape = new int[parts.length];
        for (String p : parts) if (!p.isBlank()) shape[count++] = Integer.parseInt(p.trim());
        shape = java.util.Arrays.copyOf(shape, count);
        long n = 1;
        for (int s : shape) n *= s;
        byte[] bytes = new byte[Math.toIntExact(n * 4)];
        in.readFully(bytes);
        float[] values = new float[(int) n];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return new Array(values, shape);
    }
}
