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

    private static final int FRACTION_BITS = 52;
    private static final long FRACTION_MASK = (1L << FRACTION_BITS) - 1;
    private static final long SIGN_MASK = 1L << 63;
    /** Above this, fall back to BigDecimal; every probability is far below it. */
    private static final double EXACT_LONG_LIMIT = 0x1p31;

    private ProbabilityFormat() {
    }

    /** Two decimals, as Python formats {@code '{:2.2f}'} for a finite double. */
    public static String twoDecimals(double value) {
        return appendTwoDecimals(new StringBuilder(8), value).toString();
    }

    /** Appends {@link #twoDecimals(double)} of {@code value} to {@code out}; messages use this. */
    static StringBuilder appendTwoDecimals(StringBuilder out, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("cannot format a non-finite probability: " + value);
        }
        // Python keeps the sign of a negative value that rounds to zero (-0.001 -> "-0.00"),
        // and of negative zero itself.
        boolean negative = Double.doubleToRawLongBits(value) < 0;
        if (Math.abs(value) < EXACT_LONG_LIMIT) {
            long hundredths = hundredthsHalfEven(Double.doubleToRawLongBits(value) & ~SIGN_MASK);
            long cents = hundredths % 100;
            if (negative) {
                out.append('-');
            }
            return out.append(hundredths / 100).append('.')
                    .append((char) ('0' + cents / 10)).append((char) ('0' + cents % 10));
        }
        // new BigDecimal(double) is the exact binary value, not the shortest decimal string.
        String text = new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
        if (negative && text.charAt(0) != '-') {
            out.append('-');
        }
        return out.append(text);
    }

    /**
     * The exact binary value of a non-negative double below 2^31, times 100, rounded half-to-even
     * to a whole number. The double is {@code mantissa / 2^shift} exactly, so the product is
     * {@code mantissa * 100 / 2^shift}: {@code mantissa * 100} stays below 2^60, and the quotient
     * and remainder of the shift decide the rounding without any inexact step. BigDecimal gives
     * the same answer with about a kilobyte of garbage per call.
     */
    private static long hundredthsHalfEven(long bits) {
        int biasedExponent = (int) (bits >>> FRACTION_BITS);
        long fraction = bits & FRACTION_MASK;
        long mantissa;
        int shift;
        if (biasedExponent == 0) {
            mantissa = fraction; // subnormal: fraction * 2^-1074
            shift = 1074;
        } else {
            mantissa = fraction | (1L << FRACTION_BITS);
            shift = 1075 - biasedExponent; // at least 22 below 2^31
        }
        if (shift > 61) {
            // The value is below 2^-9, so times 100 it is below half of one: it rounds to 0.
            return 0;
        }
        long scaled = mantissa * 100;
        long quotient = scaled >>> shift;
        long remainder = scaled & ((1L << shift) - 1);
        long half = 1L << (shift - 1);
        if (remainder > half || (remainder == half && (quotient & 1) == 1)) {
            quotient++;
        }
        return quotient;
    }
}
