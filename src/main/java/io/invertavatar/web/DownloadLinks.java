package io.invertavatar.web;

import java.util.UUID;

/**
 * Turns a download path (preview, orbit, video) into the URL a browser fetches without headers: a signed URL in
 * keys mode, the path itself in local mode ({@link SignedDownloadLinks}, over security's {@code SignedUrls}).
 */
public interface DownloadLinks {

    String link(String path, UUID owner);
}
