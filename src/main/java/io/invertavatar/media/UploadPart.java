package io.invertavatar.media;

import org.springframework.core.io.InputStreamSource;

/**
 * One uploaded file as the media service sees it: bytes and their length only. The client's file name and
 * declared content type are deliberately not carried: content is identified by its bytes, keys by ids.
 */
public record UploadPart(InputStreamSource bytes, long size) {
}
