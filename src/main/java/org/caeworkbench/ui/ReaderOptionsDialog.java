package org.caeworkbench.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.caeworkbench.core.Setting;
import org.caeworkbench.core.Settings;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Format;
import org.caeworkbench.data.Backing;
import org.caeworkbench.data.Imputation;
import org.caeworkbench.data.Orientation;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.data.Scaling;

/**
 * How to read a data file (format, orientation, labels, features to keep, split, scaling, missing
 * values), with a live preview of its first samples and features as the reader itself reads them, and
 * what the reader decided (read on a background task from the start of the file; the whole file is
 * read when OK is pressed, by the caller).
 */
final class ReaderOptionsDialog extends Dialog<DataSpec> {
    static final String AUTO_LABEL = "(automatic: 'label' or 'class')";
    static final String FRACTION = "Random fraction";
    static final String TEST_FILE = "Separate test file";

    /** Sets a path field to {@code path} with its end in view: the file's name, not the folders everyone's paths begin with. */
    private static void showEnd(TextField field, String path) {
        field.setText(path);
        field.end();
        field.setTooltip(new Tooltip(path));
    }
    static final String SPLIT_FILE = "Split file (sample_id,split)";

    private final Path file;
    private final Tasks tasks;
    private final ComboBox<Format> format = new ComboBox<>(FXCollections.observableArrayList(Format.values()));
    private final ComboBox<Orientation> orientation = new ComboBox<>(FXCollections.observableArrayList(Orientation.values()));
    private final ComboBox<String> label = new ComboBox<>();
    private final TextField labelsFile = new TextField();
    private final TextField topVariable = new TextField("0");
    private final ComboBox<String> split = new ComboBox<>(FXCollections.observableArrayList(FRACTION, TEST_FILE, SPLIT_FILE));
    private final TextField fraction = new TextField("0.2");
    private final TextField splitPath = new TextField();
    private final ComboBox<Scaling> scaling = new ComboBox<>(FXCollections.observableArrayList(Scaling.values()));
    private final ComboBox<Imputation> impute = new ComboBox<>(FXCollections.observableArrayList(Imputation.values()));
    private final ComboBox<Backing> backing = new ComboBox<>(FXCollections.observableArrayList(Backing.values()));
    private final ComboBox<org.caeworkbench.data.Unlabelled> unlabelled =
            new ComboBox<>(FXCollections.observableArrayList(org.caeworkbench.data.Unlabelled.values()));
    private final ComboBox<org.caeworkbench.data.TextColumns> textColumns =
            new ComboBox<>(FXCollections.observableArrayList(org.caeworkbench.data.TextColumns.values()));
    private final ComboBox<String> matrix = new ComboBox<>(FXCollections.observableArrayList("X"));
    private final Label matrixLabel = new Label(Settings.LAYER.label());
    private final TableView<List<String>> preview = new TableView<>();
    private final Label note = new Label("Reading the first lines…");
    private final Label problem = new Label();
    private int previewGeneration;     // previews asked for (the last one's number)
    private String previewedMatrix;    // the matrix of the last preview asked for
    private String previewedLabel;     // and its label column (the box's text)
    private volatile boolean previewDone;

