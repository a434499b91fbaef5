package org.caeworkbench.ui;

import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Help > How it works: the concrete autoencoder as a picture (input, logits plus noise, softmax at
 * temperature T, the selected features, the decoder, the reconstruction) and a few sentences in the
 * workbench's words, with the paper's values.
 */
final class HowItWorks {
    private HowItWorks() {}

    static final String TEXT = """
            Each of the k selectors holds one score (a logit) per input feature. At every training step the \
            workbench adds random noise (Gumbel noise) to the scores and turns them into weights with a softmax \
            at temperature T: the selector's output is the weighted sum of the inputs. While T is high the weights \
            are spread, so a selector averages many features and the noise lets it try others; as T falls the \
            weights sharpen until each selector passes on one feature. The decoder, a small neural network \
            (by default one hidden layer with dropout), learns to rebuild all the inputs from the k outputs; its \
            error (mean squared) trains the decoder and the scores together.

            The temperature falls exponentially from T0 to T_B over the run (paper: 10 to 0.01). Mean-max is the \
            average over the selectors of their largest selection probability (the softmax of the scores, without \
            noise): near 1 every selector has settled. \
            The convergence rule accepts a run above 0.99 (the paper's threshold) and otherwise trains again with \
            twice the epochs. At the end each selector's feature is the one with its highest score; two selectors \
            on the same feature are a duplicate. The paper trains with Adam at a learning rate of 0.001; the \
            settings' tooltips name the paper's value of each.

            Balın, Abid and Zou, Concrete Autoencoders for Differentiable Feature Selection and Reconstruction, ICML 2019.""";

    /** The picture and the text. */
    static Parent content() {
        Canvas canvas = diagram();
        Label text = new Label(TEXT);
        text.setId("howItWorksText");
        text.setWrapText(true);
        text.setMaxWidth(canvas.getWidth());
        VBox box = new VBox(12, canvas, text);
        box.setPadding(new Insets(12));
        box.setId("howItWorks");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    /** Opens the panel beside the window (not modal: it can stay open while training runs). */
    static void show(Window owner) {
        Stage s = new Stage();
        s.initOwner(owner);
        s.setTitle("How it works");
        s.setScene(new Scene(content(), 800, 560));
        s.show();
    }

    private static final Color BOX = Color.web("#e8eef7");
    private static final Color LINE = Color.web("#33475b");
    private static final Color NOISE = Color.web("#f4e3cf");

    static Canvas diagram() {
        Canvas c = new Canvas(760, 250);
        c.setId("howItWorksDiagram");
        GraphicsContext g = c.getGraphicsContext2D();
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        double y = 70, h = 64;
        double[] xs = {8, 128, 248, 428, 548, 658};
        double[] ws = {100, 100, 160, 100, 90, 90};
        String[][] boxes = {
                {"input x", "d features"},
                {"logits L", "k × d scores"},
                {"softmax((L + g) / T)", "k weightings of x"},
                {"selected", "k values"},
                {"decoder", "MLP"},
                {"x̂", "d rebuilt"}};
        for (int i = 0; i < boxes.length; i++) {
            box(g, xs[i], y, ws[i], h, BOX, boxes[i][0], boxes[i][1]);
            if (i > 0) arrow(g, xs[i - 1] + ws[i - 1], y + h / 2, xs[i], y + h / 2);
        }
        double mid = xs[2] + ws[2] / 2;
        // the noise enters the softmax from below, the temperature from above
        box(g, mid - 70, 160, 140, 40, NOISE, "Gumbel noise g", "new at each step");
        arrow(g, mid, 160, mid, y + h);
        g.setFill(LINE);
        g.setFont(Font.font(null, FontWeight.BOLD, 12));
        g.fillText("T: 10 → 0.01 (high T: averages, low T: one feature)", mid, 20);
        arrow(g, mid, 30, mid, y);
        // the loss compares x̂ with x
        double loop = 225, left = xs[0] + ws[0] / 2, right = xs[5] + ws[5] / 2;
        g.setStroke(LINE);
        g.setLineDashes(4, 4);
        g.strokeLine(left, y + h, left, loop);
        g.strokeLine(left, loop, right, loop);
        g.strokeLine(right, loop, right, y + h);
        g.setLineDashes();
        g.setFill(LINE);
        g.setFont(Font.font(11));
        g.fillText("loss: mean squared error of x̂ against x", (xs[3] + right) / 2 + 20, loop - 10);
        return c;
    }

    private static void box(GraphicsContext g, double x, double y, double w, double h, Color fill, String title, String sub) {
        g.setFill(fill);
        g.fillRoundRect(x, y, w, h, 10, 10);
        g.setStroke(LINE);
        g.setLineWidth(1.2);
        g.strokeRoundRect(x, y, w, h, 10, 10);
        g.setFill(LINE);
        g.setFont(Font.font(null, FontWeight.BOLD, 12));
        g.fillText(title, x + w / 2, y + h / 2 - 8);
        g.setFont(Font.font(11));
        g.fillText(sub, x + w / 2, y + h / 2 + 10);
    }

    private static void arrow(GraphicsContext g, double x1, double y1, double x2, double y2) {
        g.setStroke(LINE);
        g.setLineWidth(1.4);
        g.strokeLine(x1, y1, x2, y2);
        double a = Math.atan2(y2 - y1, x2 - x1);
        double s = 7;
        g.setFill(LINE);
        g.fillPolygon(new double[] {x2, x2 - s * Math.cos(a - 0.4), x2 - s * Math.cos(a + 0.4)},
                new double[] {y2, y2 - s * Math.sin(a - 0.4), y2 - s * Math.sin(a + 0.4)}, 3);
    }
}
