package io.invertavatar.web;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.invertavatar.security.SignedUrls;

/** Signed URLs in keys mode, the plain path in local mode (both decided by {@link SignedUrls}). */
@Component
public class SignedDownloadLinks implements DownloadLinks {

    private final SignedUrls urls;

    public SignedDownloadLinks(SignedUrls urls) {
        this.urls = urls;
    }

    @Override
    public String link(String path, UUID owner) {
        return urls.sign(path, owner);
    }
}
