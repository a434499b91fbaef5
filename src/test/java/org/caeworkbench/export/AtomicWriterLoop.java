package org.caeworkbench.export;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A process for {@link AtomicFilesKillTest} to kill: rewrites one file with AtomicFiles forever, each
 * version "v&lt;i&gt;\n" followed by {@code size} bytes of the value i % 251 and "end\n".
 */
public final class AtomicWriterLoop {
    private AtomicWriterLoop() {}

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        byte[] block = new byte[1 << 16];
        for (int i = 0; ; i++) {
            int version = i;
            Arrays.fill(block, (byte) (version % 251));
            AtomicFiles.write(target, out -> {
                out.write(("v" + version + "\n").getBytes(StandardCharsets.US_ASCII));
                for (int left = size; left > 0; left -= block.length) out.write(block, 0, Math.min(left, block.length));
                out.write("end\n".getBytes(StandardCharsets.US_ASCII));
            });
        }
    }
}
