package io.sashell.sa;

import java.util.List;

/** The Java frames of one thread, top first; {@code problem} is non-empty when the walk stopped early. */
public record StackFacts(JavaThreadFacts thread, List<FrameFacts> frames, String problem) {
    public StackFacts {
        frames = List.copyOf(frames);
    }
}
