package io.invertavatar.nn.checkpoint;

import java.io.IOException;

/**
 * A checkpoint that cannot be read safely: malformed or truncated pickle, a forbidden global, a declared size
 * larger than the bytes present, or a limit exceeded. The message names the offending thing and the byte
 * position, never the content (a hostile file must not be echoed into logs).
 */
public class CheckpointFormatException extends IOException {

    public CheckpointFormatException(String message) {
        super(message);
    }

    public CheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
