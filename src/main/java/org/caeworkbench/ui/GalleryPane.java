package org.caeworkbench.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.caeworkbench.app.Lesson;
import org.caeworkbench.app.SampleSets;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.DatasetReader;

/**
 * The sample gallery: one card per bundled dataset with a picture made from the data (a 3 × 3 grid of
 * images, or a heatmap of a table's most variable features with the rows ordered by label), its size, what
 * it is and whom to credit, and the teaching presets of {@code samples/lessons} for it, each a button that
 * opens the lesson and starts training. The pictures and sizes are computed on a background task, once per
 * program run.
 */
final class GalleryPane extends ScrollPane {

    /** A card's picture (ARGB, w × h) and the data's size in words. */
    record Thumb(int width, int height, int[] argb, String size) {}

    /** Pictures already made, by sample id (reading the data again for each opening would cost seconds). */
    private static final Map<String, Thumb> CACHE = new ConcurrentHashMap<>();

    private final Map<String, ImageView> pictures = new LinkedHashMap<>();
    private final Map<String, Label> sizes = new LinkedHashMap<>();
    private final Map<String, VBox> presetBoxes = new LinkedHashMap<>();
    private int thumbsShown;

    /**
     * @param tasks   the window's background runner
     * @param load    loads a sample with the current settings
     * @param start   opens a preset lesson and starts it
     */
    GalleryPane(Tasks tasks, Consumer<SampleSets.Sample> load, Consumer<Lesson> start) {
        VBox cards = new VBox(10);
        cards.setPadding(new Insets(12));
        Label head = new Label("Samples and teaching presets");
        head.getStyleClass().add("panel-title");
        Label sub = new Label("Each preset opens as a lesson (data, settings and seed) and starts training; its time is that of cae lesson on a shared 2-core machine. Load opens the data with the settings as they are.");
        sub.setWrapText(true);
        cards.getChildren().addAll(head, sub);
        for (SampleSets.Sample s : SampleSets.all()) cards.getChildren().add(card(s, load));
        setContent(cards);
        setFitToWidth(true);
        setId("galleryPane");
        setPrefSize(760, 640);
        presets(tasks, start);
        for (SampleSets.Sample s : SampleSets.all()) thumbnail(tasks, s);
    }

    private HBox card(SampleSets.Sample s, Consumer<SampleSets.Sample> load) {
        ImageView pic = new ImageView();
        pic.setFitWidth(126);
        pic.setFitHeight(126);
        pic.setPreserveRatio(false);
        pic.setSmooth(false);
        pic.setId("thumb-" + s.id());
        pictures.put(s.id(), pic);
        VBox frame = new VBox(pic);
        frame.setMinSize(128, 128);
        frame.setMaxSize(128, 128);
        frame.getStyleClass().add("gallery-thumb");
        Label name = new Label(s.name());
        name.getStyleClass().add("gallery-name");
        Label size = new Label("reading…");
        size.setId("size-" + s.id());
        sizes.put(s.id(), size);
        Label what = new Label(s.description());
        what.setWrapText(true);
        Label credit = new Label(s.credit());
        credit.getStyleClass().add("gallery-credit");
        credit.setWrapText(true);
        Button plain = new Button("Load");
        plain.setId("load-" + s.id());
        plain.setTooltip(new Tooltip("Load " + s.name() + " with the settings as they are now"));
        plain.setOnAction(e -> load.accept(s));
        VBox presets = new VBox(4);
        presetBoxes.put(s.id(), presets);
        VBox text = new VBox(3, name, size, what, credit, presets, plain);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox card = new HBox(12, frame, text);
        card.setPadding(new Insets(8));
        card.getStyleClass().add("gallery-card");
        card.setId("card-" + s.id());
        return card;
    }

    /** The presets of samples/lessons, read off the FX thread, each added to its sample's card. */
    private void presets(Tasks tasks, Consumer<Lesson> start) {
        Task<List<Lesson>> task = new Task<>() {
            @Override protected List<Lesson> call() throws IOException {
                return presetLessons();
            }
        };
        task.setOnSucceeded(e -> {
            for (Lesson l : task.getValue()) {
                VBox box = presetBoxes.get(l.sample());
                if (box == null) continue;
                Button b = new Button("▶ " + l.title());
                b.setId("preset-" + l.sample() + "-" + box.getChildren().size());
                b.setTooltip(new Tooltip(l.note()));
                b.setMnemonicParsing(false);
                b.setOnAction(ev -> start.accept(l));
                b.getStyleClass().add("gallery-preset");
                box.getChildren().add(b);
            }
        });
        tasks.run("cae-gallery-presets", task);
    }

