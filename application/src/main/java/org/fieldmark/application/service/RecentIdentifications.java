package org.fieldmark.application.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.RecentIdentificationsQuery;
import org.fieldmark.application.port.out.IdentificationResult;

/**
 * A bounded in-memory list of the latest identifications: the oldest falls out when the list is
 * full. The service records every identification it makes, notified or not.
 */
public final class RecentIdentifications implements RecentIdentificationsQuery {

    /** How many identifications are kept unless a bootstrap says otherwise. */
    public static final int DEFAULT_CAPACITY = 200;

    private final int capacity;
    private final Deque<IdentificationResult> newestFirst = new ArrayDeque<>();

    public RecentIdentifications(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    public RecentIdentifications() {
        this(DEFAULT_CAPACITY);
    }

    /** Adds the newest identification. */
    public synchronized void record(IdentificationResult result) {
        newestFirst.addFirst(result);
        if (newestFirst.size() > capacity) {
            newestFirst.removeLast();
        }
    }

    @Override
    public synchronized List<IdentificationResult> recent(int limit) {
        if (limit < 1) {
            throw new InvalidRequestException("limit must be at least 1, got " + limit);
        }
        List<IdentificationResult> out = new ArrayList<>(Math.min(limit, newestFirst.size()));
        Iterator<IdentificationResult> it = newestFirst.iterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }

    /** How many are kept at most. */
    public int capacity() {
        return capacity;
    }
}
