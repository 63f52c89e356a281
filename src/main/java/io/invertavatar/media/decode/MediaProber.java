package io.invertavatar.media.decode;

import java.nio.file.Path;

/** Reads the facts of an upload from its headers and enforces the limits before anything is decoded. */
public final class MediaProber {

    public ProbeResult probe(Path file, SniffedType type, MediaLimits limits) {
        throw new UnsupportedOperationException("TODO");
    }
}