    /** Every lesson in samples/lessons, by file name (none when the folder is not found). A broken one is an IOException naming it. */
    static List<Lesson> presetLessons() throws IOException {
        Path dir = SampleSets.folder().map(f -> f.resolve("lessons")).orElse(null);
        if (dir == null || !Files.isDirectory(dir)) return List.of();
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(Lesson.EXTENSION)).sorted().toList();
        }
        List<Lesson> out = new ArrayList<>();
        for (Path p : files) out.add(Lesson.read(p));
        return out;
    }

    private void thumbnail(Tasks tasks, SampleSets.Sample s) {
        Thumb cached = CACHE.get(s.id());
        if (cached != null) {
            show(s, cached);
            return;
        }
        Task<Thumb> task = new Task<>() {
            @Override protected Thumb call() throws DataException {
                Path folder = SampleSets.folder().orElseThrow(() -> new DataException("The samples folder was not found."));
                return make(s.spec(folder));
            }
        };
        task.setOnSucceeded(e -> {
            CACHE.put(s.id(), task.getValue());
            show(s, task.getValue());
        });
        task.setOnFailed(e -> sizes.get(s.id()).setText("not readable: " + Messages.of(task.getException())));
        tasks.run("cae-gallery-" + s.id(), task);
    }

    private void show(SampleSets.Sample s, Thumb t) {
        WritableImage img = new WritableImage(t.width(), t.height());
        img.getPixelWriter().setPixels(0, 0, t.width(), t.height(), PixelFormat.getIntArgbInstance(), t.argb(), 0, t.width());
        pictures.get(s.id()).setImage(img);
        sizes.get(s.id()).setText(t.size());
        thumbsShown++;
    }

    /** How many cards show their picture (tests wait for all). */
    int thumbsShown() { return thumbsShown; }

    // ---------------------------------------------------------------- the pictures, off the FX thread

    /** Reads the sample and makes its picture and size line. */
    static Thumb make(DataSpec spec) throws DataException {
        Dataset d = DatasetReader.read(spec.data(), spec.read());
        int testRows = spec.testFile() == null ? 0 : DatasetReader.read(spec.testFile(), spec.read()).rows();
        int classes = d.hasLabels() ? d.labelCounts().size() : 0;
        String size = String.format(Locale.ROOT, "%s × %,d features%s", testRows > 0
                ? String.format(Locale.ROOT, "%,d + %,d test rows", d.rows(), testRows) : String.format(Locale.ROOT, "%,d rows", d.rows()),
                d.cols(), classes > 0 ? String.format(Locale.ROOT, ", %d classes", classes) : "");
        return d.isImage() ? digits(d, size) : heatmap(d, size);
    }

    /** A 3 × 3 grid of the first image of each of the first nine classes (or the first nine images), dark on white. */
    static Thumb digits(Dataset d, String size) {
        int h = d.imageShape().height(), w = d.imageShape().width();
        List<Integer> rows = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int r = 0; r < d.rows() && rows.size() < 9; r++) {
            String label = d.hasLabels() ? d.labels()[r] : Integer.toString(r);
            if (seen.contains(label)) continue;
            seen.add(label);
            rows.add(r);
        }
        float max = 0;
        for (float v : d.values()) max = Math.max(max, v);
        if (max <= 0) max = 1;
        int W = 3 * w, H = 3 * h;
        int[] argb = new int[W * H];
        Arrays.fill(argb, 0xFFFFFFFF);
        for (int i = 0; i < rows.size(); i++) {
            int ox = (i % 3) * w, oy = (i / 3) * h, r = rows.get(i);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    int g = 255 - Math.round(255 * Math.max(0, Math.min(1, d.get(r, y * w + x) / max)));
                    argb[(oy + y) * W + ox + x] = 0xFF000000 | g << 16 | g << 8 | g;
                }
        }
        return new Thumb(W, H, argb, size);
    }

    /** Features as columns (the 64 most variable), samples as rows ordered by label; each column z-scored, blue low, red high. */
    static Thumb heatmap(Dataset d, String size) {
        int n = d.rows(), cols = d.cols(), shown = Math.min(64, cols);
        double[] var = new double[cols];
        double[] mean = new double[cols];
        for (int c = 0; c < cols; c++) {
            double s = 0, ss = 0;
            for (int r = 0; r < n; r++) {
                double v = d.get(r, c);
                if (Double.isNaN(v)) continue;
                s += v;
                ss += v * v;
            }
            mean[c] = s / n;
            var[c] = ss / n - mean[c] * mean[c];
        }
        Integer[] byVar = new Integer[cols];
        for (int c = 0; c < cols; c++) byVar[c] = c;
        Arrays.sort(byVar, Comparator.comparingDouble((Integer c) -> -var[c]));
        Integer[] order = new Integer[n];
        for (int r = 0; r < n; r++) order[r] = r;
        if (d.hasLabels()) Arrays.sort(order, Comparator.comparing((Integer r) -> d.labels()[r]));
        int[] argb = new int[shown * n];
        for (int j = 0; j < shown; j++) {
            int c = byVar[j];
            double sd = Math.sqrt(Math.max(var[c], 1e-12));
            for (int i = 0; i < n; i++) {
                double z = (d.get(order[i], c) - mean[c]) / sd;
                argb[i * shown + j] = diverging(Double.isNaN(z) ? 0 : z / 2.5);
            }
        }
        return new Thumb(shown, n, argb, size);
    }

    /** -1 blue, 0 white, +1 red (clipped). */
    private static int diverging(double t) {
        t = Math.max(-1, Math.min(1, t));
        int r, g, b;
        if (t >= 0) { r = 255; g = (int) Math.round(255 * (1 - t * 0.85)); b = g; }
        else { b = 255; r = (int) Math.round(255 * (1 + t * 0.85)); g = r; }
        return 0xFF000000 | r << 16 | g << 8 | b;
    }
}
