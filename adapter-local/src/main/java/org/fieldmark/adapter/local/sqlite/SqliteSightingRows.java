package org.fieldmark.adapter.local.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.sighting.Review;
import org.fieldmark.domain.sighting.Sighting;

/** A sighting's columns as statement parameters, in the order of the log's column list, for INSERT and UPDATE alike. */
final class SqliteSightingRows {

    /** How many parameters {@link #bind} sets: the columns and the species key. */
    static final int PARAMETERS = 19;

    private SqliteSightingRows() {
    }

    /** {@code a = ?, b = ?} for a comma-separated column list. */
    static String assignments(String columns) {
        return Arrays.stream(columns.split(",")).map(String::strip).map(column -> column + " = ?")
                .collect(Collectors.joining(", "));
    }

    /** Sets parameters 1 to {@value #PARAMETERS} to {@code sighting}'s columns, stored at {@code timeNanos}. */
    static void bind(PreparedStatement statement, Sighting sighting, long timeNanos) throws SQLException {
        statement.setString(1, sighting.id());
        statement.setLong(2, timeNanos);
        statement.setString(3, sighting.sourceKey());
        statement.setString(4, sighting.source());
        statement.setString(5, sighting.scientificName());
        statement.setString(6, sighting.displayName());
        statement.setDouble(7, sighting.probability());
        statement.setInt(8, sighting.confident() ? 1 : 0);
        statement.setInt(9, sighting.notified() ? 1 : 0);
        statement.setString(10, sighting.reason());
        Review review = sighting.review();
        statement.setString(11, review == null ? null : review.scientificName());
        statement.setInt(12, review != null && review.notABird() ? 1 : 0);
        Region region = sighting.region();
        Integer[] box = region == null ? new Integer[6] : new Integer[] {region.x(), region.y(), region.width(),
                region.height(), region.imageWidth(), region.imageHeight()};
        for (int i = 0; i < box.length; i++) {
            statement.setObject(13 + i, box[i]);
        }
        statement.setString(PARAMETERS, sighting.countsAsBird() ? sighting.speciesKey() : null);
    }
}
