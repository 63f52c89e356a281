package io.invertavatar.media.decode;

import java.io.IOException;
import java.nio.file.Path;

/** Decodes an upload sequentially and hands the sampled, upright frames to a sink. */
public final class FrameExtractor {

    public int extract(Path file, ProbeResult probe, SamplingPlan plan, int maxFrames,
                       FrameSink sink, Runnable checkCancelled) throws IOException {
        throw new UnsupportedOperationException("TODO");
    }
}
