package org.caeworkbench.ui;

import java.util.HashSet;
import java.util.Set;
import javafx.scene.image.Image;

/** Reading pictures in the gallery tests. */
final class GalleryPaneTestSupport {
    private GalleryPaneTestSupport() {}

    static int distinctColours(Image img) {
        Set<Integer> c = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) c.add(img.getPixelReader().getArgb(x, y));
        return c.size();
    }
}
