package org.fieldmark.wire.json.testing;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The model-answer table: every shape the reader accepts and every unusable answer with what its
 * error says. Shared (test-jar) so the Lambda's tests can run it against the reader as the
 * deployable jar holds it, relocated onto the AWS SDK's copy of Jackson.
 */
public final class ModelOutputCases {

    private ModelOutputCases() {
    }

    /** Name, JSON, the vector it reads as. */
    public static Stream<Arguments> acceptedShapes() {
        return Stream.of(
                arguments("plain array", "[0.1, 0.9]", new double[] {0.1, 0.9}),
                arguments("predictions object", "{\"predictions\": [0.1, 0.9]}", new double[] {0.1, 0.9}),
                arguments("probabilities object", "{\"probabilities\": [0.1, 0.9]}", new double[] {0.1, 0.9}),
                arguments("batch of one", "[[0.1,0.9]]", new double[] {0.1, 0.9}),
                arguments("predictions batch of one", "{\"predictions\": [[0.1, 0.9]]}", new double[] {0.1, 0.9}),
                arguments("extra fields before and after",
                        "{\"model\": \"bird \\\"v2\\\" \\\\ \\u00e9 \\n\", \"meta\": {\"layers\": [1, 2, {\"x\": null}],"
                                + " \"ok\": true, \"empty\": {}, \"none\": []}, \"predictions\": [0.25, 0.75],"
                                + " \"flags\": [true, false, null], \"latency\": -1.5e3, \"name\": \"}]\"}",
                        new double[] {0.25, 0.75}),
                arguments("escaped key", "{\"pred\\u0069ctions\": [0.5, 0.5]}", new double[] {0.5, 0.5}),
                arguments("exponents", "[1e-5, 2.5E+1, 3E2, 0.5e0, 7e-1]", new double[] {1e-5, 25.0, 300.0, 0.5, 0.7}),
                arguments("zero and negative zero", "[0, -0, 0.0, -0.0]", new double[] {0.0, -0.0, 0.0, -0.0}),
                arguments("whitespace and newlines", " \n\t[\r\n 0.25 ,\n0.75\t]\n ", new double[] {0.25, 0.75}),
                arguments("spaced batch", "[ [ 0.25 , 0.75 ] ]", new double[] {0.25, 0.75}),
                arguments("spaced object", "{ \"predictions\" : [ 1 ] }", new double[] {1.0}),
                arguments("integers", "[0, 1, 0, 0]", new double[] {0, 1, 0, 0}),
                arguments("empty array", "[]", new double[0]),
                arguments("first matching field wins",
                        "{\"predictions\": [0.1], \"probabilities\": [0.2]}", new double[] {0.1}),
                arguments("raw control characters and any escape in skipped strings",
                        "{\"note\": \"tab\there \\q\", \"predictions\": [1]}", new double[] {1.0}),
                arguments("NaN and infinities in skipped fields", "{\"m\": [NaN, -Infinity], \"predictions\": [1]}",
                        new double[] {1.0}),
                arguments("a number beyond a double as an infinity", "[1e501, -1e501]",
                        new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}),
                arguments("long integers", "[12345678901234567890123, 1]", new double[] {1.2345678901234568E22, 1}));
    }

    /** JSON, what the error must say (the message always quotes the JSON after "output starts: "). */
    public static Stream<Arguments> unusableOutputs() {
        return Stream.of(
                arguments("null", "expected a JSON array of probabilities or an object"),
                arguments("\"text\"", "expected a JSON array"),
                arguments("<html><body>502 Bad Gateway</body></html>", "expected a JSON array"),
                arguments("0.5", "expected a JSON array"),
                arguments("{}", "JSON object has no 'predictions' or 'probabilities' array"),
                arguments("{\"foo\":[1]}", "JSON object has no 'predictions' or 'probabilities' array"),
                arguments("{\"predictions\": \"0.1,0.9\"}", "'predictions' must be an array of numbers"),
                arguments("{\"probabilities\": {\"a\": 1}}", "'probabilities' must be an array of numbers"),
                arguments("{\"predictions\": [1] \"x\": 2}", "expected ',' or '}' in object"),
                arguments("{predictions: [1]}", "expected '\"'"),
                arguments("{\"predictions\" [1]}", "expected ':'"),
                arguments("{\"a\": tru, \"predictions\": [1]}", "expected a number"),
                arguments("{\"a\": \"open, \"predictions\": [1]}", "expected ',' or '}' in object at offset 14"),
                arguments("{\"a\": \"never closed", "unterminated string"),
                arguments("{\"a\": \"bad \\u12\"}", "bad \\u escape"),
                arguments("{\"a\": \"bad \\uZZZZ\"}", "bad \\u escape"),
                arguments("{\"a\": [1 2], \"predictions\": [1]}", "expected ',' or ']' in array"),
                arguments("{\"a\": {\"b\" 1}, \"predictions\": [1]}", "expected ':'"),
                arguments("[1,]", "expected a number at offset 3"),
                arguments("[,1]", "expected a number at offset 1"),
                arguments("[1 2]", "expected ',' or ']' after class 0 at offset 3"),
                arguments("[0.5, 0.5 0.5]", "expected ',' or ']' after class 1"),
                arguments("[01]", "a JSON number has no leading zeros"),
                arguments("[-01]", "a JSON number has no leading zeros"),
                arguments("[1.]", "expected digits after the decimal point"),
                arguments("[.5]", "expected a number"),
                arguments("[+1]", "expected a number"),
                arguments("[-]", "expected a number"),
                arguments("[1e]", "expected digits in the exponent"),
                arguments("[1e+]", "expected digits in the exponent"),
                arguments("[\"0.5\"]", "expected a number"),
                arguments("[null]", "expected a number"),
                arguments("[nan]", "expected a number"),
                arguments("[1] x", "unexpected text after the JSON value at offset 4"),
                arguments("[1][2]", "unexpected text after the JSON value"),
                arguments("{\"predictions\": [1]}}", "unexpected text after the JSON value"),
                arguments("[[1],[2]]", "expected a batch of exactly one probability vector"),
                arguments("[[1]", "unexpected end of output at offset 4"),
                arguments("[[[1]]]", "expected a number"),
                arguments("[0.1,", "expected a number at offset 5"),
                arguments("[0.1", "unexpected end of output"),
                arguments("[", "unexpected end of output"),
                arguments("{\"predictions\": [0.1, 0.9]", "unexpected end of output"),
                arguments("{", "unexpected end of output"),
                arguments("[INF]", "expected a number at offset 1"),
                arguments("[+Infinity]", "expected a number at offset 1"),
                arguments("[-INF]", "expected a number at offset 1"),
                arguments("[NaNx]", "expected ',' or ']' after class 0 at offset 4"),
                arguments("[0.5, -Infinity01]", "expected ',' or ']' after class 1 at offset 15"),
                arguments("{\"a\": nullx, \"predictions\": [1]}", "expected ',' or '}' in object at offset 10"),
                arguments("{\"a\": [truex], \"predictions\": [1]}", "expected ',' or ']' in array at offset 11"),
                arguments("{\"a\": [}, \"predictions\": [1]}", "expected a number at offset 7"),
                arguments("{\"a\": [1}, \"predictions\": [1]}", "expected ',' or ']' in array at offset 8"),
                arguments("{]", "expected '\"' at offset 1"),
                arguments("[1}", "expected ',' or ']' after class 0 at offset 2"),
                arguments("[}", "expected a number at offset 1"),
                arguments("{\"predictions\": 01}", "'predictions' must be an array of numbers at offset 16"),
                arguments("{\"predictions\": tru}", "'predictions' must be an array of numbers at offset 16"),
                arguments("{\"predictions\": ", "unexpected end of output at offset 16"),
                arguments("{\"a\": 1,", "unexpected end of output at offset 8"),
                arguments("{\"a\": 1,}", "expected '\"' at offset 8"),
                arguments("{\"a\": \"\\u12\\u1234\"}", "bad \\u escape at offset 9"),
                arguments("{\"a\": \"\\u1", "bad \\u escape at offset 9"),
                arguments("{\"a\": \"x\\", "unterminated string at offset 9"),
                arguments("[1e", "expected digits in the exponent at offset 1"),
                arguments("[-", "expected a number at offset 1"),
                arguments("[[1] x", "expected a batch of exactly one probability vector at offset 0"),
                arguments("[[1],", "expected a batch of exactly one probability vector at offset 0"),
                // Issue 17 goal 3: what the split into FastDoubleParser leaves to Jackson, which words it.
                // Numbers split oddly and the spellings FastDoubleParser's JSON parser would take.
                arguments("[1.5.5]", "expected ',' or ']' after class 0 at offset 4"),
                arguments("[1e5e5]", "expected ',' or ']' after class 0 at offset 4"),
                arguments("[1e5.5]", "expected ',' or ']' after class 0 at offset 4"),
                arguments("[1-2]", "expected ',' or ']' after class 0 at offset 2"),
                arguments("[1e5 5]", "expected ',' or ']' after class 0 at offset 5"),
                arguments("[1 .5]", "expected ',' or ']' after class 0 at offset 3"),
                arguments("[0x10]", "expected ',' or ']' after class 0 at offset 2"),
                arguments("[0.1\u00a0]", "expected ',' or ']' after class 0 at offset 4"),
                arguments("[00]", "a JSON number has no leading zeros at offset 1"),
                arguments("[0.]", "expected digits after the decimal point at offset 1"),
                arguments("[1.e5]", "expected digits after the decimal point at offset 1"),
                arguments("[-.5]", "expected a number at offset 1"),
                arguments("[1e+-5]", "expected digits in the exponent at offset 1"),
                arguments("[--1]", "expected a number at offset 1"),
                // Signs, -0 and NaN text.
                arguments("[0.5, +0.5]", "expected a number at offset 6"),
                arguments("[-0 0]", "expected ',' or ']' after class 0 at offset 4"),
                arguments("[-0, -]", "expected a number at offset 5"),
                arguments("[0.5, NAN]", "expected a number at offset 6"),
                // Trailing and doubled commas, brackets, nesting.
                arguments("[[1,]]", "expected a number at offset 4"),
                arguments("{\"predictions\": [1,]}", "expected a number at offset 19"),
                arguments("{\"predictions\": [[0.5, 0.5],]}", "expected a batch of exactly one probability vector at offset 16"),
                arguments("[1,,2]", "expected a number at offset 3"),
                arguments("[1]]", "unexpected text after the JSON value at offset 3"),
                arguments("{\"predictions\": [1]]}", "expected ',' or '}' in object at offset 19"),
                arguments("[[0.5], 0.5]", "expected a batch of exactly one probability vector at offset 0"),
                arguments("[[[[1]]]]", "expected a number at offset 2"));
    }
}
