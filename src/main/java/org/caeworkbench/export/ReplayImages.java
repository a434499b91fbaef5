package org.caeworkbench.export;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.caeworkbench.data.Dataset;

/**
 * Pictures of a replay for a slide: each frame the selector heatmap (k rows, one column per feature, wide
 * tables binned to their largest probability) and, for images, the per-pixel maximum and the chosen pixels,
 * with the epoch and T written above; as an animated GIF (ImageIO's own writer) or a folder of PNGs.
 */
public final class ReplayImages {
    /** How the pictures are made. {@code size}: the pixel map's side in pixels (the heatmap is as tall); {@code delayMs} per frame. */
    public record Options(int frames, int size, int delayMs) {
        public static final Options DEFAULT = new Options(0, 168, 150);

        public Options {
            if (frames < 0) throw new IllegalArgumentException("--frames must be 0 (all) or more (it is " + frames + ").");
            if (size < 28 || size > 2048) throw new IllegalArgumentException("--size must be between 28 and 2048 pixels (it is " + size + ").");
            if (delayMs < 10 || delayMs > 60_000) throw new IllegalArgumentException("--delay must be between 10 and 60000 ms (it is " + delayMs + ").");
        }
    }

    private static final int GAP = 8;
    private static final int CAPTION = 22;
    private static final Color BACKGROUND = Color.WHITE;
    private static final int HEAT_MAX_WIDTH = 784;

    private ReplayImages() {}

    /** The frames the pictures show: all, or {@code options.frames()} spread evenly (first and last kept). */
    public static SelectorHistory chosen(SelectorHistory h, Options options) {
        return options.frames() == 0 ? h : h.spread(options.frames());
    }

    /** One picture of frame {@code f} of {@code h}; {@code shape} null for tables. */
    public static BufferedImage frame(SelectorHistory h, SelectorHistory.Frame f, Dataset.ImageShape shape, int size) {
        int k = h.k();
        int d = h.d();
        int cols = Math.min(d, HEAT_MAX_WIDTH);
        int rowH = Math.max(1, size / k);
        int heatH = Math.max(k, rowH * k);
        int colW = Math.max(1, Math.min(4, (2 * size) / cols));
        int heatW = cols * colW;
        int panel = shape == null ? 0 : size;
        int width = GAP + heatW + (shape == null ? 0 : 2 * (GAP + panel)) + GAP;
        int height = CAPTION + Math.max(heatH, panel) + GAP;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        // the heatmap: the largest level in each column's bin of features
        for (int i = 0; i < k; i++) {
            for (int x = 0; x < cols; x++) {
                int from = (int) ((long) x * d / cols);
                int to = Math.max(from + 1, (int) ((long) (x + 1) * d / cols));
                int best = 0;
                if (f.levels() != null) {
                    for (int j = from; j < to; j++) best = Math.max(best, f.levels()[i * d + j] & 0xFF);
                } else {
                    int per = f.topFeatures().length / k;
                    for (int t = 0; t < per; t++) {
                        int j = f.topFeatures()[i * per + t];
                        if (j >= from && j < to) best = Math.max(best, f.topLevels()[i * per + t] & 0xFF);
                    }
                }
                g.setColor(new Color(ImagePreviews.heat(best / 255f)));
                g.fillRect(GAP + x * colW, CAPTION + i * rowH, colW, rowH);
            }
        }
        if (shape != null) {
            int x0 = GAP + heatW + GAP;
            BufferedImage map = pixelMap(shape, f.featureMaxLevels());
            g.drawImage(map, x0, CAPTION, panel, panel, null);
            BufferedImage mask = ImagePreviews.mask(shape, f.selected(), 1);
            g.drawImage(mask, x0 + panel + GAP, CAPTION, panel, panel, null);
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(caption(f), GAP, 15);
        g.dispose();
        return img;
    }

    /** Each pixel's largest probability, on the heatmap's colour scale (the level is 255 sqrt(p)). */
    private static BufferedImage pixelMap(Dataset.ImageShape shape, byte[] levels) {
        BufferedImage img = new BufferedImage(shape.width(), shape.height(), BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < shape.width() * shape.height() && p < levels.length; p++)
            img.setRGB(p % shape.width(), p / shape.width(), ImagePreviews.heat((levels[p] & 0xFF) / 255f));
        return img;
    }

    /** "try 1, epoch 5: T = 3.2, mean-max 0.41". */
    public static String caption(SelectorHistory.Frame f) {
        return String.format(Locale.ROOT, "%sepoch %d   T = %.3g   mean-max %.2f", f.tryNumber() > 1 ? "try " + f.tryNumber() + ", " : "",
                f.epoch(), f.temperature(), f.meanMaxProbability());
    }

    /** Writes an animated GIF (looping) of the chosen frames, atomically; returns how many frames it holds. */
    public static int writeGif(Path file, SelectorHistory h, Dataset.ImageShape shape, Options options) throws IOException {
        SelectorHistory shown = chosen(h, options);
        if (shown.size() == 0) throw new IOException("The replay has no frames to draw.");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try {
            AtomicFiles.write(file, out -> {
                try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                    writer.setOutput(ios);
                    writer.prepareWriteSequence(null);
                    for (SelectorHistory.Frame f : shown.frames()) {
                        BufferedImage img = frame(shown, f, shape, options.size());
                        ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(img);
                        IIOMetadata meta = writer.getDefaultImageMetadata(type, writer.getDefaultWriteParam());
                        frameMetadata(meta, options.delayMs());
                        writer.writeToSequence(new IIOImage(img, null, meta), writer.getDefaultWriteParam());
                    }
                    writer.endWriteSequence();
                }
            });
        } finally {
            writer.dispose();
        }
        return shown.size();
    }

    /** Writes frame_0001.png, ... into {@code dir} (created when missing); returns the files. */
    public static List<Path> writePngs(Path dir, SelectorHistory h, Dataset.ImageShape shape, Options options) throws IOException {
        SelectorHistory shown = chosen(h, options);
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        int i = 0;
        for (SelectorHistory.Frame f : shown.frames()) {
            Path p = dir.resolve(String.format(Locale.ROOT, "frame_%04d.png", ++i));
            ImagePreviews.png(p, frame(shown, f, shape, options.size()));
            files.add(p);
        }
        return files;
    }

    /** The GIF frame's delay (hundredths of a second) and, on every frame, the loop-forever extension. */
    private static void frameMetadata(IIOMetadata meta, int delayMs) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(Math.max(1, delayMs / 10)));
        gce.setAttribute("transparentColorIndex", "0");
        IIOMetadataNode apps = child(root, "ApplicationExtensions");
        IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
        app.setAttribute("applicationID", "NETSCAPE");
        app.setAttribute("authenticationCode", "2.0");
        app.setUserObject(new byte[] {1, 0, 0});
        apps.appendChild(app);
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) return (IIOMetadataNode) root.item(i);
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
