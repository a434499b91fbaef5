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
import javafx.scene.control.CheckBox;
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
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Format;
import org.caeworkbench.data.Imputation;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.data.Scaling;

/**
 * How to read a data file, with a live preview of its first rows and columns (read on a background task
 * from the first lines only; the whole file is read when OK is pressed, by the caller).
 */
final class ReaderOptionsDialog extends Dialog<DataSpec> {
    static final String AUTO_LABEL = "(automatic: 'label' or 'class')";
    static final String FRACTION = "Random fraction";
    static final String TEST_FILE = "Separate test file";
    static final String SPLIT_FILE = "Split file (sample_id,split)";

    private final Path file;
    private final ComboBox<Format> format = new ComboBox<>(FXCollections.observableArrayList(Format.values()));
    private final CheckBox transpose = new CheckBox("Features are rows (transpose)");
    private final ComboBox<String> label = new ComboBox<>();
    private final ComboBox<String> split = new ComboBox<>(FXCollections.observableArrayList(FRACTION, TEST_FILE, SPLIT_FILE));
    private final TextField fraction = new TextField("0.2");
    private final TextField splitPath = new TextField();
    private final ComboBox<Scaling> scaling = new ComboBox<>(FXCollections.observableArrayList(Scaling.values()));
    private final ComboBox<Imputation> impute = new ComboBox<>(FXCollections.observableArrayList(Imputation.values()));
    private final TableView<List<String>> preview = new TableView<>();
    private final Label note = new Label("Reading the first lines…");
    private final Label problem = new Label();
    private int previewGeneration;
    private volatile boolean previewDone;

    ReaderOptionsDialog(Window owner, DataSpec initial) {
        this.file = initial.data();
        if (owner != null) initOwner(owner);
        setTitle("Open " + file.getFileName());
        setHeaderText("How to read " + file.getFileName());
        setResizable(true);
        ReadOptions r = initial.read();
        format.setValue(r.format());
        format.setId("formatBox");
        format.setTooltip(new Tooltip("AUTO chooses by the file name and the first line"));
        transpose.setSelected(r.transpose());
        transpose.setId("transposeBox");
        transpose.setTooltip(new Tooltip("For tables with one row per feature (gene) and one column per sample"));
        label.setEditable(true);
        label.setId("labelBox");
        label.getItems().add(AUTO_LABEL);
        label.setValue(r.labelColumn() == null ? AUTO_LABEL : r.labelColumn());
        label.setTooltip(new Tooltip("The column (a row when transposed) holding the class labels; it is not a feature"));
        split.setId("splitBox");
        split.setValue(initial.testFile() != null ? TEST_FILE : initial.splitFile() != null ? SPLIT_FILE : FRACTION);
        fraction.setText(Double.toString(initial.testFraction()));
        fraction.setId("fractionField");
        fraction.setPrefColumnCount(5);
        Path other = initial.testFile() != null ? initial.testFile() : initial.splitFile();
        if (other != null) splitPath.setText(other.toString());
        splitPath.setId("splitPathField");
        Button browse = new Button("…");
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            if (file.getParent() != null) fc.setInitialDirectory(file.getParent().toFile());
            File f = fc.showOpenDialog(getDialogPane().getScene().getWindow());
            if (f != null) splitPath.setText(f.getAbsolutePath());
        });
        fraction.visibleProperty().bind(split.valueProperty().isEqualTo(FRACTION));
        fraction.managedProperty().bind(fraction.visibleProperty());
        HBox pathRow = new HBox(4, splitPath, browse);
        HBox.setHgrow(splitPath, Priority.ALWAYS);
        pathRow.visibleProperty().bind(fraction.visibleProperty().not());
        pathRow.managedProperty().bind(pathRow.visibleProperty());
        scaling.setValue(initial.scaling());
        scaling.setId("scalingBox");
        scaling.setTooltip(new Tooltip("Fitted on the training part: AUTO = min-max per feature, or global for images"));
        impute.setValue(r.impute());
        impute.setId("imputeBox");
        impute.setTooltip(new Tooltip("NONE refuses missing values; MEAN fills them with the training mean of the feature"));

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int row = 0;
        grid.addRow(row++, new Label("Format"), format, transpose);
        grid.addRow(row++, new Label("Label column"), label);
        grid.addRow(row++, new Label("Test split"), split, new HBox(4, fraction, pathRow));
        grid.addRow(row++, new Label("Scaling"), scaling);
        grid.addRow(row++, new Label("Missing values"), impute);
        preview.setId("previewTable");
        preview.setPrefSize(720, 290);
        preview.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        note.setId("previewNote");
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
        transpose.selectedProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    TableView<List<String>> previewTable() { return preview; }
    ComboBox<String> labelBox() { return label; }
    CheckBox transposeBox() { return transpose; }
    boolean previewDone() { return previewDone; }

    /** null when the options can be used, else one sentence. */
    String validate() {
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
        ReadOptions read = initial.read().withFormat(format.getValue()).withTranspose(transpose.isSelected())
                .withLabelColumn(l).withImpute(impute.getValue());
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

    private void refresh() {
        int gen = ++previewGeneration;
        previewDone = false;
        note.setText("Reading the first lines…");
        Format f = format.getValue();
        boolean t = transpose.isSelected();
        Task<FilePreview> task = new Task<>() {
            @Override
            protected FilePreview call() throws Exception {
                return FilePreview.read(file, f, t);
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
            note.setText("Cannot preview: " + WorkbenchWindow.message(task.getException()));
            previewDone = true;
        });
        Thread th = new Thread(task, "cae-preview");
        th.setDaemon(true);
        th.start();
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
    }

    static String describe(DataSpec s) {
        return String.format(Locale.ROOT, "%s%s", s.data().getFileName(), s.read().transpose() ? " (transposed)" : "");
    }
}
