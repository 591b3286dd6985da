package org.fieldmark.adapter.http.in.web;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.fieldmark.adapter.http.json.RegionMap;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.LoggedSighting;
import org.fieldmark.application.port.in.LoggedSightingPage;
import org.fieldmark.application.port.in.ReviewSightingCommand;
import org.fieldmark.application.port.in.SightingsUseCase;
import org.fieldmark.application.port.out.SightingPage;
import org.fieldmark.application.port.out.Delivery;
import org.fieldmark.application.port.out.SightingQuery;
import org.fieldmark.domain.sighting.HourCount;
import org.fieldmark.domain.sighting.HourlyCounts;
import org.fieldmark.domain.sighting.Sighting;
import org.fieldmark.domain.sighting.SpeciesSummary;

/**
 * The bird log's endpoints: {@code GET /v1/sightings}, {@code GET /v1/sightings/{id}},
 * {@code GET /v1/sightings.csv}, {@code GET /v1/species}, {@code GET /v1/stats/hourly},
 * {@code POST /v1/sightings/{id}/review} and {@code GET /v1/sightings/{id}/thumbnail} (the crop of
 * the located bird, a JPEG). A sighting is shown with its deliveries: what became of telling each
 * channel about it.
 * Times in queries are a local date ({@code 2026-05-01}, read in the log's time zone, meaning the
 * start of that day) or an ISO time with offset ({@code 2026-05-01T06:00:00Z}); {@code to} is
 * exclusive. The use case runs off the event loop (a store may be a file).
 */
final class SightingsRoutes {

    static final int DEFAULT_LIMIT = 50;
    static final String CSV = "text/csv; charset=utf-8";

    /** A thumbnail never changes once made, but may be made just after its sighting is listed. */

    private final SightingsUseCase sightings;
    private final Problems problems;

    SightingsRoutes(SightingsUseCase sightings, Problems problems) {
        this.sightings = Objects.requireNonNull(sightings, "sightings");
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    void list(RoutingContext ctx) {
        MultiMap query = ctx.queryParams();
        Instant from = time(query, "from");
        Instant to = time(query, "to");
        String day = query.get("day");
        if (day != null) {
            if (from != null || to != null) {
                throw new InvalidRequestException("send either day or from and to, not both");
            }
            LocalDate date = date("day", day);
            from = date.atStartOfDay(sightings.zone()).toInstant();
            to = date.plusDays(1).atStartOfDay(sightings.zone()).toInstant();
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequestException("query parameter from (" + from + ") must be before to (" + to + ")");
        }
        int limit = Requests.limit(query, DEFAULT_LIMIT);
        if (limit < 1 || limit > SightingQuery.MAX_LIMIT) {
            throw new InvalidRequestException("query parameter limit must be within 1.." + SightingQuery.MAX_LIMIT
                    + ", got " + limit);
        }
        SightingQuery sightingQuery = new SightingQuery(from, to, query.get("species"), limit, query.get("cursor"));
        blocking(ctx, () -> sightings.sightings(sightingQuery), page -> json(ctx, pageBody(ctx, page)));
    }

    void sighting(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        blocking(ctx, () -> sightingBody(sightings.sighting(id)), answer -> json(ctx, answer));
    }

    void species(RoutingContext ctx) {
        Range range = range(ctx.queryParams(), true);
        blocking(ctx, () -> sightings.species(range.from(), range.to()), list -> {
            Map<String, Object> body = range.toMap();
            body.put("species", list.stream().map(SightingsRoutes::speciesBody).toList());
            json(ctx, body);
        });
    }

    void hourly(RoutingContext ctx) {
        String text = ctx.queryParams().get("date");
        LocalDate date = text == null ? sightings.today() : date("date", text);
        blocking(ctx, () -> sightings.hourly(date), counts -> json(ctx, hourlyBody(counts)));
    }

    void review(RoutingContext ctx) {
        JsonObject body = Requests.jsonObject(ctx.body().buffer());
        String label = Requests.string(body, "label", "body").orElse(null);
        Object flag = body.getValue("notABird");
        if (flag != null && !(flag instanceof Boolean)) {
            throw new InvalidRequestException("body member \"notABird\" must be true or false");
        }
        ReviewSightingCommand command = new ReviewSightingCommand(ctx.pathParam("id"), label,
                Boolean.TRUE.equals(flag));
        blocking(ctx, () -> sightingBody(sightings.review(command)), answer -> json(ctx, answer));
    }

    void thumbnail(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        blocking(ctx, () -> sightings.thumbnail(id), jpeg -> MadeJpegs.send(ctx, problems, jpeg,
                Rejection.THUMBNAIL_NOT_FOUND, "sighting '" + id + "' has no thumbnail: it is not in the bird log, or"
                        + " its bird was not located; take ids with a thumbnailUrl from GET /v1/sightings"));
    }

    /** Where a sighting's thumbnail is served. */
    static String thumbnailUrl(String sightingId) {
        return sightingUrl(sightingId, "thumbnail");
    }

    /** {@code /v1/sightings/{id}/<what>}, the id encoded as one path segment. */
    static String sightingUrl(String sightingId, String what) {
        return "/v1/sightings/" + URLEncoder.encode(sightingId, StandardCharsets.UTF_8).replace("+", "%20") + "/"
                + what;
    }

    void csv(RoutingContext ctx) {
        Range range = range(ctx.queryParams(), false);
        String name = "fieldmark-ebird-" + range.label() + ".csv";
        blocking(ctx, () -> sightings.ebirdCsv(range.from(), range.to()), text -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, CSV)
                .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .end(text));
    }

