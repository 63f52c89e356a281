package io.invertavatar.avatar;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.invertavatar.avatar.open.OpenPackSettings;

/**
 * {@code invertavatar.avatar.*}; defaults in application.yml, rows in docs/avatars.md.
 *
 * @param defaultModelPack pack used when a request names none; blank = the best installed
 * @param mediaWait        how long a build or render waits for its uploads' ingest jobs before failing
 * @param orbitFrames      frames of the orbit clip made at build time
 * @param orbitFps         its frame rate
 * @param orbitMaxYaw      how far (degrees) the head turns each way in the orbit clip
 * @param maxRenderSize    the largest {@code size} the render endpoint accepts (longest side, pixels)
 * @param renderCacheSize  loaded avatars kept in memory for the render endpoint
 * @param open             the open pack's tunables
 */
@ConfigurationProperties("invertavatar.avatar")
public record AvatarProperties(String defaultModelPack, Duration mediaWait, int orbitFrames, double orbitFps,
                               double orbitMaxYaw, int maxRenderSize, int renderCacheSize, Open open) {

    public AvatarProperties {
        mediaWait = mediaWait == null ? Duration.ofMinutes(10) : mediaWait;
        orbitFrames = orbitFrames <= 0 ? 48 : orbitFrames;
        orbitFps = orbitFps <= 0 ? 24 : orbitFps;
        orbitMaxYaw = orbitMaxYaw <= 0 ? 30 : orbitMaxYaw;
        maxRenderSize = maxRenderSize <= 0 ? 1024 : maxRenderSize;
        renderCacheSize = Math.max(0, renderCacheSize);
        open = open == null ? Open.DEFAULTS : open;
    }

    /** {@code invertavatar.avatar.open.*}, mirrored onto the library's {@link OpenPackSettings}. */
    public record Open(Integer textureSize, Float minCos, Float coveredWeight, Float fullWeight, Float featherFraction,
                       Integer referenceMaxSide) {

        static final Open DEFAULTS = new Open(null, null, null, null, null, null);

        public OpenPackSettings settings() {
            OpenPackSettings d = OpenPackSettings.defaults();
            return new OpenPackSettings(textureSize == null ? d.textureSize() : textureSize,
                    minCos == null ? d.minCos() : minCos,
                    coveredWeight == null ? d.coveredWeight() : coveredWeight,
                    fullWeight == null ? d.fullWeight() : fullWeight,
                    featherFraction == null ? d.featherFraction() : featherFraction,
                    referenceMaxSide == null ? d.referenceMaxSide() : referenceMaxSide);
        }
    }
}
