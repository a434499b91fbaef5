package org.caeworkbench.ui;

import org.caeworkbench.export.FeatureTable;

import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The window's menus (File, Export, the recent files) and its tabs (Training, Results, Compare,
 * Stability, Log), with the rule of one job at a time: training, a comparison and stability runs each
 * say why they wait while another runs.
 */
final class WindowLayout {
    private final WorkbenchWindow w;

    WindowLayout(WorkbenchWindow w) {
        this.w = w;
    }

    MenuBar menuBar() {
        var busy = w.vm.loadingProperty().or(w.vm.runningProperty());
        var noData = w.session.dataProperty().isNull();
        var noResult = w.session.resultProperty().isNull().or(w.vm.runningProperty());

        MenuItem open = item("Open…", "openMenuItem", w.loading::openDialog, busy);
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        MenuItem openFolder = item("Open 10x folder…", "openFolderMenuItem", w.loading::openFolderDialog, busy);
        Menu samples = new Menu("Samples");
        samples.getItems().addAll(item("Gallery…", "galleryMenuItem", w.lessons::showGallery, null), new SeparatorMenuItem());
        samples.getItems().addAll(DatasetPanel.sampleItems(w.loading::loadSample));
        MenuItem openRun = item("Open run folder…", "openRunItem", w.savedRuns::openRunDialog, busy);
        w.recentMenu.disableProperty().bind(busy);
        refreshRecent();
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> {
            if (w.confirmClose()) w.stage.close();
        });
        Menu file = new Menu("File", null, open, openFolder, w.recentMenu, samples, openRun, new SeparatorMenuItem(),
                item("Open lesson…", "openLessonItem", w.lessons::openDialog, busy),
                item("Open lesson from text…", "openLessonTextItem", w.lessons::openTextDialog, busy),
                item("Save lesson…", "saveLessonItem", w.lessons::saveDialog, noData),
                item("Copy lesson as text", "copyLessonItem", w.lessons::copyAsText, noData), new SeparatorMenuItem(), quit);

