package org.caeworkbench.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.caeworkbench.data.DataSpec;

/**
 * Every question and message the window puts to the user, in one place, so that tests answer them
 * instead of a person ({@link #fx()} shows real dialogs; the tests install a scripted one).
 */
interface Dialogs {

    /** The answers to "the result is not saved" when closing. */
    enum Unsaved { SAVE, DISCARD, CANCEL }

    /** An OK/Cancel question: true for OK. */
    boolean confirm(Window owner, String question);

    /** Closing with an unsaved result: save it first, close without saving, or stay. */
    Unsaved unsaved(Window owner, String text);

    /** One sentence about something that went wrong; does not wait. */
    void error(Window owner, String sentence);

    /** The reading options of a file, starting from {@code initial}, as the user confirms them in the dialog; empty when cancelled. */
    Optional<DataSpec> readerOptions(DataSpec initial, Supplier<ReaderOptionsDialog> dialog);

    /** A file to open, a file to write or a folder (null: cancelled). */
    Path open(Window owner, FileChooser chooser);

    Path save(Window owner, FileChooser chooser);

    Path folder(Window owner, DirectoryChooser chooser);

    /** Whether documents (the report) are opened in the system's browser. */
    boolean opensDocuments();

    /** A line of text the user pastes or types (a lesson as text, a note), starting as {@code initial}; empty when cancelled or left blank. */
    default Optional<String> text(Window owner, String title, String prompt, String initial) {
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog(initial == null ? "" : initial);
        d.setTitle(title);
        d.setHeaderText(prompt);
        d.initOwner(owner);
        d.getEditor().setPrefColumnCount(48);
        return d.showAndWait().map(String::strip).filter(t -> !t.isEmpty());
    }

    /** Real dialogs. */
    static Dialogs fx() {
        return new Dialogs() {
            @Override public boolean confirm(Window owner, String question) {
                Alert ask = new Alert(Alert.AlertType.CONFIRMATION, question);
                ask.setHeaderText(null);
                ask.initOwner(owner);
                return ask.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
            }

            @Override public Unsaved unsaved(Window owner, String text) {
                ButtonType save = new ButtonType("Save run folder…");
                ButtonType discard = new ButtonType("Close without saving", ButtonBar.ButtonData.NO);
                Alert ask = new Alert(Alert.AlertType.CONFIRMATION, text, save, discard, ButtonType.CANCEL);
                ask.setHeaderText(null);
                ask.initOwner(owner);
                ButtonType answer = ask.showAndWait().orElse(ButtonType.CANCEL);
                return answer == save ? Unsaved.SAVE : answer == discard ? Unsaved.DISCARD : Unsaved.CANCEL;
            }

            @Override public void error(Window owner, String sentence) {
                Alert a = new Alert(Alert.AlertType.ERROR, sentence);
                a.setHeaderText(null);
                a.initOwner(owner);
                a.show();
            }

            @Override public Optional<DataSpec> readerOptions(DataSpec initial, Supplier<ReaderOptionsDialog> dialog) {
                return dialog.get().showAndWait();
            }

            @Override public Path open(Window owner, FileChooser chooser) {
                return path(chooser.showOpenDialog(owner));
            }

            @Override public Path save(Window owner, FileChooser chooser) {
                return path(chooser.showSaveDialog(owner));
            }

            @Override public Path folder(Window owner, DirectoryChooser chooser) {
                return path(chooser.showDialog(owner));
            }

            @Override public boolean opensDocuments() {
                return true;
            }

            private Path path(File f) {
                return f == null ? null : f.toPath();
            }
        };
    }
}
