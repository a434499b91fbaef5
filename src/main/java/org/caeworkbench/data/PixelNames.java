package org.caeworkbench.data;

import java.util.ArrayList;
import java.util.List;

/** Feature names {@code pixel_<row>_<col>} (0-based, row-major) that mark a dataset of images. */
final class PixelNames {
    private PixelNames() {}

    static List<String> of(int height, int width) {
        List<String> names = new ArrayList<>(height * width);
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++) names.add("pixel_" + r + "_" + c);
        return names;
    }

    /** The image shape when the names are exactly a full grid of pixel names in row-major order, else null. */
    static Dataset.ImageShape detect(List<String> names) {
        if (names.isEmpty() || !names.get(0).equals("pixel_0_0")) return null;
        String last = names.get(names.size() - 1);
        String[] parts = last.split("_");
        if (parts.length != 3 || !parts[0].equals("pixel")) return null;
        int height;
        int width;
        try {
            height = Integer.parseInt(parts[1]) + 1;
            width = Integer.parseInt(parts[2]) + 1;
        } catch (NumberFormatException e) {
            return null;
        }
        if (height <= 0 || width <= 0 || (long) height * width != names.size()) return null;
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equals("pixel_" + (i / width) + "_" + (i % width))) return null;
        }
        return new Dataset.ImageShape(height, width);
    }
}
