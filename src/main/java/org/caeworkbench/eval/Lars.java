package org.caeworkbench.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Least Angle Regression (Efron, Hastie, Johnstone and Tibshirani 2004) stopped after a given number
 * of variables have entered, as scikit-learn's {@code Lars(n_nonzero_coefs=…)} which MCFS uses: the
 * columns are centred and scaled to unit norm (the response centred), the variable most correlated
 * with the residual enters, and the coefficients move along the equiangular direction until another
 * variable is as correlated. Coefficients are returned in the original column units. Columns with no
 * variance, or in the span of those already active, never enter.
 */
final class Lars {
    private final int n;
    private final int p;
    private final double[] z;       // column-major n × p, centred, unit norm (zero columns stay zero)
    private final double[] scale;   // norm of each centred column (0 = cannot enter)

    /** Prepares the design matrix from a column-major centred copy (taken over, not copied). */
    Lars(double[] centredColumns, int n, int p) {
        this.n = n;
        this.p = p;
        this.z = centredColumns;
        this.scale = new double[p];
        double maxNorm = 0;
        for (int c = 0; c < p; c++) {
            scale[c] = Math.sqrt(Dense.dot(z, c * n, z, c * n, n));
            maxNorm = Math.max(maxNorm, scale[c]);
        }
        for (int c = 0; c < p; c++) {
            if (scale[c] <= 1e-10 * maxNorm) {
                scale[c] = 0;
                for (int i = 0; i < n; i++) z[c * n + i] = 0;
            } else {
                for (int i = 0; i < n; i++) z[c * n + i] /= scale[c];
            }
        }
    }

    /** The coefficients (length p) after {@code steps} variables have entered (fewer if the fit is exact). */
    double[] fit(double[] y, int steps) {
        if (y.length != n) throw new IllegalArgumentException("response has " + y.length + " values, expected " + n);
        double ym = 0;
        for (double v : y) ym += v;
        ym /= n;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) r[i] = y[i] - ym;
        double[] c = new double[p];
        for (int j = 0; j < p; j++) c[j] = scale[j] == 0 ? 0 : Dense.dot(z, j * n, r, 0, n);
        boolean[] excluded = new boolean[p];
        for (int j = 0; j < p; j++) excluded[j] = scale[j] == 0;
        boolean[] active = new boolean[p];
        List<Integer> set = new ArrayList<>();
        double[] beta = new double[p];
        double[] u = new double[n];
        double[] a = new double[p];
        double tiny = 1e-12 * Math.sqrt(Dense.dot(r, 0, r, 0, n));

        int next = argmaxAbs(c, active, excluded);
        while (set.size() < steps && next >= 0) {
            // enter `next` unless it is (numerically) in the span of the active columns
            set.add(next);
            active[next] = true;
            int m = set.size();
            double[] gram = new double[m * m];
            for (int x = 0; x < m; x++)
                for (int w = 0; w <= x; w++) {
                    double v = Dense.dot(z, set.get(x) * n, z, set.get(w) * n, n);
                    gram[x * m + w] = v;
                    gram[w * m + x] = v;
                }
            double[] sgn = new double[m];
            for (int x = 0; x < m; x++) sgn[x] = Math.signum(c[set.get(x)]) == 0 ? 1 : Math.signum(c[set.get(x)]);
            double[] g = Dense.choleskySolve(gram, m, sgn);
            if (g == null) {
                set.remove(m - 1);
                active[next] = false;
                excluded[next] = true;
                next = argmaxAbs(c, active, excluded);
                continue;
            }
            double big = Math.abs(c[set.get(0)]);
            if (big <= tiny) break;   // the residual is (numerically) explained
            double s = 0;
            for (int x = 0; x < m; x++) s += sgn[x] * g[x];
            double aa = 1 / Math.sqrt(s);
            java.util.Arrays.fill(u, 0);
            for (int x = 0; x < m; x++) {
                double w = aa * g[x];
                int off = set.get(x) * n;
                for (int i = 0; i < n; i++) u[i] += w * z[off + i];
            }
            double gamma = big / aa;   // all the way to the least-squares fit of the active set
            int enter = -1;
            for (int j = 0; j < p; j++) {
                if (active[j] || excluded[j]) continue;
                a[j] = Dense.dot(z, j * n, u, 0, n);
                double g1 = (big - c[j]) / (aa - a[j]);
                double g2 = (big + c[j]) / (aa + a[j]);
                if (g1 > 1e-15 && g1 < gamma) { gamma = g1; enter = j; }
                if (g2 > 1e-15 && g2 < gamma) { gamma = g2; enter = j; }
            }
            for (int x = 0; x < m; x++) beta[set.get(x)] += gamma * aa * g[x];
            for (int i = 0; i < n; i++) r[i] -= gamma * u[i];
            for (int j = 0; j < p; j++) {
                if (excluded[j]) continue;
                c[j] = active[j] ? c[j] - gamma * aa * Math.signum(c[j]) : c[j] - gamma * a[j];
            }
            next = enter;
        }
        double[] coef = new double[p];
        for (int j = 0; j < p; j++) coef[j] = scale[j] == 0 ? 0 : beta[j] / scale[j];
        return coef;
    }

    private static int argmaxAbs(double[] c, boolean[] active, boolean[] excluded) {
        int best = -1;
        for (int j = 0; j < c.length; j++) {
            if (active[j] || excluded[j]) continue;
            if (best < 0 || Math.abs(c[j]) > Math.abs(c[best])) best = j;
        }
        return best;
    }
}
