package org.caeworkbench.data;

/**
 * Parses a decimal number from a char range without allocating, rounding exactly as Float.parseFloat
 * does. Plain decimals with at most 7 significant digits and small exponents (MNIST pixels, most
 * expression values) take a float fast path: a mantissa below 2^24 times an exact power of ten,
 * rounded once; up to 15 digits go through a double (see {@link #viaDouble}); anything longer goes to
 * Float.parseFloat. Java-only spellings that Float.parseFloat would also accept ("1f", "0x1p3") are
 * refused as text.
 */
final class NumberParser {
    static final int NUMBER = 0;
    static final int MISSING = 1;
    static final int TEXT = 2;
    static final int NON_FINITE = 3;

    private static final float[] POW10 = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};
    private static final double[] DOUBLE_POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final long MANTISSA_CAP = 100_000_000_000_000_000L;   // 1e17: m*10+9 cannot overflow

    /** The value of the last field that parsed as NUMBER. */
    float value;
    private boolean decimalComma;

    /** Whether a comma is a decimal mark too ("1,5" is 1.5): in semicolon-separated tables. */
    void decimalComma(boolean on) {
        decimalComma = on;
    }

    /** One of NUMBER (see {@link #value}), MISSING, TEXT, NON_FINITE. */
    int parse(char[] c, int s, int e) {
        if (s == e) return MISSING;
        int i = s;
        boolean negative = false;
        if (c[i] == '-' || c[i] == '+') { negative = c[i] == '-'; i++; }
        long m = 0;
        int exp10 = 0;
        boolean digits = false;
        boolean exact = true;          // false once digits were dropped from the mantissa
        char ch;
        while (i < e && (ch = c[i]) >= '0' && ch <= '9') {
            digits = true;
            if (m < MANTISSA_CAP) m = m * 10 + (ch - '0');
            else { exp10++; exact &= ch == '0'; }
            i++;
        }
        if (i < e && (c[i] == '.' || (decimalComma && c[i] == ','))) {
            i++;
            while (i < e && (ch = c[i]) >= '0' && ch <= '9') {
                digits = true;
                if (m < MANTISSA_CAP) { m = m * 10 + (ch - '0'); exp10--; }
                else exact &= ch == '0';
                i++;
            }
        }
        if (!digits) return notDecimal(c, s, e);
        if (i < e && (c[i] == 'e' || c[i] == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < e && (c[i] == '-' || c[i] == '+')) { expNegative = c[i] == '-'; i++; }
            int exp = 0;
            boolean expDigits = false;
            while (i < e && (ch = c[i]) >= '0' && ch <= '9') {
                expDigits = true;
                if (exp < 100_000) exp = exp * 10 + (ch - '0');
                i++;
            }
            if (!expDigits) return TEXT;
            exp10 += expNegative ? -exp : exp;
        }
        if (i != e) return TEXT;
        float v;
        if (m == 0) {
            v = 0f;
        } else if (exact && m < (1L << 24) && exp10 >= -10 && exp10 <= 10) {
            v = exp10 >= 0 ? (float) m * POW10[exp10] : (float) m / POW10[-exp10];
        } else if (exact && m < (1L << 53) && exp10 >= -22 && exp10 <= 22) {
            v = viaDouble(m, exp10);
            if (Float.isNaN(v)) v = Math.abs(Float.parseFloat(plain(c, s, e)));
        } else {
            v = Math.abs(Float.parseFloat(plain(c, s, e)));
        }
        if (Float.isInfinite(v)) return NON_FINITE;   // e.g. 1e39 overflows float
        value = negative ? -v : v;
        return NUMBER;
    }

    /** The field as Float.parseFloat reads it: a decimal comma (already checked to be the only one) as a point. */
    private String plain(char[] c, int s, int e) {
        String t = new String(c, s, e - s);
        return decimalComma ? t.replace(',', '.') : t;
    }

    /**
     * m · 10^exp10 through a correctly rounded double (Clinger's fast path: both factors are exact
     * doubles, one rounding), then to float. Rounding twice can only go wrong when the double lands
     * exactly on a midpoint between two floats, since every such midpoint is itself a double; then NaN
     * asks the caller for the slow, exact way.
     */
    private static float viaDouble(long m, int exp10) {
        double d = exp10 >= 0 ? m * DOUBLE_POW10[exp10] : m / DOUBLE_POW10[-exp10];
        float f = (float) d;
        if ((double) f == d) return f;
        if (Float.isInfinite(f)) return Float.NaN;
        float other = d > f ? Math.nextUp(f) : Math.nextDown(f);
        return (double) f + ((double) other - (double) f) / 2 == d ? Float.NaN : f;
    }

    /** Missing-value markers and spelled-out infinities; anything else is text. */
    private static int notDecimal(char[] c, int s, int e) {
        String t = new String(c, s, Math.min(e - s, 12)).toLowerCase(java.util.Locale.ROOT);
        if (e - s > 12) return TEXT;
        switch (t) {
            case "na": case "nan": case "n/a": case "?": case "null":
                return MISSING;
            case "inf": case "+inf": case "-inf": case "infinity": case "+infinity": case "-infinity":
                return NON_FINITE;
            default:
                return TEXT;
        }
    }
}
