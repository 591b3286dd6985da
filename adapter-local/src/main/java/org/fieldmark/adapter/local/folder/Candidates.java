package org.fieldmark.adapter.local.folder;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The photos seen but not handed over yet. A photo is ready at once when its bytes prove it
 * complete ({@link CompletePhotos}: checked again whenever its size or modification time
 * changes); otherwise once its size and modification time have stayed unchanged for the stability
 * delay and its bytes look complete (or, if they never do, after {@value #COMPLETENESS_GRACE_DELAYS}
 * stability delays, so the identification can report it). A photo already recorded with the same
 * size and time is not a candidate. Used by the watcher's thread only.
 */
final class Candidates {

    static final int COMPLETENESS_GRACE_DELAYS = 20;

    private final Path root;
    private final ProcessedFiles state;
    private final long stabilityNanos;
    private final long graceNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Candidate> byKey = new LinkedHashMap<>();

    /** With the clock that times the stability delay ({@code System::nanoTime}; tests move their own). */
    Candidates(Path root, ProcessedFiles state, long stabilityNanos, LongSupplier nanoClock) {
        this.root = root;
        this.nanoClock = nanoClock;
        this.state = state;
        this.stabilityNanos = stabilityNanos;
        this.graceNanos = COMPLETENESS_GRACE_DELAYS * Math.max(stabilityNanos, TimeUnit.MILLISECONDS.toNanos(100));
    }

    /** A photo was seen with these attributes. */
    void seen(String key, BasicFileAttributes attributes) {
        Candidate known = byKey.get(key);
        if (known != null && known.handingOver) {
            return;
        }
        String modified = PhotoFiles.modified(attributes);
        if (state.handled(key, attributes.size(), modified)) {
            byKey.remove(key);
            return;
        }
        if (known == null) {
            byKey.put(key, new Candidate(key, attributes.size(), modified, nanoClock.getAsLong()));
        }
    }

    /**
     * The candidates that are ready now, marked as being handed over (they are not returned again
     * until {@link #handedOver} is called); forgets those whose file is gone or was handled meanwhile.
     */
    List<Candidate> ready() {
        List<Candidate> ready = new ArrayList<>();
        for (Iterator<Candidate> it = byKey.values().iterator(); it.hasNext(); ) {
            Candidate candidate = it.next();
            if (candidate.handingOver) {
                continue;
            }
            Path file = root.resolve(candidate.key);
            BasicFileAttributes attributes = PhotoFiles.attributes(file);
            if (attributes == null || !attributes.isRegularFile()
                    || state.handled(candidate.key, attributes.size(), PhotoFiles.modified(attributes))) {
                it.remove();
            } else if (settled(candidate, file, attributes, nanoClock.getAsLong())) {
                candidate.handingOver = true;
                ready.add(candidate);
            }
        }
        return ready;
    }

    /** The hand-over of this candidate ended (done or given up); a later change makes the file a candidate again. */
    void handedOver(Candidate candidate) {
        byKey.remove(candidate.key, candidate);
    }

    private boolean settled(Candidate candidate, Path file, BasicFileAttributes attributes, long now) {
        long size = attributes.size();
        String modified = PhotoFiles.modified(attributes);
        if (size != candidate.size || !modified.equals(candidate.modified)) {
            candidate.size = size;
            candidate.modified = modified;
            candidate.stableSince = now;
        }
        if (candidate.provenSize != size || !modified.equals(candidate.provenModified)) {
            // Read once per size and time, not on every tick while the candidate waits.
            candidate.provenSize = size;
            candidate.provenModified = modified;
            if (CompletePhotos.proven(file, size)) {
                return true;
            }
        }
        long stableFor = now - candidate.stableSince;
        return stableFor >= stabilityNanos && (stableFor >= graceNanos || PhotoFiles.looksComplete(file, size));
    }

    /** A photo seen but not handed over yet; size and time are those it is handed over with. */
    static final class Candidate {
        private final String key;
        private long size;
        private String modified;
        private long stableSince;
        private boolean handingOver;
        private long provenSize = -1;
        private String provenModified = "";

        private Candidate(String key, long size, String modified, long seen) {
            this.key = key;
            this.size = size;
            this.modified = modified;
            this.stableSince = seen;
        }

        String key() {
            return key;
        }

        long size() {
            return size;
        }

        String modified() {
            return modified;
        }
    }
}
