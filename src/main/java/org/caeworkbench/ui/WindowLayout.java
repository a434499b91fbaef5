package org.caeworkbench.ui;

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
        MenuItem open = new MenuItem("Open…");
        open.setId("openMenuItem");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> w.loading.openDialog());
        MenuItem openFolder = new MenuItem("Open 10x folder…");
        openFolder.setId("openFolderMenuItem");
        openFolder.setOnAction(e -> w.loading.openFolderDialog());
        Menu samples = new Menu("Samples");
        MenuItem gallery = new MenuItem("Gallery…");
        gallery.setId("galleryMenuItem");
        gallery.setOnAction(e -> w.lessons.showGallery());
        samples.getItems().addAll(gallery, new SeparatorMenuItem());
        samples.getItems().addAll(DatasetPanel.sampleItems(w.loading::loadSample));
        MenuItem openLesson = new MenuItem("Open lesson…");
        openLesson.setId("openLessonItem");
        openLesson.setOnAction(e -> w.lessons.openDialog());
        MenuItem openLessonText = new MenuItem("Open lesson from text…");
        openLessonText.setId("openLessonTextItem");
        openLessonText.setOnAction(e -> w.lessons.openTextDialog());
        MenuItem saveLesson = new MenuItem("Save lesson…");
        saveLesson.setId("saveLessonItem");
        saveLesson.setOnAction(e -> w.lessons.saveDialog());
        MenuItem copyLesson = new MenuItem("Copy lesson as text");
        copyLesson.setId("copyLessonItem");
        copyLesson.setOnAction(e -> w.lessons.copyAsText());
        var noData = w.session.dataProperty().isNull();
        saveLesson.disableProperty().bind(noData);
        copyLesson.disableProperty().bind(noData);
        MenuItem openRun = new MenuItem("Open run folder…");
        openRun.setId("openRunItem");
        openRun.setOnAction(e -> w.savedRuns.openRunDialog());
        var busy = w.vm.loadingProperty().or(w.vm.runningProperty());
        open.disableProperty().bind(busy);
        openFolder.disableProperty().bind(busy);
        w.recentMenu.disableProperty().bind(busy);
        openRun.disableProperty().bind(busy);
        refreshRecent();
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> {
            if (w.confirmClose()) w.stage.close();
        });
        Menu file = new Menu("File", null, open, openFolder, w.recentMenu, samples, openRun, new SeparatorMenuItem(),
                openLesson, openLessonText, saveLesson, copyLesson, new SeparatorMenuItem(), quit);
        openLesson.disableProperty().bind(busy);
        openLessonText.disableProperty().bind(busy);

        MenuItem selected = new MenuItem("Selected features (CSV)…");
        selected.setId("exportSelectedItem");
        selected.setOnAction(e -> w.exports.exportSelectedDialog());
        MenuItem run = new MenuItem("Run folder…");
        run.setId("exportRunItem");
        run.setOnAction(e -> w.exports.exportRunDialog());
        var noResult = w.session.resultProperty().isNull().or(w.vm.runningProperty());
        selected.disableProperty().bind(noResult);
        run.disableProperty().bind(noResult);
        MenuItem names = new MenuItem("Selected names (text)…");
        names.setId("exportNamesItem");
        names.setOnAction(e -> w.exports.saveDialog("selected_names.txt", f -> w.exports.exportNames(f, null)));
        MenuItem mask = new MenuItem("Pixel mask (PNG)…");
        mask.setId("exportMaskItem");
        mask.setOnAction(e -> w.exports.saveDialog("mask.png", f -> w.exports.exportMask(f, null)));
        names.disableProperty().bind(noResult);
        mask.disableProperty().bind(noResult.or(w.imageData.not()));
        MenuItem reduced = new MenuItem("Reduced dataset (CSV)…");
        reduced.setId("exportReducedItem");
        reduced.setOnAction(e -> w.exports.exportReducedDialog());
        reduced.disableProperty().bind(noResult);
        MenuItem pngs = new MenuItem("Charts and pictures (PNG)…");
        pngs.setId("exportPngsItem");
        pngs.setOnAction(e -> w.exports.exportPngsDialog());
        MenuItem gif = new MenuItem("Replay as GIF…");
        gif.setId("exportReplayItem");
        gif.setOnAction(e -> w.replay.exportGifDialog());
        gif.disableProperty().bind(w.replay.availableProperty().not().or(w.vm.runningProperty()));
        Menu export = new Menu("Export", null, selected, names, reduced, run, mask, pngs, gif);
        javafx.scene.control.CheckMenuItem presentation = new javafx.scene.control.CheckMenuItem("Presentation mode");
        presentation.setId("presentationItem");
        presentation.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        presentation.selectedProperty().bindBidirectional(w.lessons.presentationProperty());
        Menu view = new Menu("View", null, presentation);
        MenuItem how = new MenuItem("How it works");
        how.setId("howItWorksItem");
        how.setOnAction(e -> HowItWorks.show(w.stage));
        Menu help = new Menu("Help", null, how);
        MenuBar bar = new MenuBar(file, export, view, help);
        bar.setId("menuBar");
        return bar;
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
        w.compareTab.setContent(w.comparePanel);
        w.compareTab.setClosable(false);
        w.compareTab.setId("compareTab");
        w.stabilityPanel = new StabilityPanel(w.tasks, w.session::data, () -> w.vm.configProperty().get(),
                w.session.dataProperty().isNull().or(w.vm.loadingProperty()).or(w.vm.configProperty().isNull()), stabilityBlocked, w::showError, s -> {
            w.statusBar.status(s);
            w.log(s);
        });
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

}
