package org.caeworkbench.export;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.data.Dataset;

/**
 * Pictures of a selection on image data (plain Java2D, so the command line writes them too):
 * the mask of chosen pixels, each pixel's largest selection probability, and a grid of test images
 * as original, masked input (only the chosen pixels) and reconstruction.
 */
public final class ImagePreviews {
    public static final String MASK = "mask.png";
    public static final String PROBABILITY_MAP = "probability_map.png";
    public static final String RECONSTRUCTIONS = "reconstructions.png";
    private static final Color CHOSEN = new Color(255, 176, 32);
    private static final Color BACKGROUND = new Color(24, 28, 40);

    private ImagePreviews() {}

    static void writeAll(Path dir, SelectionResult r, SavedModel model, Dataset preview) throws IOException {
        Dataset.ImageShape shape = model.imageShape();
        png(dir.resolve(MASK), mask(shape, r.selected(), 12));
        png(dir.resolve(PROBABILITY_MAP), probabilityMap(shape, r.probabilities(), r.learned(), 12));
        if (preview != null && preview.rows() > 0) {
            png(dir.resolve(RECONSTRUCTIONS), reconstructionGrid(shape, model, preview, Math.min(10, preview.rows()), 4));
        }
    }

    /**
     * Writes {@code image} as a PNG, atomically. Through an in-memory image stream: ImageIO's default stream for an
     * OutputStream caches in a temporary file and registers a shutdown hook to delete it, which the JVM refuses while
     * it shuts down, and that is when a run stopped by Ctrl-C is written (cae train).
     */
    public static void png(Path file, BufferedImage image) throws IOException {
        AtomicFiles.write(file, out -> {
            try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {   // closing it leaves out open
                if (!ImageIO.write(image, "png", stream)) throw new IOException("no PNG writer available");
            }
        });
    }

    /** The chosen pixels in amber on a dark background, each pixel drawn as a scale x scale block. */
    public static BufferedImage mask(Dataset.ImageShape shape, int[] selected, int scale) {
        boolean[] on = new boolean[shape.height() * shape.width()];
        for (int f : selected) on[f] = true;
        BufferedImage img = new BufferedImage(shape.width() * scale, shape.height() * scale, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < on.length; p++) fill(img, p % shape.width(), p / shape.width(), scale, (on[p] ? CHOSEN : BACKGROUND).getRGB());
        return img;
    }

    /** Each pixel's largest selection probability over the selectors, from dark (0) to bright (1). */
    public static BufferedImage probabilityMap(Dataset.ImageShape shape, float[] probabilities, int k, int scale) {
        int d = shape.height() * shape.width();
        float[] max = new float[d];
        for (int i = 0; i < k; i++) for (int j = 0; j < d; j++) max[j] = Math.max(max[j], probabilities[i * d + j]);
        BufferedImage img = new BufferedImage(shape.width() * scale, shape.height() * scale, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < d; p++) fill(img, p % shape.width(), p / shape.width(), scale, heat(max[p]));
        return img;
    }

    /** The names of the reconstruction grid's three rows, top to bottom. */
    public static final List<String> GRID_ROWS = List.of("original", "chosen pixels", "reconstruction");
    private static final int GAP = 4;

    /**
     * Three rows of {@code count} test images (values scaled to [0, 1]): the original, the input the
     * decoder sees (only the chosen pixels), and the decoder's reconstruction, with the rows' names at the left.
     */
    public static BufferedImage reconstructionGrid(Dataset.ImageShape shape, SavedModel model, Dataset scaled, int count, int scale) {
        return withRowNames(unnamedGrid(shape, model, scaled, count, scale));
    }

    /**
     * The grid of {@link #reconstructionGrid(Dataset.ImageShape, SavedModel, Dataset, int, int)} without its
     * row names, for a view that writes them at a readable size whatever the picture is scaled to.
     */
    public static BufferedImage unnamedGrid(Dataset.ImageShape shape, SavedModel model, Dataset scaled, int count, int scale) {
        int d = shape.height() * shape.width();
        float[] rows = new float[count * d];
        System.arraycopy(scaled.values(), 0, rows, 0, rows.length);
        float[] rec = model.model().reconstruct(rows, count);
        boolean[] chosen = new boolean[d];
        for (int f : model.selected()) chosen[f] = true;
        int cell = shape.width() * scale;
        int cellH = shape.height() * scale;
        BufferedImage img = new BufferedImage(count * (cell + GAP), 3 * (cellH + GAP), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        for (int s = 0; s < count; s++) {
            int x0 = s * (cell + GAP);
            for (int p = 0; p < d; p++) {
                int px = p % shape.width(), py = p / shape.width();
                float v = rows[s * d + p];
                fillAt(img, x0 + px * scale, py * scale, scale, grey(v));
                fillAt(img, x0 + px * scale, (cellH + GAP) + py * scale, scale, chosen[p] ? grey(v) : 0x3a3f4b);
                fillAt(img, x0 + px * scale, 2 * (cellH + GAP) + py * scale, scale, grey(rec[s * d + p]));
            }
        }
        return img;
    }

    /** A reconstruction grid without row names, with a column at its left naming its three rows. */
    public static BufferedImage withRowNames(BufferedImage grid) {
        int label = 112;
        int rowH = grid.getHeight() / 3;
        BufferedImage img = new BufferedImage(label + grid.getWidth(), grid.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.drawImage(grid, label, 0, null);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int row = 0; row < 3; row++) g.drawString(GRID_ROWS.get(row), 4, row * rowH + (rowH - GAP) / 2 + 5);
        g.dispose();
        return img;
    }

    private static int grey(float v) {
        int c = Math.round(255 * Math.max(0f, Math.min(1f, v)));
        return c << 16 | c << 8 | c;
    }

    /** A dark-blue to yellow ramp. */
    static int heat(float v) {
        float t = Math.max(0f, Math.min(1f, v));
        int r = Math.round(20 + t * (253 - 20));
        int g = Math.round(24 + t * (231 - 24));
        int b = Math.round(80 + t * (37 - 80));
        return r << 16 | g << 8 | b;
    }

    private static void fill(BufferedImage img, int x, int y, int scale, int rgb) {
        fillAt(img, x * scale, y * scale, scale, rgb);
    }

    private static void fillAt(BufferedImage img, int x0, int y0, int scale, int rgb) {
        for (int y = y0; y < y0 + scale; y++) for (int x = x0; x < x0 + scale; x++) img.setRGB(x, y, rgb);
    }
}
