package org.fieldmark.wire.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import org.fieldmark.domain.ModelOutputException;
import org.fieldmark.wire.json.ModelOutputJson.Where;

/**
 * Says what is wrong with a model's answer in the words Fieldmark has always used ("expected ','
 * or ']' after class 3 at offset 17"), whatever Jackson's own wording: operators grep for them,
 * and they name the class, not the parser. Each complaint of the parser is read together with
 * where the reader was ({@link Where}) and the text around the offset it reports.
 */
final class ModelOutputProblem {

    private static final int SNIPPET = 120;

    private final String text;

    ModelOutputProblem(String text) {
        this.text = text;
    }

    /** The exception for {@code what} at {@code offset}, quoting the start of the answer. */
    ModelOutputException at(int offset, String what) {
        String snippet = text.length() <= SNIPPET ? text : text.substring(0, SNIPPET) + "...";
        return new ModelOutputException("model output is not a usable JSON probability vector: " + what
                + " at offset " + Math.min(offset, text.length()) + "; output starts: " + snippet);
    }

    /**
     * The exception for the parser's complaint {@code e}.
     *
     * @param count   numbers read so far in the vector
     * @param inArray whether the parser was inside an array (else an object)
     * @param wanted  the field whose value must be the vector, when the complaint may be about its value
     */
    ModelOutputException of(IOException e, Where where, int count, boolean inArray, String wanted) {
        int at = offset(e);
        String said = e instanceof JsonProcessingException p ? p.getOriginalMessage() : String.valueOf(e.getMessage());
        boolean endOfInput = e instanceof JsonEOFException || said.contains("end-of-input");
        if (e instanceof StreamConstraintsException) {
            return at(at, "JSON nested deeper than " + ModelOutputJson.MAX_DEPTH + " levels");
        }
        String string = string(said, at);
        if (string != null) {
            return at(string.startsWith("bad") ? escapeDigits(at) : text.length(), string);
        }
        String separator = separator(said, where, count, at);
        if (separator != null) {
            return at(at, separator);
        }
        int start = valueStart(at);
        if (wanted != null) {
            return endOfInput && start >= text.length() ? at(start, "unexpected end of output")
                    : at(start, "'" + wanted + "' must be an array of numbers");
        }
        String number = number(said);
        if (number != null) {
            return at(start, number);
        }
        if (endOfInput) {
            return where == Where.VECTOR_NEXT && lastNonWhitespace() == ',' ? at(text.length(), "expected a number")
                    : at(text.length(), "unexpected end of output");
        }
        boolean vector = where == Where.VECTOR || where == Where.VECTOR_NEXT;
        String literal = said.startsWith("Unrecognized token") ? literalAt(start, vector) : null;
        if (literal == null) {
            return at(start, "expected a number");
        }
        return at(start + literal.length(), vector ? afterValue(Where.VECTOR_NEXT, count + 1, true)
                : afterValue(where, count, inArray));
    }

    /** An unterminated string or a bad escape in one. */
    private String string(String said, int at) {
        if (said.contains("escape sequence")) {
            int backslash = text.lastIndexOf('\\', Math.min(at, text.length() - 1));
            return text.startsWith("\\u", backslash) ? "bad \\u escape" : "unterminated string";
        }
        if (said.contains("hex-digit")) {
            return "bad \\u escape";
        }
        if (said.contains("closing quote") || said.contains("in field name") || said.contains("String value")) {
            return "unterminated string";
        }
        return null;
    }

    /** Where the four digits of the {@code \\u} escape before {@code at} should have been. */
    private int escapeDigits(int at) {
        return text.lastIndexOf("\\u", Math.min(at, text.length()) - 1) + 2;
    }

    /** The words for a missing comma, quote or colon, or a close marker in the wrong place. */
    private String separator(String said, Where where, int count, int at) {
        if (said.contains("comma to separate Array entries")) {
            return afterValue(where, count, true);
        }
        if (said.contains("comma to separate Object entries")) {
            return afterValue(where, count, false);
        }
        if (said.contains("double-quote to start field name")) {
            return "expected '\"'";
        }
        if (said.contains("colon to separate field name and value")) {
            return "expected ':'";
        }
        if (said.startsWith("Unexpected close marker")) {
            boolean inArray = said.contains("expected ']'");
            char before = before(at);
            if (before == '[' || before == ':' || (before == ',' && inArray) || where == Where.VECTOR) {
                return null;
            }
            return before == '{' || before == ',' ? "expected '\"'" : afterValue(where, count, inArray);
        }
        return null;
    }

    private static String afterValue(Where where, int count, boolean inArray) {
        if (where == Where.VECTOR_NEXT) {
            return "expected ',' or ']' after class " + (count - 1);
        }
        return inArray ? "expected ',' or ']' in array" : "expected ',' or '}' in object";
    }

    private static String number(String said) {
        if (said.contains("Leading zero")) {
            return "a JSON number has no leading zeros";
        }
        if (said.contains("Decimal point not followed by a digit")) {
            return "expected digits after the decimal point";
        }
        if (said.contains("No digit following sign")) {
            return "expected a number";
        }
        if (said.contains("Exponent indicator not followed by a digit") || said.contains("digit for number exponent")) {
            return "expected digits in the exponent";
        }
        return null;
    }

    /**
     * A literal run into other letters ({@code NaNx}, {@code nullx}): the old reader took the
     * literal and then complained about what follows it, so this does too. A vector holds only
     * numbers, so only NaN and the infinities count there.
     */
    private String literalAt(int start, boolean vector) {
        String[] literals = vector ? new String[] {"NaN", "Infinity", "-Infinity"}
                : new String[] {"true", "false", "null", "NaN", "Infinity", "-Infinity"};
        for (String literal : literals) {
            if (text.startsWith(literal, start)) {
                return literal;
            }
        }
        return null;
    }

    /** Where the value that holds {@code at} starts: back over its letters and digits. */
    private int valueStart(int at) {
        int start = Math.min(at, text.length());
        while (start > 0 && !delimiter(text.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    private static boolean delimiter(char c) {
        return whitespace(c) || c == ',' || c == ':' || c == '[' || c == ']' || c == '{' || c == '}' || c == '"';
    }

    private char before(int at) {
        int i = Math.min(at, text.length()) - 1;
        while (i >= 0 && whitespace(text.charAt(i))) {
            i--;
        }
        return i < 0 ? 0 : text.charAt(i);
    }

    private char lastNonWhitespace() {
        return before(text.length());
    }

    /** The first index at or after {@code from} that is not JSON whitespace. */
    int skipWhitespace(int from) {
        int i = from;
        while (i < text.length() && whitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean whitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private int offset(IOException e) {
        JsonLocation location = e instanceof JsonProcessingException p ? p.getLocation() : null;
        long offset = location == null ? -1 : location.getCharOffset();
        return offset < 0 ? text.length() : (int) Math.min(offset, text.length());
    }
}
