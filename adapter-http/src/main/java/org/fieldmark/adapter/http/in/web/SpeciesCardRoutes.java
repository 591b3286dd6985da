package org.fieldmark.adapter.http.in.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.SpeciesCard;
import org.fieldmark.application.port.in.SpeciesCardUseCase;

/**
 * The species card ({@code GET /v1/species/{scientificName}}) and its pinned best photo
 * ({@code PUT} and {@code DELETE /v1/species/{scientificName}/best}). Links to read more are built
 * from the scientific name; the server never fetches them.
 */
final class SpeciesCardRoutes {

    /** Longer than any scientific name (genus, species and subspecies). */
    static final int MAX_NAME_LENGTH = 200;

    private final SpeciesCardUseCase cards;
    private final SightingsRoutes sightings;
    private final Problems problems;

    SpeciesCardRoutes(SpeciesCardUseCase cards, SightingsRoutes sightings, Problems problems) {
        this.cards = Objects.requireNonNull(cards, "cards");
        this.sightings = Objects.requireNonNull(sightings, "sightings");
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    void card(RoutingContext ctx) {
        String name = name(ctx);
        ctx.vertx().executeBlocking(() -> cards.card(name), false).onFailure(ctx::fail).onSuccess(card -> {
            if (card.isEmpty()) {
                notFound(ctx, name);
                return;
            }
            Answers.json(ctx, 200, body(card.get()));
        });
    }

    void pin(RoutingContext ctx) {
        String name = name(ctx);
        JsonObject body = Requests.jsonObject(ctx.body().buffer());
        String sightingId = Requests.string(body, "sightingId", "body").orElseThrow(() ->
                new InvalidRequestException("body member \"sightingId\" is required: the id of one of the species' "
                        + "sightings"));
        done(ctx, name, () -> cards.pin(name, sightingId));
    }

    void unpin(RoutingContext ctx) {
        String name = name(ctx);
        done(ctx, name, () -> cards.unpin(name));
    }

    private void done(RoutingContext ctx, String name, java.util.concurrent.Callable<Boolean> change) {
        ctx.vertx().executeBlocking(change, false).onFailure(ctx::fail).onSuccess(known -> {
            if (!known) {
                notFound(ctx, name);
                return;
            }
            ctx.response().setStatusCode(204).end();
        });
    }

    private void notFound(RoutingContext ctx, String name) {
        problems.send(ctx, Rejection.SPECIES_NOT_FOUND, "no species '" + name + "' in the catalog or the bird log;"
                + " name it by its scientific name, e.g. Passer domesticus");
    }

    private static String name(RoutingContext ctx) {
        String name = ctx.pathParam("scientificName");
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(c -> c < 0x20)) {
            throw new InvalidRequestException("the species must be a scientific name of at most " + MAX_NAME_LENGTH
                    + " characters without control characters, e.g. Passer domesticus");
        }
        return name.strip();
    }

    private Map<String, Object> body(SpeciesCard card) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scientificName", card.scientificName());
        body.put("displayName", card.displayName());
        body.put("count", card.count());
        body.put("firstSeen", card.firstSeen() == null ? null : card.firstSeen().toString());
        body.put("lastSeen", card.lastSeen() == null ? null : card.lastSeen().toString());
        body.put("hours", card.hours());
        body.put("best", card.best() == null ? null : sightings.sightingBody(card.best()));
        body.put("pinned", card.pinned());
        body.put("recent", card.recent().stream().map(sightings::sightingBody).toList());
        String query = URLEncoder.encode(card.scientificName(), StandardCharsets.UTF_8);
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("wikipedia", "https://en.wikipedia.org/wiki/Special:Search?search=" + query);
        links.put("ebird", "https://ebird.org/explore?q=" + query);
        body.put("links", links);
        return body;
    }
}
