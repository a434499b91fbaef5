package org.caeworkbench.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/**
 * The last eight data files opened and the last folder used, kept in the user's Preferences (in memory
 * only when {@code cae.noPrefs=true}, as in tests).
 */
final class RecentFiles {
    static final int MAX = 8;
    private final Preferences node;
    private final List<Path> files = new ArrayList<>();
    private Path lastFolder;

    RecentFiles(Preferences node) {
        this.node = node;
        if (node == null) return;
        try {
            for (int i = 0; i < MAX; i++) {
                String s = node.get("file" + i, null);
                if (s != null && !s.isBlank()) files.add(Path.of(s));
            }
            String f = node.get("lastFolder", null);
            if (f != null && !f.isBlank()) lastFolder = Path.of(f);
        } catch (RuntimeException ignored) {
            // unreadable preferences: start empty
        }
    }

    static RecentFiles open() {
        if (Boolean.getBoolean("cae.noPrefs")) return new RecentFiles(null);
        try {
            return new RecentFiles(Preferences.userNodeForPackage(RecentFiles.class).node("files"));
        } catch (RuntimeException e) {
            return new RecentFiles(null);
        }
    }

    List<Path> files() { return List.copyOf(files); }

    /** The last folder used, if it still exists. */
    Path lastFolder() {
        return lastFolder != null && java.nio.file.Files.isDirectory(lastFolder) ? lastFolder : null;
    }

    void folderUsed(Path folder) {
        if (folder == null) return;
        lastFolder = folder.toAbsolutePath();
        save();
    }

    /** Moves {@code file} to the top of the list (dropping the ninth) and remembers its folder. */
    void opened(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        files.remove(abs);
        files.add(0, abs);
        while (files.size() > MAX) files.remove(files.size() - 1);
        if (abs.getParent() != null) lastFolder = abs.getParent();
        save();
    }

    private void save() {
        if (node == null) return;
        try {
            for (int i = 0; i < MAX; i++) {
                if (i < files.size()) node.put("file" + i, files.get(i).toString());
                else node.remove("file" + i);
            }
            if (lastFolder != null) node.put("lastFolder", lastFolder.toString());
            node.flush();
        } catch (Exception ignored) {
            // preferences are a convenience: never fail an open because of them
        }
    }
}
