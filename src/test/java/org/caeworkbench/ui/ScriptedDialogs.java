package org.caeworkbench.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.caeworkbench.data.DataSpec;

/**
 * The window's dialogs answered by the test: every question gets {@link #answer} (yes: OK, and "close
 * without saving" for an unsaved result; no: Cancel), the reader options are taken as they open, and
 * every question and error is recorded.
 */
final class ScriptedDialogs implements Dialogs {
    volatile boolean answer = true;
    final List<String> asked = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();

    @Override public boolean confirm(Window owner, String question) {
        asked.add(question);
        return answer;
    }

    @Override public Unsaved unsaved(Window owner, String text) {
        asked.add(text);
        return answer ? Unsaved.DISCARD : Unsaved.CANCEL;
    }

    @Override public void error(Window owner, String sentence) {
        errors.add(sentence);
    }

    @Override public Optional<DataSpec> readerOptions(DataSpec initial, Supplier<ReaderOptionsDialog> dialog) {
        return Optional.of(initial);
    }

    @Override public Path open(Window owner, FileChooser chooser) {
        return null;
    }

    @Override public Path save(Window owner, FileChooser chooser) {
        return null;
    }

    @Override public Path folder(Window owner, DirectoryChooser chooser) {
        return null;
    }

    @Override public Optional<String> text(Window owner, String title, String prompt, String initial) {
        asked.add(prompt);
        return Optional.empty();
    }

    @Override public boolean opensDocuments() {
        return false;
    }
}
