package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class CaptureCommandTest {
    private final CaptureCommand.DurationConverter durations = new CaptureCommand.DurationConverter();

    @Test
    void durationsInShortAndIsoForm() {
        assertEquals(Duration.ofMillis(500), durations.convert("500ms"));
        assertEquals(Duration.ofSeconds(30), durations.convert("30s"));
        assertEquals(Duration.ofMinutes(5), durations.convert("5m"));
        assertEquals(Duration.ofHours(1), durations.convert("1H"));
        assertEquals(Duration.ofSeconds(90), durations.convert("PT1M30S"));
        assertEquals("not a duration: 'soon' (examples: 500ms, 30s, 5m, 1h)",
                assertThrows(CommandLine.TypeConversionException.class, () -> durations.convert("soon")).getMessage());
        assertEquals("the duration must be positive: '0s'",
                assertThrows(CommandLine.TypeConversionException.class, () -> durations.convert("0s")).getMessage());
    }

    @Test
    void aSeriesNumbersItsFiles() {
        Path f = Path.of("/tmp/app.core");
        assertEquals(List.of(f), CaptureCommand.outputs(f, 1, false));
        assertEquals(List.of(Path.of("/tmp/app.core.1"), Path.of("/tmp/app.core.2")), CaptureCommand.outputs(f, 2, true));
        assertEquals(List.of(Path.of("/tmp/app.core.1")), CaptureCommand.outputs(f, 1, true));
    }
}
