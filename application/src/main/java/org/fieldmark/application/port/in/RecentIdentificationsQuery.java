package org.fieldmark.application.port.in;

import java.util.List;
import org.fieldmark.application.port.out.IdentificationResult;

/** The most recent identifications, newest first, for APIs and pages. */
public interface RecentIdentificationsQuery {

    /**
     * Up to {@code limit} identifications, newest first.
     *
     * @throws org.fieldmark.application.error.InvalidRequestException when {@code limit < 1}
     */
    List<IdentificationResult> recent(int limit);
}
