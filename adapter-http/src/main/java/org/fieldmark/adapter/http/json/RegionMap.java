package org.fieldmark.adapter.http.json;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldmark.domain.region.Region;

/**
 * The API's shape of a {@link Region}, wherever the API or the webhook shows one (identification
 * results, sightings): the box in the photo's pixels, the photo's size, the box as fractions of
 * the photo (what a page draws with) and whether it is the whole frame.
 */
public final class RegionMap {

    private RegionMap() {
    }

    /**
     * {@code {"x","y","width","height","imageWidth","imageHeight","left","top","relativeWidth",
     * "relativeHeight","wholeFrame"}}, in that order.
     */
    public static Map<String, Object> of(Region region) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("x", region.x());
        map.put("y", region.y());
        map.put("width", region.width());
        map.put("height", region.height());
        map.put("imageWidth", region.imageWidth());
        map.put("imageHeight", region.imageHeight());
        map.put("left", region.left());
        map.put("top", region.top());
        map.put("relativeWidth", region.relativeWidth());
        map.put("relativeHeight", region.relativeHeight());
        map.put("wholeFrame", region.isWholeFrame());
        return map;
    }
}
