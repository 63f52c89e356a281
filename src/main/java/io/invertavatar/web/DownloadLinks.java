package io.invertavatar.web;

import java.util.UUID;

/**
 * Turns a download path (preview, orbit, video) into the URL a browser fetches without headers. In keys mode this
 * is to become a signed URL (security's {@code SignedUrls.sign(path, owner)}); until that is wired,
 * {@link PlainDownloadLinks} returns the path itself (what local mode wants anyway).
 */
public interface DownloadLinks {

    String link(String path, UUID owner);
}
