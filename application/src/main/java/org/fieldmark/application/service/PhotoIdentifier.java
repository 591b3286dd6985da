package org.fieldmark.application.service;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.InferenceFailedException;
import org.fieldmark.application.error.InvalidModelOutputException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.CandidateRegion;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.Location;
import org.fieldmark.application.port.out.ModelOutput;
import org.fieldmark.application.port.out.StoredImage;
import org.fieldmark.domain.Identification;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.ModelOutputException;
import org.fieldmark.domain.region.ChosenRegion;
import org.fieldmark.domain.region.RegionChoice;
import org.fieldmark.domain.region.RegionScores;

/**
 * The identifying half of the service: fetch, locate, classify, choose, rank. Every failure leaves
 * as a {@link FieldmarkException}, logged where it happened: what an adapter raised passes
 * through, anything else it throws is wrapped into the error of the step it happened in.
 */
final class PhotoIdentifier {

    /**
     * At most this many of a locator's crops go to the {@link InferencePort} (best first): each is a
     * model call, a paid one with a remote model.
     */
    static final int MAX_CROPS_CLASSIFIED = 8;

    private final ImageStoragePort storage;
    private final InferencePort inference;
    private final BirdLocatorPort locator;
    private final RegionChoice choice;
    private final IdentificationSettings settings;
    private final ServiceLog log;

    PhotoIdentifier(ImageStoragePort storage, InferencePort inference, BirdLocatorPort locator, RegionChoice choice,
                    IdentificationSettings settings, ServiceLog log) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.inference = Objects.requireNonNull(inference, "inference");
        this.locator = Objects.requireNonNull(locator, "locator");
        this.choice = Objects.requireNonNull(choice, "choice");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.log = Objects.requireNonNull(log, "log");
    }

    StoredImage fetch(ImageReference reference) {
        try {
            return Objects.requireNonNull(storage.fetch(reference), "storage returned no image");
        } catch (FieldmarkException e) {
            log.failure(reference, "image.fetch_failed", e);
            throw e;
        } catch (RuntimeException e) {
            StorageUnavailableException wrapped = new StorageUnavailableException(
                    "reading image '" + reference + "' failed unexpectedly: " + e, false, e);
            log.failure(reference, "image.fetch_failed", wrapped);
            throw wrapped;
        }
    }

    Location locate(ImageReference source, ImageBytes image) {
        try {
            return Objects.requireNonNull(locator.locate(image), "locator returned no location");
        } catch (FieldmarkException e) {
            log.failure(source, "locate.failed", e);
            throw e;
        } catch (RuntimeException e) {
            InferenceFailedException wrapped = new InferenceFailedException(
                    "locating the bird in '" + source.key() + "' failed unexpectedly: " + e, false, e);
            log.failure(source, "locate.failed", wrapped);
            throw wrapped;
        }
    }

    /**
     * Classifies the candidates the locator did not (at most {@value #MAX_CROPS_CLASSIFIED} crops) and
     * lets the domain choose. No candidate (a locator sure there is no bird): the whole photo is
     * classified, as before locating, so the message stays what it was.
     */
    Answer classifyAndChoose(ImageReference source, Location location, ImageBytes photo) {
        List<CandidateRegion> candidates = location.candidates();
        if (candidates.isEmpty()) {
            CandidateRegion whole = CandidateRegion.wholePhoto(photo);
            return new Answer(whole, infer(source, photo));
        }
        List<CandidateRegion> kept = new ArrayList<>(candidates.size());
        List<ModelOutput> outputs = new ArrayList<>(candidates.size());
        int crops = 0;
        for (CandidateRegion candidate : candidates) {
            if (candidate.output() != null) {
                kept.add(candidate);
                outputs.add(candidate.output());
            } else if (crops++ < MAX_CROPS_CLASSIFIED) {
                kept.add(candidate);
                outputs.add(infer(source, candidate.crop()));
            }
        }
        if (kept.size() == 1) {
            return new Answer(kept.get(0), outputs.get(0));
        }
        List<RegionScores> scores = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i).region() == null) {
                InferenceFailedException wrong = new InferenceFailedException("locator '" + location.locator()
                        + "' returned a candidate without a region among " + kept.size() + " for '" + source.key()
                        + "'; only a lone whole photo may lack one", false);
                log.failure(source, "locate.failed", wrong);
                throw wrong;
            }
            scores.add(new RegionScores(kept.get(i).region(), outputs.get(i).probabilities()));
        }
        ChosenRegion chosen;
        try {
            chosen = choice.choose(scores, settings.catalog());
        } catch (ModelOutputException e) {
            InvalidModelOutputException wrapped = new InvalidModelOutputException(e.getMessage(), e);
            log.failure(source, "inference.invalid_output", wrapped);
            throw wrapped;
        }
        log.log(Level.DEBUG, "image.located", ServiceLog.fields(source)
                .with("locator", location.locator())
                .with("windows", location.windows())
                .with("candidates", kept.size())
                .with("chosen", chosen.index())
                .with("reason", chosen.reason()));
        return new Answer(kept.get(chosen.index()), outputs.get(chosen.index()));
    }

    /** The candidate the identification is about and the model's answer for it. */
    record Answer(CandidateRegion candidate, ModelOutput output) {
    }

    private ModelOutput infer(ImageReference source, ImageBytes image) {
        try {
            return Objects.requireNonNull(inference.infer(image), "model returned no output");
        } catch (FieldmarkException e) {
            log.failure(source, "inference.failed", e);
            throw e;
        } catch (ModelOutputException e) {
            InvalidModelOutputException wrapped = new InvalidModelOutputException(e.getMessage(), e);
            log.failure(source, "inference.failed", wrapped);
            throw wrapped;
        } catch (RuntimeException e) {
            InferenceFailedException wrapped = new InferenceFailedException(
                    "running the model on '" + source.key() + "' failed unexpectedly: " + e, false, e);
            log.failure(source, "inference.failed", wrapped);
            throw wrapped;
        }
    }

    Identification rank(ImageReference source, ModelOutput output, IdentificationRules rules) {
        try {
            return rules.identify(source.key(), output.probabilities(), settings.catalog());
        } catch (ModelOutputException e) {
            InvalidModelOutputException wrapped = new InvalidModelOutputException(
                    e.getMessage() + " (model '" + output.modelId() + "')", e);
            log.failure(source, "inference.invalid_output", wrapped);
            throw wrapped;
        }
    }
}
