package io.invertavatar.media.decode;

import java.util.Optional;

/** Identifies supported media from its leading bytes. */
public final class ContentSniffer {

    private ContentSniffer() {
    }

    public static Optional<SniffedType> sniff(byte[] head) {
        return Optional.empty(); // TODO
    }
}
