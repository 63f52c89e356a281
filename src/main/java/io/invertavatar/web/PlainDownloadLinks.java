package io.invertavatar.web;

import java.util.UUID;

import org.springframework.stereotype.Component;

/** The path unchanged: right for local mode; the signed-URL implementation replaces this bean for keys mode. */
@Component
public class PlainDownloadLinks implements DownloadLinks {

    @Override
    public String link(String path, UUID owner) {
        return path;
    }
}
