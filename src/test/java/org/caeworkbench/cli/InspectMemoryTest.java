package org.caeworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.caeworkbench.data.CsrMatrix;
import org.caeworkbench.data.DenseMatrix;
import org.junit.jupiter.api.Test;

/** 'cae inspect' says what the matrix takes as it is held: a sparse one by its non-zeros, not as if it were dense. */
class InspectMemoryTest {
    @Test
    void aSparseMatrixIsMeasuredByItsNonZerosAndADenseOneWhole() {
        // 1,000 rows x 10,000 columns with 50 non-zeros a row: 0.5% of the values
        int rows = 1000, cols = 10_000, perRow = 50;
        int[] start = new int[rows + 1];
        int[] columns = new int[rows * perRow];
        float[] values = new float[rows * perRow];
        for (int r = 0; r < rows; r++) {
            start[r + 1] = (r + 1) * perRow;
            for (int j = 0; j < perRow; j++) {
                columns[r * perRow + j] = j * 200;
                values[r * perRow + j] = 1;
            }
        }
        assertEquals("0.4 MB for the matrix, held sparse (50,000 non-zeros, 0.5% of the values)",
                InspectCommand.held(new CsrMatrix(rows, cols, start, columns, values)));
        assertEquals("38.1 MB for the matrix", InspectCommand.held(new DenseMatrix(1000, 10_000, new float[10_000_000])));
    }
}
