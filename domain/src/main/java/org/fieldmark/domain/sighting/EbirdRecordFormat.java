package org.fieldmark.domain.sighting;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes sightings as an eBird "Record Format (Extended)" CSV file, the format eBird's import tool
 * takes (Submit > Import data > eBird Record Format (Extended)). Nineteen columns, in eBird's
 * order and without a header row: Common Name, Genus, Species, Number, Species Comments,
 * Location Name, Latitude, Longitude, Date (MM/DD/YYYY), Start Time (HH:MM, 24 h), State/Province,
 * Country Code, Protocol, Number of Observers, Duration (minutes), All observations reported?
 * (Y/N), Effort Distance Miles, Effort area acres, Submission Comments. Fields are quoted as RFC
 * 4180 says (commas, quotes, line breaks); lines end in CRLF; the text is meant to be sent as UTF-8.
 *
 * <p>eBird requires one date and one place per checklist, so a checklist here is one local date
 * at one camera (the sighting's source, used as the location name; eBird asks to match it to a
 * map location on import). Its protocol is "Stationary", one observer, the start time is the
 * first sighting's and the duration runs to the last one (at least a minute). "All observations
 * reported" is N: a camera sees only what passes in front of it.
 *
 * <p>Number is 1 per species and checklist. A photo shows the model's one species, so a camera
 * proves at most one bird of a species at a time, and eBird's rule for stationary counts is the
 * most seen at once: forty photos of the feeder's sparrow are one sparrow, not forty. How many
 * photos there were goes into Species Comments instead.
 *
 * <p>Sightings reviewed as "not a bird" are left out, reviewed ones count under the corrected
 * species, and unreviewed ones only when the model was confident: an unsure guess nobody checked
 * does not belong in eBird.
 */
public final class EbirdRecordFormat {

    /** eBird's protocol name for a count from one spot. */
    public static final String PROTOCOL = "Stationary";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final String CRLF = "\r\n";

    private EbirdRecordFormat() {
    }

    /** Whether a sighting goes into the export: a bird, and reviewed or confidently identified. */
    public static boolean exported(Sighting sighting) {
        return sighting.countsAsBird() && (sighting.review() != null || sighting.confident());
    }

    /**
     * The CSV text of {@code sightings}, one row per species per checklist (local date and source
     * in {@code zone}), checklists by date then location, species by common name.
     */
    public static String write(List<Sighting> sightings, ZoneId zone, SpeciesNames names) {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(names, "names");
        Map<ChecklistKey, List<Sighting>> checklists = new TreeMap<>();
        sightings.stream().filter(EbirdRecordFormat::exported)
                .sorted(Comparator.comparing(Sighting::time).thenComparing(Sighting::id))
                .forEach(s -> checklists.computeIfAbsent(
                        new ChecklistKey(s.time().atZone(zone).toLocalDate(), s.source()),
                        k -> new ArrayList<>()).add(s));
        StringBuilder csv = new StringBuilder();
        checklists.forEach((checklist, members) -> writeChecklist(csv, checklist, members, zone, names));
        return csv.toString();
    }

    private static void writeChecklist(StringBuilder csv, ChecklistKey checklist, List<Sighting> members,
                                       ZoneId zone, SpeciesNames names) {
        ZonedDateTime start = members.get(0).time().atZone(zone);
        ZonedDateTime end = members.get(members.size() - 1).time().atZone(zone);
        long minutes = Math.max(1, (Duration.between(start, end).toSeconds() + 59) / 60);
        Map<String, List<Sighting>> bySpecies = new TreeMap<>();
        for (Sighting s : members) {
            bySpecies.computeIfAbsent(s.speciesKey(), k -> new ArrayList<>()).add(s);
        }
        List<List<Sighting>> species = new ArrayList<>(bySpecies.values());
        species.sort(Comparator.comparing((List<Sighting> group) -> names.displayName(group.get(group.size() - 1)),
                String.CASE_INSENSITIVE_ORDER));
        for (List<Sighting> group : species) {
            Sighting last = group.get(group.size() - 1);
            String scientific = last.effectiveScientificName();
            String genus = "";
            String epithet = "";
            if (SpeciesNames.looksScientific(scientific)) {
                int space = scientific.indexOf(' ');
                genus = scientific.substring(0, space);
                epithet = scientific.substring(space + 1);
            }
            long reviewed = group.stream().filter(s -> s.review() != null).count();
            String comment = group.size() + (group.size() == 1 ? " photo" : " photos")
                    + (reviewed > 0 ? " (" + reviewed + " reviewed by a person)" : "")
                    + ", first " + TIME.format(group.get(0).time().atZone(zone))
                    + ", last " + TIME.format(last.time().atZone(zone));
            row(csv, names.displayName(last), genus, epithet, "1", comment, checklist.source(), "", "",
                    DATE.format(start), TIME.format(start), "", "", PROTOCOL, "1", Long.toString(minutes), "N", "", "",
                    "Photos from camera '" + checklist.source() + "' identified by Fieldmark");
        }
    }

    private static void row(StringBuilder csv, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields[i]));
        }
        csv.append(CRLF);
    }

    /** One CSV field: quoted when it holds a comma, a quote or a line break, with quotes doubled. */
    public static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private record ChecklistKey(LocalDate date, String source) implements Comparable<ChecklistKey> {

        @Override
        public int compareTo(ChecklistKey other) {
            int byDate = date.compareTo(other.date);
            return byDate != 0 ? byDate : source.compareTo(other.source);
        }
    }
}
