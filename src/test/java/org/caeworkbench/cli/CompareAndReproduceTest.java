package org.caeworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cae compare and cae reproduce as a user runs them, on small generated files. */
class CompareAndReproduceTest {
    @TempDir static Path dir;
    static Path table;

    record Result(int code, String out, String err) {}

    static Result cae(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CaeCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * 240 samples of 16 features driven by four latent signals (four noisy copies each), a class
     * label from the first signal, and (when asked) a few missing values.
     */
    static String csv(int rows, boolean missing, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("sample_id");
        for (int c = 0; c < 16; c++) sb.append(",g").append(c);
        sb.append(",label\n");
        for (int i = 0; i < rows; i++) {
            double[] s = {r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble()};
            sb.append("s").append(i);
            for (int c = 0; c < 16; c++) {
                boolean gap = missing && (i * 7 + c) % 53 == 0;
                sb.append(',').append(gap ? "" : String.format(Locale.ROOT, "%.5f", 2 + 3 * s[c / 4] + 0.05 * r.nextGaussian()));
            }
            sb.append(',').append(s[0] > 0.5 ? "up" : "down").append('\n');
        }
        return sb.toString();
    }

    static void gzip(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @BeforeAll
    static void files() throws IOException {
        table = dir.resolve("genes.csv");
        Files.writeString(table, csv(240, false, 1));
    }

    @Test
    void compareWritesTheTableTheCsvAndTheChart() throws IOException {
        Path out = dir.resolve("cmp");
        Result r = cae("compare", "--data", table.toString(), "--k-list", "4,2", "--methods", "random,variance,pfa,laplacian,mcfs,cae-linear",
                "--epochs", "20", "--max-tries", "1", "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("comparison.csv"));
        assertEquals("method,k,linear_mse,accuracy,seconds,distinct", lines.get(0));
        assertEquals(1 + 2 * 7, lines.size(), "six methods and the PCA bound at each k: " + lines);
        assertTrue(lines.get(1).startsWith("random,2,"), "rows in increasing k: " + lines.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("pca (bound),4,")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("cae-linear,4,")));
        // PFA at k = 4 takes one gene of each latent signal and reconstructs far better than the mean
        String pfa = lines.stream().filter(l -> l.startsWith("pfa,4,")).findFirst().orElseThrow();
        String[] f = pfa.split(",");
        assertEquals("4", f[5]);
        double accuracy = Double.parseDouble(f[3]);
        assertTrue(accuracy > 0.6 && accuracy <= 1, pfa);
        assertTrue(Double.parseDouble(f[2]) < 0.01, "PFA reconstructs the rest: " + pfa);
        assertTrue(ImageIO.read(out.resolve("mse_vs_k.png").toFile()).getWidth() > 100);
        // each method's features by name, in its order; none for the bound
        List<String> features = Files.readAllLines(out.resolve("comparison_features.csv"));
        assertEquals("method,k,rank,index,name", features.get(0));
        List<String> pfa4 = features.stream().filter(l -> l.startsWith("pfa,4,")).toList();
        assertEquals(4, pfa4.size(), features.toString());
        for (int i = 0; i < 4; i++) {
            String[] g = pfa4.get(i).split(",");
            assertEquals(Integer.toString(i + 1), g[2]);
            assertEquals("g" + g[3], g[4], "the name is the feature's at that index");
        }
        assertEquals(4, pfa4.stream().map(l -> Integer.parseInt(l.split(",")[3]) / 4).distinct().count(), "one of each signal, as its MSE says");
        assertEquals(6 * (2 + 4), features.size() - 1, "six methods' features at k 2 and 4: " + features);
        assertFalse(features.stream().anyMatch(l -> l.startsWith("pca")));
        assertTrue(r.out().contains("pca (bound)") && r.out().contains("mean (k = 0)"), r.out());
    }

    @Test
    void aPanelOfYourOwnIsScoredBesideTheMethodsAtItsSize() throws IOException {
        // one gene of each latent signal, and a name the data do not have; then four copies of one signal
        Path spread = dir.resolve("spread_panel.txt");
        Files.writeString(spread, "# my panel\ng0\nG4\ng8\ng12\nXIST\n");
        Path out = dir.resolve("panel");
        Result r = cae("compare", "--data", table.toString(), "--panel", spread.toString(), "--panel", "g0,g1,g2,g3",
                "--methods", "variance", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("panel: spread_panel.txt: 4 feature(s); 4 of its 5 names are features of the data; scored on those (not found: XIST)."),
                r.err());
        List<String> lines = Files.readAllLines(out.resolve("comparison.csv"));
        String mine = lines.stream().filter(l -> l.startsWith("panel: spread_panel.txt,")).findFirst().orElseThrow(() -> new AssertionError(lines));
        String same = lines.stream().filter(l -> l.startsWith("panel: 4 names,")).findFirst().orElseThrow(() -> new AssertionError(lines));
        assertEquals("4", mine.split(",")[1], "its k is the names the data have");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("variance,4,")), "without --k the methods run at the panel's size: " + lines);
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("variance,50,") || l.startsWith("variance,10,")), lines.toString());
        double spreadMse = Double.parseDouble(mine.split(",")[2]);
        double oneSignalMse = Double.parseDouble(same.split(",")[2]);
        assertTrue(spreadMse < 0.01 && oneSignalMse > 5 * spreadMse,
                "a gene of each signal reconstructs the rest, four copies of one do not: " + spreadMse + " against " + oneSignalMse);
        assertTrue(r.out().contains("panel: spread_panel.txt"), r.out());

        // the panels alone, at a k of one's choosing for the bound
        Path alone = dir.resolve("alone");
        Result a = cae("compare", "--data", table.toString(), "--panel", spread.toString(), "--methods", "none", "--k-list", "2,4",
                "--out", alone.toString(), "--quiet");
        assertEquals(0, a.code(), a.err());
        List<String> rows = Files.readAllLines(alone.resolve("comparison.csv"));
        assertEquals(List.of("panel: spread_panel.txt", "pca (bound)", "pca (bound)"), rows.subList(1, rows.size()).stream().map(l -> l.split(",")[0]).toList());
        assertTrue(Files.exists(alone.resolve("mse_vs_k.png")));

        refusedInOneSentence(dir.resolve("bad-panel"), new String[][] {{"--panel", "XIST,Tsix", "--methods", "variance"}, {"--methods", "none"},
                {"--panel", dir.resolve("no_such_panel.txt").toString()}});
    }

    @Test
    void withoutKATableOfFewerFeaturesThanTheDefaultTakesHalfOfThem() throws IOException {
        // 16 features, the default k is 50: cae train and cae compare take 8, say so, and record it; --k still decides
        Path run = dir.resolve("half");
        Result t = cae("train", "--data", table.toString(), "--epochs", "3", "--max-tries", "1", "--out", run.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.err().contains("note: k = 8, half the 16 features (the default k, 50, is more than the data have); --k sets it."), t.err());
        assertTrue(Files.readString(run.resolve("config.json")).contains("\"k\" : 8"), Files.readString(run.resolve("config.json")));
        Path cmp = dir.resolve("half-cmp");
        Result c = cae("compare", "--data", table.toString(), "--methods", "variance", "--out", cmp.toString());
        assertEquals(0, c.code(), c.err());
        assertTrue(c.err().contains("note: k = 8, half the 16 features"), c.err());
        assertTrue(Files.readAllLines(cmp.resolve("comparison.csv")).get(1).startsWith("variance,8,"));
        Result given = cae("train", "--data", table.toString(), "--k", "50", "--out", dir.resolve("half-50").toString());
        assertEquals(2, given.code());
        assertTrue(given.err().contains("k = 50 is larger than the number of features (16)."), given.err());
    }

    @Test
    void oneKWritesNoChart() {
        Path out = dir.resolve("one");
        Result r = cae("compare", "--data", table.toString(), "--k", "3", "--methods", "variance", "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("comparison.csv")));
        assertFalse(Files.exists(out.resolve("mse_vs_k.png")));
    }

    /** cae compare on the table with each of {@code cases} added: exit code 2 and one sentence on stderr, nothing written to {@code out}. */
    static void refusedInOneSentence(Path out, String[][] cases) {
        for (String[] c : cases) {
            String[] args = new String[c.length + 5];
            args[0] = "compare";
            args[1] = "--data";
            args[2] = table.toString();
            System.arraycopy(c, 0, args, 3, c.length);
            args[c.length + 3] = "--out";
            args[c.length + 4] = out.toString();
            Result r = cae(args);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.err().startsWith("cae: ") && r.err().strip().lines().count() == 1, r.err());
        }
        assertFalse(Files.exists(out.resolve("comparison.csv")));
    }

    @Test
    void badInputExitsWithTwoAndOneSentence() {
        String[][] cases = {
                {"--k-list", "4,x", "--methods", "variance"},
                {"--k", "3", "--methods", "variance,lasso"},
                {"--k", "0", "--methods", "variance"},
                {"--k", "17", "--methods", "variance"},
                {"--k", "3", "--methods", "pfa,pfa"},
        };
        refusedInOneSentence(dir.resolve("bad"), cases);
    }

    @Test
    void reproduceRunsTheProtocolOnTheSharedLayoutAndWritesTheReport() throws IOException {
        Path data = dir.resolve("shared");
        gzip(data.resolve("mice-protein/mice_protein.csv.gz"), csv(100, true, 2));
        StringBuilder split = new StringBuilder("sample_id,split\n");
        for (int i = 0; i < 100; i++) split.append("s").append(i).append(i % 5 == 0 ? ",test\n" : ",train\n");
        Files.createDirectories(data.resolve("splits"));
        Files.writeString(data.resolve("splits/mice_seed0.csv"), split.toString());
        Path report = dir.resolve("docs/reproduction.md");
        Result r = cae("reproduce", "--data-dir", data.toString(), "--datasets", "mice", "--methods", "random,variance,pfa",
                "--out", report.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(dir.resolve("docs/reproduction/mice.csv"));
        assertEquals(1 + 5, rows.size(), "mean, PCA bound and three methods: " + rows);
        assertTrue(rows.get(1).startsWith("mice,mean (k = 0),0,"));
        assertTrue(rows.get(3).startsWith("mice,random,4,") || rows.get(3).startsWith("mice,random,10,"), rows.get(3));
        assertTrue(rows.get(3).contains(",5,"), "five random draws by default: " + rows.get(3));
        assertTrue(rows.get(1).contains(",80,20,16,"), "80 training and 20 test rows of 16 features: " + rows.get(1));
        String md = Files.readString(report);
        assertTrue(md.contains("### Mice Protein, k = 10"), md);
        assertTrue(md.contains("| pfa | "), md);
        assertTrue(md.contains("0.0074 (0.98)"), "section 6 figure beside ours");
        assertFalse(md.contains("### MNIST"), "only what was run");
        // the report can be rebuilt from the stored rows alone, with hand-written notes
        Files.writeString(dir.resolve("docs/reproduction/notes.md"), "Tried more epochs.");
        Files.delete(report);
        Result again = cae("reproduce", "--report-only", "--data-dir", dir.resolve("nowhere").toString(), "--out", report.toString());
        assertEquals(0, again.code(), again.err());
        String rebuilt = Files.readString(report);
        assertTrue(rebuilt.contains("### Mice Protein, k = 10") && rebuilt.contains("## Notes\n\nTried more epochs."), rebuilt);
        // an unknown dataset or a missing data folder is bad input
        assertEquals(2, cae("reproduce", "--data-dir", data.toString(), "--datasets", "cifar", "--out", report.toString()).code());
        assertEquals(2, cae("reproduce", "--data-dir", dir.resolve("nowhere").toString(), "--out", report.toString()).code());
        Result missing = cae("reproduce", "--data-dir", data.toString(), "--datasets", "har", "--out", report.toString(), "--quiet");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("har_subset735.csv.gz is missing"), missing.err());
    }
}
