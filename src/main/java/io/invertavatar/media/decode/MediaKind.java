package io.invertavatar.media.decode;

/** What an upload is, as far as ingestion cares: a still picture or a moving one. */
public enum MediaKind {
    IMAGE,
    VIDEO
}
