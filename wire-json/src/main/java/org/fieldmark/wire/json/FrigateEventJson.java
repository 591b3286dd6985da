package org.fieldmark.wire.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldmark.domain.frigate.FrigateEvent;

/**
 * Reads a message of Frigate's {@code <prefix>/events} topic: {@code type} and the {@code after}
 * object's {@code id}, {@code camera}, {@code label}, {@code sub_label} ({@code null}, a string as
 * in Frigate 0.13, or {@code [name, score]} as from 0.14), {@code top_score}, {@code false_positive},
 * {@code has_snapshot}, {@code current_zones} and {@code entered_zones}, {@code start_time} and
 * {@code end_time}. Unknown fields are ignored; a missing or mistyped field the event cannot do
 * without is an {@link IllegalArgumentException} naming it.
 */
public final class FrigateEventJson {

    /** Frigate's event messages are a few kilobytes; anything far larger is not one. */
    public static final int MAX_BYTES = 64 * 1024;

    private FrigateEventJson() {
    }

    /**
     * The event in {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong: not JSON, too large, a field missing or of the wrong type
     */
    public static FrigateEvent read(String text) {
        if (text.length() > MAX_BYTES) {
            throw new IllegalArgumentException("the message has " + text.length() + " characters, more than the "
                    + MAX_BYTES + " a Frigate event has");
        }
        Object root;
        try {
            root = JsonTree.read(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> message)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        FrigateEvent.Type type = FrigateEvent.Type.of(text(message, "type", true));
        if (!(message.get("after") instanceof Map<?, ?> after)) {
            throw new IllegalArgumentException("'after' is missing or not an object");
        }
        List<String> zones = new ArrayList<>(strings(after, "current_zones"));
        zones.addAll(strings(after, "entered_zones"));
        Double topScore = number(after, "top_score");
        if (topScore == null) {
            topScore = number(after, "score");
        }
        Double start = number(after, "start_time");
        try {
            return new FrigateEvent(type, text(after, "id", true), text(after, "camera", true),
                    text(after, "label", true), subLabel(after.get("sub_label")), topScore == null ? 0.0 : topScore,
                    flag(after, "false_positive"), flag(after, "has_snapshot"), zones, start == null ? 0.0 : start,
                    number(after, "end_time"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("after." + e.getMessage(), e);
        }
    }

    private static FrigateEvent.SubLabel subLabel(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String name) {
            return name.isBlank() ? null : new FrigateEvent.SubLabel(name, null);
        }
        if (value instanceof List<?> pair && !pair.isEmpty() && pair.size() <= 2 && pair.get(0) instanceof String name) {
            if (pair.size() == 1 || pair.get(1) == null) {
                return name.isBlank() ? null : new FrigateEvent.SubLabel(name, null);
            }
            if (pair.get(1) instanceof Number score) {
                return name.isBlank() ? null : new FrigateEvent.SubLabel(name, score.doubleValue());
            }
        }
        throw new IllegalArgumentException("sub_label must be null, a name or [name, score], was " + value);
    }

    private static String text(Map<?, ?> object, String field, boolean required) {
        Object value = object.get(field);
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        if (value == null && !required) {
            return null;
        }
        throw new IllegalArgumentException("'" + field + "' is " + (value == null ? "missing" : "not a non-blank "
                + "string: " + value));
    }

    private static Double number(Map<?, ?> object, String field) {
        Object value = object.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("'" + field + "' is not a number: " + value);
    }

    private static boolean flag(Map<?, ?> object, String field) {
        Object value = object.get(field);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("'" + field + "' is not true or false: " + value);
    }

    private static List<String> strings(Map<?, ?> object, String field) {
        Object value = object.get(field);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> items && items.stream().allMatch(String.class::isInstance)) {
            return items.stream().map(String.class::cast).toList();
        }
        throw new IllegalArgumentException("'" + field + "' is not a list of names: " + value);
    }
}
