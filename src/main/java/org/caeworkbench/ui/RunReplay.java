package org.caeworkbench.ui;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.caeworkbench.export.ReplayImages;
import org.caeworkbench.export.SelectorHistory;

/**
 * The replay of a run chosen in the Runs tab, shown there (the Training tab keeps the current run): a
 * timeline and, for its frame, the selector heatmap with the pixel map and chosen pixels (images), drawn
 * as the GIF draws them on a background thread. The replays come from runs trained in this window (their
 * recording) and from run folders (their selector_history.bin.gz).
 */
final class RunReplay {
    private final TimelineBar timeline = new TimelineBar("runTimeline");
    private final ImageView picture = new ImageView();
    private final Label none = new Label();
    private final VBox shown = new VBox(4, timeline, picture);
    private final StackPane slot;
    /** Replays by run: the result of a window run, the folder of an opened one. */
    private final Map<Object, SavedRuns.Replay> replays = new HashMap<>();
    private final AtomicInteger wanted = new AtomicInteger(-1);
    private final ExecutorService drawer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cae-run-replay");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private SavedRuns.Replay current;

    RunReplay(StackPane slot) {
        this.slot = slot;
        shown.setId("runReplay");
        picture.setId("runReplayPicture");
        picture.setPreserveRatio(true);
        none.setId("runReplayNone");
        none.setWrapText(true);
        timeline.onFrame(this::draw);
    }

    /** Remembers the replay of a run ({@code key}: its result or folder); a null or empty one is forgotten. */
    void remember(Object key, SavedRuns.Replay replay) {
        if (key == null) return;
        if (replay == null || replay.history() == null || replay.history().size() == 0) replays.remove(key);
        else replays.put(key, replay);
    }

    /** Shows the replay of the entry shown alone (null: none or two chosen). */
    void show(RunHistoryPanel.Entry e) {
        slot.getChildren().clear();
        current = null;
        timeline.set(null);
        picture.setImage(null);
        if (e == null) return;
        SavedRuns.Replay r = e.result() != null ? replays.get(e.result()) : null;
        if (r == null && e.runFolder() != null) r = replays.get(e.runFolder());
        if (r == null) {
            none.setText("No replay of this run: it was made before replays were recorded, or its folder holds none.");
            slot.getChildren().add(none);
            return;
        }
        current = r;
        slot.getChildren().add(shown);
        timeline.set(r.history());
    }

    /** The timeline shown for the chosen run (tests). */
    TimelineBar timeline() { return timeline; }

    /** The picture of the chosen frame (tests). */
    ImageView picture() { return picture; }

    private void draw(int i) {
        SavedRuns.Replay r = current;
        if (r == null || i < 0) return;
        wanted.set(i);
        SelectorHistory h = r.history();
        drawer.execute(() -> {
            if (wanted.get() != i || current != r) return;      // a newer frame was chosen meanwhile
            Image img = SwingFXUtils.toFXImage(ReplayImages.frame(h, h.frame(i), r.shape(), 168), null);
            Platform.runLater(() -> {
                if (wanted.get() == i && current == r) picture.setImage(img);
            });
        });
    }

    void shutdown() {
        drawer.shutdownNow();
    }
}
