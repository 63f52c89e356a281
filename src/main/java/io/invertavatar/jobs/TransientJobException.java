package io.invertavatar.jobs;

/** A failure that may pass on retry (a store or network hiccup): the message is redelivered with backoff. */
public class TransientJobException extends RuntimeException {
    public TransientJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
