package org.fieldmark.application.testing;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.CandidateRegion;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.Location;
import org.fieldmark.domain.region.Region;

/**
 * A locator whose answers the test decides: a function of the photo. Records every photo it was
 * asked about.
 */
public final class ScriptedLocator implements BirdLocatorPort {

    private final Function<ImageBytes, Location> answers;
    private final List<ImageBytes> seen = new CopyOnWriteArrayList<>();

    public ScriptedLocator(Function<ImageBytes, Location> answers) {
        this.answers = Objects.requireNonNull(answers, "answers");
    }

    /** The whole frame of a photo of this size, its bytes unchanged as the crop: what {@code whole} answers. */
    public static ScriptedLocator wholeFrame(int width, int height) {
        return new ScriptedLocator(image -> new Location("whole",
                List.of(CandidateRegion.toClassify(Region.wholeFrame(width, height), 1.0, image)), 0));
    }

    /** The photos the locator was asked about, in order. */
    public List<ImageBytes> seen() {
        return List.copyOf(seen);
    }

    @Override
    public Location locate(ImageBytes image) {
        seen.add(image);
        return answers.apply(image);
    }
}
