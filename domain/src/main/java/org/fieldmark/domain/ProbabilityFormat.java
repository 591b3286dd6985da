package org.fieldmark.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Prints a probability exactly as Python's {@code '{:2.2f}'.format(p)} prints a double, which is
 * what the original workshop Lambda wrote into its messages: the exact binary value of the double
 * rounded half-to-even to two decimals. {@code String.format("%.2f")} rounds the shortest decimal
 * representation half-up instead, so it prints 0.125 as {@code 0.13} where Python prints
 * {@code 0.12}.
 */
public final class ProbabilityFormat {

    private ProbabilityFormat() {
    }

    /** Two decimals, as Python formats {@code '{:2.2f}'} for a finite double. */
    public static String twoDecimals(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("cannot format a non-finite probability: " + value);
        }
        // new BigDecimal(double) is the exact binary value, not the shortest decimal string.
        String text = new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
        // Python keeps the sign of a negative value that rounds to zero (-0.001 -> "-0.00"),
        // and of negative zero itself; BigDecimal has no negative zero.
        boolean negative = Double.doubleToRawLongBits(value) < 0;
        if (negative && text.charAt(0) != '-') {
            return "-" + text;
        }
        return text;
    }
}
