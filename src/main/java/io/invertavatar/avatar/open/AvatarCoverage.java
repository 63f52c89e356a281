package io.invertavatar.avatar.open;

import java.util.List;

/**
 * How complete an avatar is: {@code texture} = share of the face's UV area with enough fused weight,
 * {@code pose} = share of the five yaw ranges (profiles, three-quarter views, frontal) seen at least once,
 * and views that would help most, best first (e.g. "add a left profile"); empty when nothing would help much.
 */
public record AvatarCoverage(double texture, double pose, List<String> suggestions) {
}