    /**
     * {@code from} and {@code to} (both or neither), or for {@code /v1/species} also {@code date}
     * (one local day); neither means today.
     */
    private Range range(MultiMap query, boolean dateAllowed) {
        String dateText = query.get("date");
        Instant from = time(query, "from");
        Instant to = time(query, "to");
        ZoneId zone = sightings.zone();
        if (dateText != null && dateAllowed) {
            if (from != null || to != null) {
                throw new InvalidRequestException("send either date or from and to, not both");
            }
            LocalDate date = date("date", dateText);
            return new Range(date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant(),
                    date.toString());
        }
        if (from == null && to == null) {
            LocalDate today = sightings.today();
            return new Range(today.atStartOfDay(zone).toInstant(), today.plusDays(1).atStartOfDay(zone).toInstant(),
                    today.toString());
        }
        if (from == null || to == null) {
            throw new InvalidRequestException("send both from and to (to is exclusive), or neither for today");
        }
        if (!from.isBefore(to)) {
            throw new InvalidRequestException("query parameter from (" + from + ") must be before to (" + to + ")");
        }
        return new Range(from, to, from.atZone(zone).toLocalDate() + "_" + to.atZone(zone).toLocalDate());
    }

    private Instant time(MultiMap query, String name) {
        String text = query.get(name);
        if (text == null) {
            return null;
        }
        String value = text.strip();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(sightings.zone()).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidRequestException("query parameter " + name + " must be a date (2026-05-01) or a time"
                    + " with offset (2026-05-01T06:00:00Z), got '" + text + "'", e);
        }
    }

    private static LocalDate date(String name, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("query parameter " + name + " must be a date like 2026-05-01, got '"
                    + text + "'", e);
        }
    }

    private <T> void blocking(RoutingContext ctx, Callable<T> work, Consumer<T> answer) {
        ctx.vertx().executeBlocking(work, false).onSuccess(answer::accept).onFailure(ctx::fail);
    }

    private Map<String, Object> pageBody(RoutingContext ctx, LoggedSightingPage page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sightings", page.sightings().stream().map(this::sightingBody).toList());
        body.put("nextCursor", page.nextCursor());
        body.put("next", page.nextCursor() == null ? null : nextLink(ctx, page.nextCursor()));
        return body;
    }

    /** This request's path and query with the cursor replaced. */
    private static String nextLink(RoutingContext ctx, String cursor) {
        List<String> parts = new ArrayList<>();
        ctx.queryParams().forEach((name, value) -> {
            if (!name.equals("cursor")) {
                parts.add(encode(name) + "=" + encode(value));
            }
        });
        parts.add("cursor=" + encode(cursor));
        return ctx.request().path() + "?" + String.join("&", parts);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /**
     * A sighting as the API shows it; {@code region} when its bird was located, {@code thumbnailUrl}
     * when a crop thumbnail is kept, and always its {@code deliveries} (empty when nobody was told).
     */
    Map<String, Object> sightingBody(LoggedSighting logged) {
        Sighting s = logged.sighting();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", s.id());
        body.put("time", s.time().toString());
        body.put("source", s.source());
        body.put("key", s.sourceKey());
        body.put("scientificName", s.scientificName());
        body.put("displayName", s.displayName());
        body.put("probability", s.probability());
        body.put("confident", s.confident());
        body.put("notified", s.notified());
        body.put("reason", s.reason());
        if (s.review() == null) {
            body.put("review", null);
        } else {
            Map<String, Object> review = new LinkedHashMap<>();
            review.put("scientificName", s.review().scientificName());
            review.put("notABird", s.review().notABird());
            body.put("review", review);
        }
        if (s.countsAsBird()) {
            Map<String, Object> species = new LinkedHashMap<>();
            species.put("scientificName", s.effectiveScientificName());
            species.put("displayName", sightings.displayName(s));
            body.put("countsAs", species);
        } else {
            body.put("countsAs", null);
        }
        if (s.region() != null) {
            body.put("region", RegionMap.of(s.region()));
        }
        if (logged.hasThumbnail()) {
            body.put("thumbnailUrl", thumbnailUrl(s.id()));
        }
        body.put("photoUrl", logged.hasPhoto() ? PhotoRoutes.photoUrl(s.id()) : null);
        body.put("previewUrl", logged.hasPhoto() ? PhotoRoutes.previewUrl(s.id()) : null);
        body.put("deliveries", logged.deliveries().stream().map(SightingsRoutes::deliveryBody).toList());
        return body;
    }

    /** One channel's delivery: its state in lower case; the next attempt's time only while it is pending. */
    private static Map<String, Object> deliveryBody(Delivery delivery) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", delivery.channel());
        body.put("state", delivery.state().name().toLowerCase(Locale.ROOT));
        body.put("attempts", delivery.attempts());
        body.put("lastError", delivery.lastError());
        body.put("nextAttempt", delivery.nextAttempt() == null ? null : delivery.nextAttempt().toString());
        return body;
    }

    private static Map<String, Object> speciesBody(SpeciesSummary summary) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scientificName", summary.scientificName());
        body.put("displayName", summary.displayName());
        body.put("count", summary.count());
        body.put("firstSeen", summary.firstSeen().toString());
        body.put("lastSeen", summary.lastSeen().toString());
        body.put("new", summary.isNew());
        return body;
    }

    private static Map<String, Object> hourlyBody(HourlyCounts counts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", counts.date().toString());
        body.put("zone", counts.zone().getId());
        body.put("total", counts.total());
        List<Map<String, Object>> hours = new ArrayList<>();
        for (HourCount hour : counts.hours()) {
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("hour", hour.hour());
            // RFC 3339 (OpenAPI's date-time) needs the seconds, which OffsetDateTime.toString leaves out at :00.
            bucket.put("start", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(hour.start()));
            bucket.put("count", hour.count());
            hours.add(bucket);
        }
        body.put("hours", hours);
        return body;
    }

    private static void json(RoutingContext ctx, Map<String, Object> body) {
        Answers.json(ctx, 200, body);
    }

    /** A time range and how to name it in a file name. */
    private record Range(Instant from, Instant to, String label) {

        Map<String, Object> toMap() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("from", from.toString());
            body.put("to", to.toString());
            return body;
        }
    }
}
