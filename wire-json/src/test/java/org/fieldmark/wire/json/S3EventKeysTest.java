package org.fieldmark.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class S3EventKeysTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "birds/card.jpg|birds/card.jpg",
            "birds/blue+jay.jpg|birds/blue jay.jpg",
            "birds/blue%20jay.jpg|birds/blue jay.jpg",
            "birds/caf%C3%A9.jpg|birds/café.jpg",
            "birds/%E9%B3%A5.jpg|birds/鳥.jpg",
            "birds/a%2Bb.jpg|birds/a+b.jpg",
            "birds/100%25.jpg|birds/100%.jpg"})
    void decodesKeysAsTheWorkshopsUnquotePlusDid(String encoded, String decoded) {
        assertThat(S3EventKeys.decode(encoded)).isEqualTo(decoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"birds/%ZZ.jpg", "birds/%4", "birds/100%"})
    void refusesMalformedEscapesNamingTheKey(String encoded) {
        assertThatThrownBy(() -> S3EventKeys.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(encoded).hasMessageContaining("malformed %-escape");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY|etag-1|3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY",
            "NULL|etag-1|etag-1",
            "''|etag-1|etag-1",
            "' '|etag-1|etag-1",
            "null|etag-1|etag-1",
            "NULL|NULL|NULL"})
    void takesTheVersionIdOfAVersionedBucketElseTheETag(String versionId, String eTag, String version) {
        assertThat(S3EventKeys.uploadVersion(versionId, eTag)).isEqualTo(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "+++"})
    void refusesBlankKeys(String encoded) {
        assertThatThrownBy(() -> S3EventKeys.decode(encoded)).isInstanceOf(IllegalArgumentException.class);
    }
}
