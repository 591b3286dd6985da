package org.fieldmark.wire.json;

import ch.randelshofer.fastdoubleparser.JsonDoubleParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The quickest way through a model's answer, for the shapes model servers send (issue 17 goal 3):
 * a flat array of numbers, a batch of one such array, or an object whose one field is
 * {@code "predictions"} or {@code "probabilities"} holding either. It only finds where each number
 * starts and ends (the bytes between the brackets, commas and JSON whitespace) and hands those
 * bytes to FastDoubleParser's JSON-number parser, the one Jackson embeds, with no tokenizer
 * between. Anything else (another shape, an empty array, NaN, a string, a stray byte, any
 * syntax error) makes it say {@code null}, and Jackson decides ({@link ModelOutputBytes}, then the
 * careful text reading that words every problem): so the vector is Jackson's and the errors are
 * Jackson's by construction, and this class never rejects anything itself.
 */
final class ModelOutputSplit {

    private static final byte[] PREDICTIONS = "\"predictions\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PROBABILITIES = "\"probabilities\"".getBytes(StandardCharsets.US_ASCII);

    /** The bytes a JSON number is made of: digits, {@code . - + e E}. */
    private static final boolean[] NUMBER_BYTES = new boolean[256];

    static {
        for (byte b : "0123456789.-+eE".getBytes(StandardCharsets.US_ASCII)) {
            NUMBER_BYTES[b] = true;
        }
    }

    private final byte[] json;
    /** The next byte to look at. */
    private int at;

    private ModelOutputSplit(byte[] json) {
        this.json = json;
    }

    /** The vector, or {@code null} when the answer is not in a common shape or not well-formed. */
    static double[] read(byte[] utf8) {
        ModelOutputSplit split = new ModelOutputSplit(utf8);
        double[] vector = split.document();
        return vector != null && split.skipSpace() == utf8.length ? vector : null;
    }

    private double[] document() {
        if (!take('{')) {
            return arrayOrBatch();
        }
        if (!take(PREDICTIONS) && !take(PROBABILITIES) || !take(':')) {
            return null;
        }
        double[] vector = arrayOrBatch();
        return vector != null && take('}') ? vector : null;
    }

    private double[] arrayOrBatch() {
        if (!take('[')) {
            return null;
        }
        if (!take('[')) {
            return numbers();
        }
        double[] inner = numbers();
        return inner != null && take(']') ? inner : null;
    }

    /** The numbers after an opening bracket, through the closing one. */
    private double[] numbers() {
        byte[] bytes = json;
        double[] values = new double[1024];
        int count = 0;
        int i = at;
        while (true) {
            i = space(bytes, i);
            int end = numberEnd(i);
            if (end < 0) {
                return null;
            }
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            try {
                values[count++] = JsonDoubleParser.parseDouble(bytes, i, end - i);
            } catch (NumberFormatException e) {
                return null;
            }
            i = space(bytes, end);
            if (i < bytes.length && bytes[i] == ']') {
                at = i + 1;
                return Arrays.copyOf(values, count);
            }
            if (i == bytes.length || bytes[i] != ',') {
                return null;
            }
            i++;
        }
    }

    /**
     * Where the number starting at {@code start} ends (its bytes are those a JSON number is made
     * of, the parser decides whether they make one), or -1 where FastDoubleParser 2.0.1's JSON
     * parser would take what JSON does not allow ({@code 01}, {@code .5}, {@code 1.}, {@code 1.e5}):
     * a number starts with a digit after its sign, a leading zero is the whole integer part, and a
     * decimal point has a digit after it. Such bytes go to Jackson, which refuses them in the
     * table's words. One table look-up per byte: this loop is most of the split's time.
     */
    private int numberEnd(int start) {
        byte[] bytes = json;
        int first = start < bytes.length && bytes[start] == '-' ? start + 1 : start;
        if (first >= bytes.length || !digit(bytes[first])
                || bytes[first] == '0' && first + 1 < bytes.length && digit(bytes[first + 1])) {
            return -1;
        }
        int end = first + 1;
        while (end < bytes.length && digit(bytes[end])) {
            end++;
        }
        // A later point is a second one or in the exponent, which the parser refuses.
        if (end < bytes.length && bytes[end] == '.') {
            if (end + 1 == bytes.length || !digit(bytes[end + 1])) {
                return -1;
            }
            end++;
        }
        while (end < bytes.length && NUMBER_BYTES[bytes[end] & 0xFF]) {
            end++;
        }
        return end;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** Takes {@code expected} after any whitespace, or takes nothing and says so. */
    private boolean take(char expected) {
        int i = skipSpace();
        if (i < json.length && json[i] == expected) {
            at = i + 1;
            return true;
        }
        return false;
    }

    private boolean take(byte[] expected) {
        int i = skipSpace();
        if (json.length - i >= expected.length && Arrays.equals(json, i, i + expected.length, expected, 0, expected.length)) {
            at = i + expected.length;
            return true;
        }
        return false;
    }

    /** Moves past JSON whitespace and answers where that is. */
    private int skipSpace() {
        at = space(json, at);
        return at;
    }

    /** The first index at or after {@code from} that is not JSON whitespace. */
    private static int space(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) {
            i++;
        }
        return i;
    }
}
