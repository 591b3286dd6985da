package org.fieldmark.application.service;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.in.DailyDigestUseCase;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.domain.Species;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.sighting.DailyDigest;
import org.fieldmark.domain.sighting.Sighting;

/**
 * Reads a local day's sightings from the repository, counts them per (reviewed) species and
 * sends one message through the notifier. Common names of corrected species come from the
 * catalog.
 */
public final class DigestService implements DailyDigestUseCase {

    private final SightingRepository repository;
    private final NotificationPort notifier;
    private final Map<String, String> commonNames = new LinkedHashMap<>();
    private final ZoneId zone;
    private final Clock clock;
    private final Logger log;

    public DigestService(SightingRepository repository, NotificationPort notifier, SpeciesCatalog catalog, ZoneId zone,
                         Clock clock) {
        this(repository, notifier, catalog, zone, clock, System.getLogger(DigestService.class.getName()));
    }

    /** With a logger to read the structured lines from. */
    public DigestService(SightingRepository repository, NotificationPort notifier, SpeciesCatalog catalog, ZoneId zone,
                         Clock clock, Logger log) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        for (Species species : Objects.requireNonNull(catalog, "catalog").species()) {
            if (species.scientificName() != null) {
                commonNames.putIfAbsent(Sighting.key(species.scientificName()), species.name());
            }
        }
    }

    @Override
    public DailyDigest digest(LocalDate date) {
        Objects.requireNonNull(date, "date");
        try {
            return DailyDigest.of(date, zone, repository.between(date.atStartOfDay(zone).toInstant(),
                    date.plusDays(1).atStartOfDay(zone).toInstant()), name -> commonNames.get(Sighting.key(name)));
        } catch (FieldmarkException e) {
            logLine(Level.WARNING, "digest.failed", date, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            StorageUnavailableException wrapped = new StorageUnavailableException(
                    "reading the sightings of " + date + " failed unexpectedly: " + e, false, e);
            logLine(Level.WARNING, "digest.failed", date, wrapped.getMessage());
            throw wrapped;
        }
    }

    @Override
    public DailyDigest publishDigest(LocalDate date) {
        DailyDigest digest = digest(date);
        try {
            notifier.publishDigest(digest);
        } catch (FieldmarkException e) {
            logLine(Level.WARNING, "digest.failed", date, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            NotificationFailedException wrapped = new NotificationFailedException(
                    "sending the digest of " + date + " failed: " + e, false, e);
            logLine(Level.WARNING, "digest.failed", date, wrapped.getMessage());
            throw wrapped;
        }
        logLine(Level.INFO, "digest.sent", date, digest.message());
        return digest;
    }

    @Override
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    private void logLine(Level level, String event, LocalDate date, String text) {
        if (log.isLoggable(level)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("date", date.toString());
            fields.put(level == Level.INFO ? "message" : "error", text);
            log.log(level, new LogEvent(event, fields));
        }
    }
}