    ReaderOptionsDialog(Window owner, DataSpec initial, Tasks tasks) {
        this.tasks = tasks;
        this.file = initial.data();
        if (owner != null) initOwner(owner);
        setTitle("Open " + file.getFileName());
        setHeaderText("How to read " + file.getFileName());
        setResizable(true);
        ReadOptions r = initial.read();
        format.setValue(r.format());
        format.setId("formatBox");
        format.setConverter(converter(ReaderOptionsDialog::formatName));
        format.setTooltip(tip(Settings.FORMAT));
        orientation.setValue(r.orientation());
        orientation.setId("orientationBox");
        orientation.setConverter(converter(ReaderOptionsDialog::orientationName));
        orientation.setTooltip(tip(Settings.ORIENTATION));
        labelsFile.setId("labelsFileField");
        labelsFile.setPromptText("optional: sample_id,label CSV or .cls");
        if (r.labelsFile() != null) labelsFile.setText(r.labelsFile().toString());
        labelsFile.setTooltip(tip(Settings.LABELS_FILE));
        Button browseLabels = new Button("…");
        browseLabels.setId("labelsFileBrowse");
        browseLabels.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) fc.setInitialDirectory(dir.toFile());
            File f = fc.showOpenDialog(getDialogPane().getScene().getWindow());
            if (f != null) labelsFile.setText(f.getAbsolutePath());
        });
        HBox labelsRow = new HBox(4, labelsFile, browseLabels);
        HBox.setHgrow(labelsFile, Priority.ALWAYS);
        topVariable.setId("topVariableField");
        topVariable.setPrefColumnCount(6);
        topVariable.setText(Settings.READ_TOP_VARIABLE.text(r));
        topVariable.setTooltip(tip(Settings.READ_TOP_VARIABLE));
        label.setEditable(true);
        label.setId("labelBox");
        label.getItems().add(AUTO_LABEL);
        label.setValue(r.labelColumn() == null ? AUTO_LABEL : r.labelColumn());
        label.setTooltip(tip(Settings.LABEL_COLUMN));
        split.setId("splitBox");
        split.setValue(initial.testFile() != null ? TEST_FILE : initial.splitFile() != null ? SPLIT_FILE : FRACTION);
        fraction.setText(Double.toString(initial.testFraction()));
        fraction.setId("fractionField");
        fraction.setPrefColumnCount(5);
        Path other = initial.testFile() != null ? initial.testFile() : initial.splitFile();
        if (other != null) showEnd(splitPath, other.toString());
        // once the dialog is laid out, again: the field scrolled at the width it had before
        setOnShown(e -> javafx.application.Platform.runLater(() -> { splitPath.home(); splitPath.end(); }));
        splitPath.setId("splitPathField");
        Button browse = new Button("…");
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            if (file.getParent() != null) fc.setInitialDirectory(file.getParent().toFile());
            File f = fc.showOpenDialog(getDialogPane().getScene().getWindow());
            if (f != null) showEnd(splitPath, f.getAbsolutePath());
        });
        fraction.visibleProperty().bind(split.valueProperty().isEqualTo(FRACTION));
        fraction.managedProperty().bind(fraction.visibleProperty());
        HBox pathRow = new HBox(4, splitPath, browse);
        HBox.setHgrow(splitPath, Priority.ALWAYS);
        pathRow.visibleProperty().bind(fraction.visibleProperty().not());
        pathRow.managedProperty().bind(pathRow.visibleProperty());
        scaling.setValue(initial.scaling());
        scaling.setId("scalingBox");
        // the words of the command line's --scale and --impute
        scaling.setConverter(converter(v -> v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
        scaling.setTooltip(new Tooltip("Fitted on the training part: auto = min-max per feature, or global for images"));
        impute.setValue(r.impute());
        impute.setId("imputeBox");
        impute.setConverter(converter(Settings.IMPUTE::format));
        impute.setTooltip(tip(Settings.IMPUTE));
        unlabelled.setValue(r.unlabelled());
        unlabelled.setId("unlabelledBox");
        unlabelled.setConverter(converter(Settings.UNLABELLED::format));
        unlabelled.setTooltip(tip(Settings.UNLABELLED));
        textColumns.setValue(r.textColumns());
        textColumns.setId("textColumnsBox");
        textColumns.setConverter(converter(Settings.TEXT_COLUMNS::format));
        textColumns.setTooltip(tip(Settings.TEXT_COLUMNS));
        backing.setValue(r.backing());
        backing.setId("backingBox");
        backing.setConverter(converter(Settings.BACKING::format));
        backing.setTooltip(tip(Settings.BACKING));

        matrix.setValue(r.layer() == null ? "X" : r.layer());
        if (r.layer() != null) matrix.getItems().add(r.layer());
        matrix.setId("matrixBox");
        matrix.setTooltip(tip(Settings.LAYER));
        // shown for a file with more than one matrix (an .h5ad with layers or raw), once the preview has listed them
        matrix.setVisible(r.layer() != null);
        matrix.managedProperty().bind(matrix.visibleProperty());
        matrixLabel.visibleProperty().bind(matrix.visibleProperty());
        matrixLabel.managedProperty().bind(matrix.visibleProperty());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int row = 0;
        format.setPrefWidth(290);      // not as wide as its longest name: the labels of the first column stay whole
        matrixLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox matrixRow = new HBox(6, matrixLabel, matrix);     // beside the format: the dialog is no taller for it
        matrixRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        grid.addRow(row++, new Label(Settings.FORMAT.label()), format, matrixRow);
        grid.addRow(row++, new Label(Settings.ORIENTATION.label()), orientation);
        grid.addRow(row++, new Label(Settings.LABEL_COLUMN.label()), label);
        grid.addRow(row++, new Label(Settings.LABELS_FILE.label()), labelsRow);
        grid.addRow(row++, new Label(Settings.READ_TOP_VARIABLE.label()), topVariable);
        // the test file's path gets the width of both columns: a path is long, and its end names the file
        HBox splitRow = new HBox(8, split, fraction, pathRow);
        HBox.setHgrow(pathRow, Priority.ALWAYS);
        grid.add(new Label("Test split"), 0, row);
        grid.add(splitRow, 1, row++, 2, 1);
        Label textLabel = new Label(Settings.TEXT_COLUMNS.label() + " (CSV, TSV)");
        textLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox textRow = new HBox(6, textLabel, textColumns);     // what to do with a batch or donor column beside the numbers
        textRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        grid.addRow(row++, new Label("Scaling"), scaling, textRow);
        Label unlabelledLabel = new Label("Unlabelled");
        unlabelledLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox unlabelledRow = new HBox(6, unlabelledLabel, unlabelled);     // beside the missing values: both say what to do with gaps
        unlabelledRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        grid.addRow(row++, new Label(Settings.IMPUTE.label()), impute, unlabelledRow);
        grid.addRow(row++, new Label(Settings.BACKING.label() + " (HDF5, 10x)"), backing);
        preview.setId("previewTable");
        preview.setPrefSize(720, 260);
        preview.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        note.setId("previewNote");
        note.setWrapText(true);
        note.setMaxWidth(720);
        note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        problem.getStyleClass().add("problem");
        problem.setId("optionsProblem");
        VBox box = new VBox(8, grid, new Label("Preview (first rows and columns)"), preview, note, problem);
        box.setPadding(new Insets(6));
        getDialogPane().setContent(box);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("optionsOk");
        ok.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            String why = validate();
            problem.setText(why == null ? "" : why);
            if (why != null) e.consume();
        });
        setResultConverter(b -> b == ButtonType.OK ? spec(initial) : null);
        format.valueProperty().addListener((o, a, b) -> refresh());
        orientation.valueProperty().addListener((o, a, b) -> refresh());
        unlabelled.valueProperty().addListener((o, a, b) -> refresh());
        textColumns.valueProperty().addListener((o, a, b) -> refresh());
        // a label column chosen shows in the preview; the boxes pass through null while their lists are filled: a new
        // preview only for another choice
        label.valueProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(previewedLabel)) refresh();
        });
        matrix.valueProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(previewedMatrix)) refresh();
        });
        labelsFile.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) refresh();
        });
        labelsFile.setOnAction(e -> refresh());
        labelsFile.textProperty().addListener((o, a, b) -> {
            if (b.isBlank() || java.nio.file.Files.isRegularFile(Path.of(b.trim()))) refresh();
        });
        refresh();
    }

    TableView<List<String>> previewTable() { return preview; }
    ComboBox<String> labelBox() { return label; }
    ComboBox<Orientation> orientationBox() { return orientation; }
    ComboBox<Format> formatBox() { return format; }
    TextField labelsFileField() { return labelsFile; }
    TextField topVariableField() { return topVariable; }
    ComboBox<Backing> backingBox() { return backing; }
    ComboBox<String> matrixBox() { return matrix; }
    ComboBox<org.caeworkbench.data.Unlabelled> unlabelledBox() { return unlabelled; }
    ComboBox<org.caeworkbench.data.TextColumns> textColumnsBox() { return textColumns; }
    Label previewNote() { return note; }
    boolean previewDone() { return previewDone; }
    int previewsAsked() { return previewGeneration; }

    static String formatName(Format f) {
        return switch (f) {
            case AUTO -> "Automatic (from the file)";
            case CSV -> "CSV (comma-separated)";
            case TSV -> "TSV (tab-separated)";
            case GCT -> "GCT (expression table)";
            case MTX -> "10x Genomics folder / Matrix Market";
            case H5AD -> "AnnData .h5ad / .h5mu / 10x .h5 / Loom (HDF5)";
            case IDX -> "IDX images (MNIST)";
        };
    }

    static String orientationName(Orientation o) {
        return switch (o) {
            case AUTO -> "Automatic (guess, and say so)";
            case SAMPLES_AS_ROWS -> "One row per sample";
            case FEATURES_AS_ROWS -> "One row per feature (transpose)";
        };
    }

    private static <T> javafx.util.StringConverter<T> converter(java.util.function.Function<T, String> name) {
        return new javafx.util.StringConverter<>() {
            @Override public String toString(T t) { return t == null ? "" : name.apply(t); }
            @Override public T fromString(String s) { return null; }
        };
    }

    /** null when the options can be used, else one sentence. */
    String validate() {
        String lf = labelsFile.getText().trim();
        if (!lf.isEmpty() && !java.nio.file.Files.isRegularFile(Path.of(lf))) return "The labels file " + lf + " does not exist.";
        try {
            Settings.READ_TOP_VARIABLE.value(topVariable.getText(), Settings.READ_TOP_VARIABLE.label());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (FRACTION.equals(split.getValue())) {
            try {
                double f = Double.parseDouble(fraction.getText().trim());
                if (!(f > 0 && f < 1)) return "The test fraction must be between 0 and 1 (e.g. 0.2).";
            } catch (NumberFormatException e) {
                return "The test fraction must be a number between 0 and 1 (e.g. 0.2).";
            }
        } else if (splitPath.getText().isBlank()) {
            return "Choose the " + (TEST_FILE.equals(split.getValue()) ? "test file." : "split file.");
        } else if (!java.nio.file.Files.isRegularFile(Path.of(splitPath.getText().trim()))) {
            return splitPath.getText().trim() + " does not exist.";
        }
        return null;
    }

    /** The spec the options describe. */
    DataSpec spec(DataSpec initial) {
        String l = label.getValue() == null || label.getValue().equals(AUTO_LABEL) ? null : label.getValue().trim();
        ReadOptions read = readOptions(initial.read()).withLabelColumn(l);
        Path testFile = null;
        Path splitFile = null;
        double frac = initial.testFraction();
        if (FRACTION.equals(split.getValue())) {
            try { frac = Double.parseDouble(fraction.getText().trim()); } catch (NumberFormatException ignored) { }
        } else if (TEST_FILE.equals(split.getValue())) {
            testFile = Path.of(splitPath.getText().trim());
        } else {
            splitFile = Path.of(splitPath.getText().trim());
        }
        return new DataSpec(file, read, testFile, splitFile, frac, initial.seed(), scaling.getValue());
    }

    /** The reading options the controls describe (the label column aside). */
    private ReadOptions readOptions(ReadOptions base) {
        String lf = labelsFile.getText().trim();
        return base.withFormat(format.getValue()).withOrientation(orientation.getValue()).withImpute(impute.getValue())
                .withBacking(backing.getValue()).withLabelsFile(lf.isEmpty() ? null : Path.of(lf)).withKeepTopVariable(parseTop())
                .withLayer(matrix.isVisible() ? matrix.getValue() : null).withUnlabelled(unlabelled.getValue())
                .withTextColumns(textColumns.getValue());
    }

    /** The most-variable count typed, or 0 (all) while it is not a valid one (validate() says why on OK). */
    private int parseTop() {
        try {
            Integer v = Settings.READ_TOP_VARIABLE.parse(topVariable.getText());
            return v == null ? 0 : v;
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    /** The setting's help from the catalogue, as the command line's --help gives it. */
    private static Tooltip tip(Setting<?, ?> s) {
        Tooltip t = new Tooltip(s.help());
        t.setWrapText(true);
        t.setMaxWidth(420);
        return t;
    }

    private void refresh() {
        int gen = ++previewGeneration;
        previewDone = false;
        note.setText("Reading the first lines…");
        String chosenLabel = label.getValue() == null || label.getValue().equals(AUTO_LABEL) ? null : label.getValue().trim();
        String lf = labelsFile.getText().trim();
        // a labels file that is not there yet is left out of the preview (validate() says so on OK)
        previewedMatrix = matrix.getValue();
        previewedLabel = label.getValue();
        ReadOptions opts = readOptions(ReadOptions.defaults()).withLabelColumn(chosenLabel)
                .withLabelsFile(lf.isEmpty() || !java.nio.file.Files.isRegularFile(Path.of(lf)) ? null : Path.of(lf));
        Task<FilePreview> task = new Task<>() {
            @Override
            protected FilePreview call() throws Exception {
                try {
                    return FilePreview.read(file, opts);
                } catch (org.caeworkbench.data.DataException e) {
                    // a label column that cannot be used (only in the other orientation, cells without a label): preview
                    // without it, and say why under the preview
                    if (opts.labelColumn() == null) throw e;
                    FilePreview p = FilePreview.read(file, opts.withLabelColumn(null));
                    return new FilePreview(p.columns(), p.rows(), p.labelCandidates(), p.note() + "\nThe label column is left out of"
                            + " this preview: " + e.getMessage(), p.matrices());
                }
            }
        };
        task.setOnSucceeded(e -> {
            if (gen != previewGeneration) return;
            show(task.getValue());
            previewDone = true;
        });
        task.setOnFailed(e -> {
            if (gen != previewGeneration) return;
            preview.getColumns().clear();
            preview.getItems().clear();
            note.setText("Cannot preview: " + Messages.of(task.getException()));
            previewDone = true;
        });
        tasks.run("cae-preview", task);
    }

    private void show(FilePreview p) {
        preview.getColumns().clear();
        for (int c = 0; c < p.columns().size(); c++) {
            final int col = c;
            TableColumn<List<String>, String> tc = new TableColumn<>(p.columns().get(c));
            tc.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(col < cell.getValue().size() ? cell.getValue().get(col) : ""));
            tc.setSortable(false);
            tc.setPrefWidth(80);
            preview.getColumns().add(tc);
        }
        preview.getItems().setAll(p.rows());
        note.setText(p.note());
        String chosen = label.getValue();
        List<String> items = new ArrayList<>();
        items.add(AUTO_LABEL);
        for (String s : p.labelCandidates()) if (!s.isEmpty() && items.size() < 2000) items.add(s);
        label.getItems().setAll(items);
        label.setValue(chosen == null ? AUTO_LABEL : chosen);
        if (org.caeworkbench.data.DatasetReader.Preview.offersMatrices(p.matrices())) {
            String was = matrix.getValue();
            if (!matrix.getItems().equals(p.matrices())) {
                matrix.getItems().setAll(p.matrices());    // passes through null, then back: no new preview (the listener)
                matrix.setValue(was);
            }
            if (!p.matrices().contains(was)) matrix.setValue(p.matrices().get(0));   // one the file does not have: its first (X if any)
            matrix.setVisible(true);
        } else if (!p.matrices().isEmpty() || format.getValue() != Format.H5AD) {
            matrix.setVisible(false);   // one matrix, or not an .h5ad
        }
    }

    static String describe(DataSpec s) {
        return String.format(Locale.ROOT, "%s%s", s.data().getFileName(), s.read().transpose() ? " (transposed)" : "");
    }
}
