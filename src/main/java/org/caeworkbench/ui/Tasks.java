package org.caeworkbench.ui;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;

/**
 * The one runner of the window's background work (loading, metrics, exports, previews, Compare,
 * Stability): each task on its own named daemon thread, so the FX thread never waits, and every task
 * still running is cancelled when the window closes ({@link #shutdown()}). Training has its own
 * {@link TrainingService}.
 */
final class Tasks {
    private final Set<Task<?>> running = ConcurrentHashMap.newKeySet();
    private volatile boolean shut;

    /** Starts {@code task} on a daemon thread called {@code name} and returns it; after {@link #shutdown()} it is cancelled at once. */
    <T> Task<T> run(String name, Task<T> task) {
        if (shut) {
            task.cancel();
            return task;
        }
        running.add(task);
        task.addEventHandler(WorkerStateEvent.ANY, e -> {
            if (task.isDone()) running.remove(task);
        });
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return task;
    }

    /** How many tasks have not finished yet. */
    int active() {
        running.removeIf(Task::isDone);
        return running.size();
    }

    /** Cancels every task still running (their threads are interrupted) and refuses new ones. */
    void shutdown() {
        shut = true;
        for (Task<?> t : running) t.cancel(true);
        running.clear();
    }
}
