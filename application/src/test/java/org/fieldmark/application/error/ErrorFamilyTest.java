package org.fieldmark.application.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ErrorFamilyTest {

    static Stream<Arguments> members() {
        return Stream.of(
                Arguments.of(new InvalidRequestException("m"), ErrorCode.INVALID_REQUEST, false),
                Arguments.of(new ImageNotFoundException("m"), ErrorCode.IMAGE_NOT_FOUND, false),
                Arguments.of(new EmptyImageException("m"), ErrorCode.IMAGE_EMPTY, false),
                Arguments.of(new ImageTooLargeException("image", 2, 1), ErrorCode.IMAGE_TOO_LARGE, false),
                Arguments.of(new UnsupportedImageException("m"), ErrorCode.UNSUPPORTED_IMAGE, false),
                Arguments.of(new StorageUnavailableException("m", true), ErrorCode.STORAGE_UNAVAILABLE, true),
                Arguments.of(new StorageUnavailableException("m", false), ErrorCode.STORAGE_UNAVAILABLE, false),
                Arguments.of(new InferenceFailedException("m", true), ErrorCode.INFERENCE_FAILED, true),
                Arguments.of(new InferenceFailedException("m", false), ErrorCode.INFERENCE_FAILED, false),
                Arguments.of(new InferenceTimeoutException("m"), ErrorCode.INFERENCE_TIMEOUT, true),
                Arguments.of(new InvalidModelOutputException("m"), ErrorCode.INVALID_MODEL_OUTPUT, false),
                Arguments.of(new NotificationFailedException("m", true), ErrorCode.NOTIFICATION_FAILED, true),
                Arguments.of(new NotificationFailedException("m", false), ErrorCode.NOTIFICATION_FAILED, false),
                Arguments.of(new ConfigurationInvalidException(List.of("x")), ErrorCode.CONFIGURATION_INVALID, false),
                Arguments.of(new SightingNotFoundException("m"), ErrorCode.SIGHTING_NOT_FOUND, false));
    }

    @ParameterizedTest
    @MethodSource("members")
    void eachMemberCarriesItsCodeAndRetryableFlag(FieldmarkException e, ErrorCode code, boolean retryable) {
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.toString()).startsWith(code.name());
    }

    @Test
    void everyCodeHasAMemberAndTheFamilyIsClosed() {
        Set<ErrorCode> covered = members().map(a -> (ErrorCode) a.get()[1]).collect(Collectors.toSet());
        assertThat(covered).isEqualTo(EnumSet.allOf(ErrorCode.class));
        assertThat(FieldmarkException.class.isSealed()).isTrue();
        assertThat(Arrays.stream(FieldmarkException.class.getPermittedSubclasses()).map(Class::getSimpleName))
                .hasSize(12);
    }

    @Test
    void configurationErrorsListEveryProblem() {
        ConfigurationInvalidException e = new ConfigurationInvalidException(List.of(
                "SNS_TOPIC_ARN is not set; set it to the topic ARN that should receive identifications",
                "TOP_K must be a whole number of at least 1, got 'two'"));

        assertThat(e.problems()).hasSize(2);
        assertThat(e).hasMessage("configuration is invalid (2 problems):\n"
                + "  - SNS_TOPIC_ARN is not set; set it to the topic ARN that should receive identifications\n"
                + "  - TOP_K must be a whole number of at least 1, got 'two'");
        assertThatThrownBy(() -> new ConfigurationInvalidException(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