        Menu export = new Menu("Export", null,
                item("Selected features (CSV)…", "exportSelectedItem", w.exports::exportSelectedDialog, noResult),
                item("Selected names (text)…", "exportNamesItem",
                        () -> w.exports.saveDialog("selected_names.txt", f -> w.exports.exportNames(f, null)), noResult),
                item("Reduced dataset (CSV)…", "exportReducedItem", w.exports::exportReducedDialog, noResult),
                item("Run folder…", "exportRunItem", w.exports::exportRunDialog, noResult),
                new SeparatorMenuItem(),
                item("Feature table (features.tsv)…", "exportFeatureTableItem",
                        () -> w.exports.saveDialog(FeatureTable.FILE, f -> w.exports.exportFeatureTable(f, null)), noResult),
                item("Annotated h5ad…", "exportH5adItem", () -> w.exports.saveDialog(annotatedName(), f -> w.exports.exportAnnotatedH5ad(f, null)),
                        noResult.or(javafx.beans.binding.Bindings.createBooleanBinding(() -> !ExportActions.canAnnotate(w.session.data()),
                                w.session.dataProperty()))),
                item("Deeplearning4j imputer (zip)…", "exportDl4jItem",
                        () -> w.exports.saveDialog("imputer.zip", f -> w.exports.exportDl4j(f, null)), noResult),
                new SeparatorMenuItem(),
                item("Pixel mask (PNG)…", "exportMaskItem", () -> w.exports.saveDialog("mask.png", f -> w.exports.exportMask(f, null)),
                        noResult.or(w.imageData.not())),
                item("Charts and pictures (PNG)…", "exportPngsItem", w.exports::exportPngsDialog, null),
                item("Replay as GIF…", "exportReplayItem", w.replay::exportGifDialog, w.replay.availableProperty().not().or(w.vm.runningProperty())));
        javafx.scene.control.CheckMenuItem presentation = new javafx.scene.control.CheckMenuItem("Presentation mode");
        presentation.setId("presentationItem");
        presentation.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        presentation.selectedProperty().bindBidirectional(w.lessons.presentationProperty());
        Menu view = new Menu("View", null, presentation);
        Menu help = new Menu("Help", null, item("How it works", "howItWorksItem", () -> HowItWorks.show(w.stage), null));
        MenuBar bar = new MenuBar(file, export, view, help);
        bar.setId("menuBar");
        return bar;
    }

    /** NAME.cae.h5ad beside nothing: the loaded file's name with .cae before .h5ad. */
    private String annotatedName() {
        LoadedData d = w.session.data();
        String n = d == null ? "data.h5ad" : d.spec().data().getFileName().toString();
        return n.replaceFirst("(?i)\\.(h5ad|h5mu|h5|loom)$", "") + ".cae.h5ad";
    }

    /** A menu item with its id (tests find it by that), what it does, and when it is off (null: never). */
    private static MenuItem item(String text, String id, Runnable action, javafx.beans.value.ObservableBooleanValue disabled) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        m.setOnAction(e -> action.run());
        if (disabled != null) m.disableProperty().bind(disabled);
        return m;
    }

    void refreshRecent() {
        w.recentMenu.getItems().clear();
        for (Path p : w.recent.files()) {
            MenuItem item = new MenuItem(p.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> w.loading.openWithOptions(p));
            w.recentMenu.getItems().add(item);
        }
        if (w.recentMenu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(none yet)");
            none.setDisable(true);
            w.recentMenu.getItems().add(none);
        }
    }

    TabPane centre() {
        javafx.scene.layout.VBox trainingBox = new javafx.scene.layout.VBox(w.stepBar, w.trainingPanel);
        javafx.scene.layout.VBox.setVgrow(w.trainingPanel, javafx.scene.layout.Priority.ALWAYS);
        w.trainingTab.setContent(trainingBox);
        w.trainingTab.setClosable(false);
        w.trainingTab.setId("trainingTab");
        w.resultsTab.setContent(w.resultsPanel);
        w.resultsTab.setClosable(false);
        w.resultsTab.setId("resultsTab");
        w.logArea.setId("logArea");
        w.logArea.setEditable(false);
        w.logArea.setWrapText(true);     // messages are sentences, some long (a filled duplicate names its moves)
        Tab logTab = new Tab("Log", w.logArea);
        logTab.setClosable(false);
        // one job at a time: training, a comparison and stability runs share the same cores
        var compareRunning = new javafx.beans.property.SimpleBooleanProperty();
        var stabilityRunning = new javafx.beans.property.SimpleBooleanProperty();
        var training = w.vm.runningProperty();
        var compareBlocked = Bindings.createStringBinding(() -> training.get() ? "Training is running; compare when it ends."
                : stabilityRunning.get() ? "Stability runs are running; compare when they end." : "", training, stabilityRunning);
        var stabilityBlocked = Bindings.createStringBinding(() -> training.get() ? "Training is running; run when it ends."
                : compareRunning.get() ? "A comparison is running; run when it ends." : "", training, compareRunning);
        w.comparePanel = new ComparePanel(w.tasks, w.session::data, () -> w.vm.configProperty().get(), w.session.dataProperty().isNull().or(w.vm.runningProperty()).or(w.vm.loadingProperty()), compareBlocked, w::showError, s -> {
            w.statusBar.status(s);
            w.log(s);
        });
        w.comparePanel.keptFeaturesWith(w::keptFeaturesReady);
        w.session.dataProperty().addListener((o, a, b) -> w.comparePanel.updatePanelInfo());   // your panel's names against the new data
        w.compareTab.setContent(w.comparePanel);
        w.compareTab.setClosable(false);
        w.compareTab.setId("compareTab");
        w.stabilityPanel = new StabilityPanel(w.tasks, w.session::data, () -> w.vm.configProperty().get(),
                w.session.dataProperty().isNull().or(w.vm.loadingProperty()).or(w.vm.configProperty().isNull()), stabilityBlocked, w::showError, s -> {
            w.statusBar.status(s);
            w.log(s);
        });
        w.stabilityPanel.keepWith(names -> keepRobust(w, names));
        compareRunning.bind(w.comparePanel.runningProperty());
        stabilityRunning.bind(w.stabilityPanel.runningProperty());
        w.vm.otherJobProperty().bind(Bindings.createStringBinding(() -> compareRunning.get()
                ? "A comparison is running (Compare tab); Train is possible when it ends or is stopped."
                : stabilityRunning.get() ? "Stability runs are running (Stability tab); Train is possible when they end or are stopped." : "",
                compareRunning, stabilityRunning));
        w.stabilityPanel.keptFeaturesWith(w::keptFeaturesReady);
        w.stabilityTab.setContent(w.stabilityPanel);
        w.stabilityTab.setClosable(false);
        w.stabilityTab.setId("stabilityTab");
        w.runsTab.setContent(w.history.panel());
        w.runsTab.setClosable(false);
        w.runsTab.setId("runsTab");
        w.tabs.getTabs().addAll(w.trainingTab, w.resultsTab, w.runsTab, w.compareTab, w.stabilityTab, logTab);
        w.tabs.setId("tabs");
        return w.tabs;
    }


    /**
     * "Keep those chosen in most runs" (Stability): adds {@code names} to the kept features, after those already kept (a file
     * of names named there is read into the list), and says what Train will do with them.
     */
    private static void keepRobust(WorkbenchWindow w, java.util.List<String> names) {
        javafx.beans.property.StringProperty keep = w.vm.text(org.caeworkbench.core.Settings.KEEP);
        String now = keep.get() == null ? "" : keep.get().trim();
        java.util.LinkedHashSet<String> merged = new java.util.LinkedHashSet<>();
        if (!now.isEmpty()) {
            try {
                merged.addAll(org.caeworkbench.core.Settings.KEEP.parse(now));
            } catch (IllegalArgumentException e) {
                w.showError("Keep features cannot be read, so nothing was added: " + e.getMessage());
                return;
            }
        }
        int before = merged.size();
        merged.addAll(names);
        keep.set(org.caeworkbench.core.Settings.KEEP.format(java.util.List.copyOf(merged)));
        String m = String.format(java.util.Locale.ROOT, "Keep features now holds %d feature%s: %d chosen in more than half of the stability"
                + " runs added to %d kept before. Train keeps them and learns k more beside them.", merged.size(), merged.size() == 1 ? "" : "s",
                merged.size() - before, before);
        w.statusBar.status(m);
        w.log(m);
    }
}
