package org.caeworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caeworkbench.data.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePreviewTest {

    static Path wideCsv(Path dir) throws Exception {
        StringBuilder b = new StringBuilder("sample");
        for (int c = 0; c < 15; c++) b.append(",g").append(c);
        b.append('\n');
        for (int r = 0; r < 30; r++) {
            b.append("s").append(r);
            for (int c = 0; c < 15; c++) b.append(',').append(r * 100 + c);
            b.append('\n');
        }
        Path f = dir.resolve("wide.csv");
        Files.writeString(f, b.toString());
        return f;
    }

    @Test
    void firstRowsAndColumns(@TempDir Path tmp) throws Exception {
        FilePreview p = FilePreview.read(wideCsv(tmp), Format.AUTO, false);
        assertEquals(List.of("sample", "g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8"), p.columns());
        assertEquals(FilePreview.ROWS, p.rows().size());
        assertEquals(List.of("s0", "0", "1", "2", "3", "4", "5", "6", "7", "8"), p.rows().get(0));
        assertEquals("901", p.rows().get(9).get(2));
        assertEquals(16, p.labelCandidates().size());
        assertTrue(p.note().contains("comma-separated, 16 columns"), p.note());
    }

    @Test
    void transposed(@TempDir Path tmp) throws Exception {
        FilePreview p = FilePreview.read(wideCsv(tmp), Format.AUTO, true);
        assertEquals(List.of("sample", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"), p.columns());
        assertEquals(FilePreview.ROWS, p.rows().size());
        assertEquals(List.of("g0", "0", "100", "200", "300", "400", "500", "600", "700", "800"), p.rows().get(0));
        assertEquals(30, p.labelCandidates().size());
        assertEquals("s29", p.labelCandidates().get(29));
    }

    @Test
    void quotesTabsAndGzip(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("x.tsv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("a\t\"b c\"\n1\t2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        FilePreview p = FilePreview.read(f, Format.AUTO, false);
        assertEquals(List.of("a", "b c"), p.columns());
        assertEquals(List.of(List.of("1", "2")), p.rows());
        assertEquals(List.of("x", "y,z", "q\"r"), FilePreview.split("x,\"y,z\",\"q\"\"r\"", ',', 99));
    }

    @Test
    void idxHasANoteOnly(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("train-images-idx3-ubyte");
        Files.write(f, new byte[] {0, 0, 8, 3});
        FilePreview p = FilePreview.read(f, Format.AUTO, false);
        assertTrue(p.rows().isEmpty());
        assertTrue(p.note().startsWith("IDX"));
    }
}
