package org.caeworkbench.ui;

import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import javafx.scene.control.Tab;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import org.caeworkbench.app.Lesson;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DataSpec;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;

/**
 * Lessons in the window: saving what is set up now (the data, every setting and the seed, the tab shown,
 * presentation mode and the heatmap's view) as a {@link Lesson} file or text, and opening one, which loads
 * its data and sets all of that again. Also presentation mode: larger fonts, the side panels hidden, the
 * charts big; Esc or the View menu leaves it.
 */
final class Lessons {
    private final WorkbenchWindow w;
    private final BooleanProperty presentation = new SimpleBooleanProperty();
    /** The side panels while presentation mode hides them. */
    private javafx.scene.Node left, right;

    Lessons(WorkbenchWindow w) {
        this.w = w;
        presentation.addListener((o, a, on) -> applyPresentation(on));
    }

    BooleanProperty presentationProperty() { return presentation; }

    /** Esc leaves presentation mode (called once the window's scene exists). */
    void install() {
        w.stage.getScene().addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && presentation.get()) {
                presentation.set(false);
                e.consume();
            }
        });
    }

    // ---------------------------------------------------------------- what is set up now

    /** The lesson of what the window shows now, or null with the reason shown (no data, a setting not valid). */
    Lesson current(String title, String note) {
        LoadedData d = w.session.data();
        if (d == null) {
            w.showError("Load a dataset first: a lesson names its data.");
            return null;
        }
        TrainingConfig cfg = w.vm.config().orElse(null);
        if (cfg == null) {
            w.showError("A setting is not valid, so there is no lesson to save: " + w.vm.problemProperty().get());
            return null;
        }
        DataSpec spec = d.spec();
        return Lesson.of(title, note, spec, cfg, view());
    }

    /** The tab, presentation mode and the heatmap's view as shown now. */
    Lesson.View view() {
        Tab t = w.tabs.getSelectionModel().getSelectedItem();
        String tab = t == null ? "training" : t.getText().toLowerCase(Locale.ROOT);
        if (!Lesson.View.TABS.contains(tab)) tab = "training";
        return new Lesson.View(tab, presentation.get(), w.trainingPanel.scaleToMax(), w.trainingPanel.heatmap().topOnlyBox().isSelected());
    }

    // ---------------------------------------------------------------- opening

    /**
     * Sets the window up as the lesson says: loads its data (with its reading options and preprocessing),
     * then puts every training setting, the seed and the view in place; the title and note go to the status
     * line and the log.
     */
    void open(Lesson l) {
        open(l, false);
    }

    /** The same, then training starts when {@code train} (a gallery preset). */
    void open(Lesson l, boolean train) {
        if (w.vm.runningProperty().get() || w.vm.loadingProperty().get()) {
            w.showError("Stop the training (or wait for the data to load) before opening a lesson.");
            return;
        }
        w.loading.load(l.data(), d -> {
            note = l.note();
            w.vm.setConfig(l.training());
            w.vm.setPreprocessing(l.data().preprocessing());
            showView(l.view());
            String head = l.title().isBlank() ? "Lesson opened" : "Lesson: " + l.title();
            w.stage.setTitle("CAE Workbench — " + (l.title().isBlank() ? "lesson" : l.title()));
            w.log(head + (l.note().isBlank() ? "" : "\n" + l.note()));
            w.statusBar.succeeded(head + ". Press Train to start it.");
            if (!l.note().isBlank()) w.statusBar.message(StatusBar.Kind.NOTE, l.note());
            if (train) w.train();
        });
    }

    void showView(Lesson.View v) {
        for (Tab t : w.tabs.getTabs())
            if (t.getText().equalsIgnoreCase(v.tab())) w.tabs.getSelectionModel().select(t);
        w.trainingPanel.scaleToMaxProperty().set(v.scaleToMax());
        w.trainingPanel.heatmap().topOnlyBox().setSelected(v.topOnly());
        presentation.set(v.presentation());
    }

    /** File > Open lesson…: reads the file on a background task, then opens it; a problem is one sentence. */
    void openDialog() {
        FileChooser fc = chooser("Open a lesson");
        Samples.folder().map(f -> f.resolve("lessons")).filter(java.nio.file.Files::isDirectory).ifPresent(f -> fc.setInitialDirectory(f.toFile()));
        Path file = w.dialogs().open(w.stage, fc);
        if (file != null) openFile(file);
    }

    void openFile(Path file) {
        read(() -> Lesson.read(file));
    }

    /** File > Open lesson from text…: the pasted {@code cae-lesson:} line (or the lesson's JSON). */
    void openTextDialog() {
        w.dialogs().text(w.stage, "Open lesson from text", "Paste the lesson's text (it starts with " + Lesson.TEXT_PREFIX + "):", "")
                .ifPresent(this::openText);
    }

    void openText(String text) {
        read(() -> Lesson.fromText(text));
    }

    private interface Reading { Lesson read() throws IOException; }

    private void read(Reading reading) {
        Task<Lesson> task = new Task<>() {
            @Override protected Lesson call() throws IOException { return reading.read(); }
        };
        task.setOnSucceeded(e -> open(task.getValue()));
        task.setOnFailed(e -> w.showError(Messages.of(task.getException())));
        w.tasks().run("cae-lesson", task);
    }

    // ---------------------------------------------------------------- saving

    /** File > Save lesson…: the title is the file's name; written on a background task. */
    void saveDialog() {
        if (current("", "") == null) return;
        FileChooser fc = chooser("Save a lesson");
        fc.setInitialFileName("lesson" + Lesson.EXTENSION);
        Path file = w.dialogs().save(w.stage, fc);
        if (file == null) return;
        note = w.dialogs().text(w.stage, "Save lesson", "A short note for the students, shown when they open the lesson (optional):", note)
                .orElse("");
        save(file, null);
    }

    /** The note of the lesson opened last (offered again when saving), or the one last written. */
    private String note = "";

    /** Writes the current lesson to {@code file} (".cae-lesson" added when it has no ending), then {@code done} with null or the error. */
    void save(Path file, java.util.function.Consumer<String> done) {
        String name = file.getFileName().toString();
        if (!name.contains(".")) file = file.resolveSibling(name + Lesson.EXTENSION);
        String title = stripExtension(file.getFileName().toString());
        Lesson l = current(title, note);
        if (l == null) {
            if (done != null) done.accept("no lesson");
            return;
        }
        Path target = file;
        Task<Void> task = new Task<>() {
            @Override protected Void call() throws IOException {
                l.write(target);
                return null;
            }
        };
        task.setOnSucceeded(e -> {
            w.statusBar.succeeded("Lesson saved to " + target + "; File > Open lesson… sets the window up the same way.");
            w.log("Lesson saved to " + target);
            if (done != null) done.accept(null);
        });
        task.setOnFailed(e -> {
            String m = "The lesson could not be written to " + target + ": " + Messages.of(task.getException());
            w.showError(m);
            if (done != null) done.accept(m);
        });
        w.tasks().run("cae-lesson-save", task);
    }

    /** File > Copy lesson as text: one line on the clipboard; returns it (null when there is no lesson). */
    String copyAsText() {
        Lesson l = current("", "");
        if (l == null) return null;
        String text = l.toText();
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
        w.statusBar.succeeded(String.format(Locale.ROOT, "Lesson copied as text (%,d characters): paste it in File > Open lesson from text…",
                text.length()));
        w.log("Lesson as text: " + text);
        return text;
    }

    private static FileChooser chooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Lessons", "*" + Lesson.EXTENSION, "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return fc;
    }

    private static String stripExtension(String name) {
        return name.endsWith(Lesson.EXTENSION) ? name.substring(0, name.length() - Lesson.EXTENSION.length())
                : name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    // ---------------------------------------------------------------- the gallery

    private javafx.stage.Stage gallery;

    /** Samples > Gallery…: the cards of the bundled samples and their presets, in a window of its own. */
    void showGallery() {
        if (gallery != null && gallery.isShowing()) {
            gallery.toFront();
            return;
        }
        javafx.stage.Stage g = new javafx.stage.Stage();
        g.initOwner(w.stage);
        g.setTitle("Sample gallery — CAE Workbench");
        GalleryPane pane = new GalleryPane(w.tasks(), s -> {
            g.close();
            w.loading.loadSample(s);
        }, l -> {
            g.close();
            open(l, true);
        });
        javafx.scene.Scene scene = new javafx.scene.Scene(pane);
        scene.getStylesheets().addAll(w.stage.getScene().getStylesheets());
        g.setScene(scene);
        gallery = g;
        galleryPane = pane;
        g.show();
    }

    private GalleryPane galleryPane;

    /** The gallery shown last (tests). */
    GalleryPane galleryPane() { return galleryPane; }

    // ---------------------------------------------------------------- presentation mode

    private void applyPresentation(boolean on) {
        BorderPane root = (BorderPane) w.stage.getScene().getRoot();
        if (on) {
            if (!root.getStyleClass().contains("presentation")) root.getStyleClass().add("presentation");
            left = root.getLeft();
            right = root.getRight();
            root.setLeft(null);
            root.setRight(presentationControls());
        } else {
            root.getStyleClass().remove("presentation");
            if (left != null) root.setLeft(left);
            if (right != null) root.setRight(right);
            left = right = null;
        }
        // the charts draw their own text: larger fonts there too, and taller charts
        float scale = on ? 1.6f : 1f;
        for (JFreeChart c : w.trainingPanel.charts()) chartFonts(c, scale);
        for (String id : new String[] {"#lossChart", "#temperatureChart"}) {
            var n = root.lookup(id);
            if (n instanceof Region r) r.setPrefHeight(on ? 420 : 290);
        }
        root.applyCss();          // the side panels take the normal font size again at once
        // the menu bar's buttons keep the font they were made with: made again, they take the mode's size
        if (root.lookup("#menuBar") instanceof javafx.scene.control.MenuBar bar) {
            var menus = new java.util.ArrayList<>(bar.getMenus());
            bar.getMenus().clear();
            bar.getMenus().addAll(menus);
        }
        root.requestLayout();
        w.statusBar.status(on ? "Presentation mode: Esc (or View > Presentation mode) leaves it." : "");
    }

    /** What stays at hand in presentation mode: Train and Stop, and the way out. */
    private javafx.scene.layout.VBox presentationControls() {
        javafx.scene.control.Button train = new javafx.scene.control.Button("Train");
        train.setId("presentationTrainButton");
        train.disableProperty().bind(w.vm.canTrainProperty().not());
        train.setOnAction(e -> w.train());
        javafx.scene.control.Button stop = new javafx.scene.control.Button("Stop");
        stop.setId("presentationStopButton");
        stop.disableProperty().bind(w.vm.runningProperty().not());
        stop.setOnAction(e -> w.stop());
        javafx.scene.control.Button leave = new javafx.scene.control.Button("Leave");
        leave.setTooltip(new javafx.scene.control.Tooltip("Leave presentation mode (Esc)"));
        leave.setOnAction(e -> presentation.set(false));
        for (javafx.scene.control.Button b : new javafx.scene.control.Button[] {train, stop, leave}) b.setMaxWidth(Double.MAX_VALUE);
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(8, train, stop, leave);
        box.setId("presentationControls");
        box.setPadding(new javafx.geometry.Insets(8));
        return box;
    }

    private static void chartFonts(JFreeChart c, float scale) {
        if (c.getTitle() != null) c.getTitle().setFont(new Font("SansSerif", Font.BOLD, Math.round(18 * scale)));
        if (c.getLegend() != null) c.getLegend().setItemFont(new Font("SansSerif", Font.PLAIN, Math.round(12 * scale)));
        if (c.getPlot() instanceof XYPlot p) {
            for (int i = 0; i < p.getRangeAxisCount(); i++) axisFonts(p.getRangeAxis(i), scale);
            for (int i = 0; i < p.getDomainAxisCount(); i++) axisFonts(p.getDomainAxis(i), scale);
        }
    }

    private static void axisFonts(org.jfree.chart.axis.ValueAxis a, float scale) {
        if (a == null) return;
        a.setLabelFont(new Font("SansSerif", Font.PLAIN, Math.round(12 * scale)));
        a.setTickLabelFont(new Font("SansSerif", Font.PLAIN, Math.round(10 * scale)));
    }
}
