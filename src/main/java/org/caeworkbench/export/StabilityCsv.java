package org.caeworkbench.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.caeworkbench.eval.Stability;

/** {@code stability.csv}: {@code feature,name,times_chosen,fraction}, most often chosen first. */
public final class StabilityCsv {
    public static final String FILE = "stability.csv";
    public static final String HEADER = "feature,name,times_chosen,fraction";

    private StabilityCsv() {}

    public static void write(Path file, List<Stability.Feature> features) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Stability.Feature f : features) {
            sb.append(f.index()).append(',').append(Csv.quote(f.name())).append(',').append(f.times()).append(',')
                    .append(String.format(Locale.ROOT, "%.4f", f.fraction())).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }
}
