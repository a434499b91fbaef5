package org.caeworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Task;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window's one runner of background work: named daemon threads, and nothing left running after close. */
@ExtendWith(ApplicationExtension.class)
class TasksTest {

    @Start
    void start(Stage stage) {
        stage.show();
    }

    /** A task that waits until it is interrupted, reporting its thread. */
    private static Task<Void> blocking(CountDownLatch started, Thread[] thread, CountDownLatch ended) {
        return new Task<>() {
            @Override
            protected Void call() {
                thread[0] = Thread.currentThread();
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    ended.countDown();
                }
                return null;
            }
        };
    }

    @Test
    void closingTheWindowStopsEveryTaskStillRunning() throws Exception {
        Tasks tasks = new Tasks();
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch ended = new CountDownLatch(2);
        Thread[] a = new Thread[1];
        Thread[] b = new Thread[1];
        Task<Void> first = tasks.run("cae-test-a", blocking(started, a, ended));
        Task<Void> second = tasks.run("cae-test-b", blocking(started, b, ended));
        assertTrue(started.await(30, TimeUnit.SECONDS));
        assertEquals("cae-test-a", a[0].getName());
        assertTrue(a[0].isDaemon() && b[0].isDaemon(), "never keeps the program alive");
        assertEquals(2, tasks.active());

        tasks.shutdown();
        assertTrue(ended.await(30, TimeUnit.SECONDS), "both tasks were interrupted");
        assertTrue(first.isCancelled() && second.isCancelled());
        assertEquals(0, tasks.active());
        // after closing, new work is refused
        Task<Void> late = tasks.run("cae-test-late", blocking(new CountDownLatch(1), new Thread[1], new CountDownLatch(1)));
        assertTrue(late.isCancelled());
        assertEquals(0, tasks.active());
    }
}
