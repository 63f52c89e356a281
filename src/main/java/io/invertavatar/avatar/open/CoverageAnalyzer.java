package io.invertavatar.avatar.open;

import io.invertavatar.geometry.MeshOps;
import io.invertavatar.geometry.UvAtlas;
import io.invertavatar.geometry.UvUnwrapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures coverage and picks the view that would add most: for each candidate view direction it sums, over the
 * under-covered texels, how squarely that view would see them (same weight as unwrapping uses).
 */
public final class CoverageAnalyzer {

    /** A suggestion is made only if the best view would fill at least this share of the face area. */
    private static final double MIN_GAIN = 0.02;

    private record Candidate(String name, double yawDeg, double pitchDeg) {
    }

    private static final Candidate[] CANDIDATES = {
            new Candidate("frontal view", 0, 0),
            new Candidate("left three-quarter view", 40, 0),
            new Candidate("right three-quarter view", -40, 0),
            new Candidate("left profile", 75, 0),
            new Candidate("right profile", -75, 0),
            new Candidate("view from slightly below (chin up)", 0, -30),
            new Candidate("view from slightly above (chin down)", 0, 30),
    };

    private final OpenAvatarBuilder builder;

    public CoverageAnalyzer(OpenAvatarBuilder builder) {
        this.builder = builder;
    }

    public AvatarCoverage analyse(FusionState state) {
        FaceTemplate template = builder.template();
        OpenPackSettings settings = builder.settings();
        UvAtlas atlas = builder.atlas();
        float[] shape = state.framesUsed() > 0 ? state.neutralShape() : template.mesh().positions();
        float[] normals = atlas.interpolate(MeshOps.vertexNormals(shape, template.mesh().triangles()), 3);
        UvUnwrapper weightOf = new UvUnwrapper(settings.minCos(), 0);
        int inside = 0, covered = 0;
        double[] gain = new double[CANDIDATES.length];
        double[][] dirs = new double[CANDIDATES.length][];
        for (int c = 0; c < CANDIDATES.length; c++) {
            double yaw = Math.toRadians(CANDIDATES[c].yawDeg), pitch = Math.toRadians(CANDIDATES[c].pitchDeg);
            dirs[c] = new double[]{template.leftX() * Math.sin(yaw) * Math.cos(pitch), Math.sin(pitch),
                    Math.cos(yaw) * Math.cos(pitch)};
        }
        float[] w = state.weightSum();
        for (int t = 0; t < w.length; t++) {
            int f = atlas.texels().face()[t];
            if (f < 0 || template.mouthTriangle()[f]) {
                continue;
            }
            inside++;
            if (w[t] >= settings.coveredWeight()) {
                covered++;
            }
            double deficit = Math.max(0, 1 - w[t] / settings.fullWeight());
            if (deficit == 0) {
                continue;
            }
            double nx = normals[3 * t], ny = normals[3 * t + 1], nz = normals[3 * t + 2];
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (len == 0) {
                continue;
            }
            for (int c = 0; c < CANDIDATES.length; c++) {
                float cos = (float) ((nx * dirs[c][0] + ny * dirs[c][1] + nz * dirs[c][2]) / len);
                gain[c] += deficit * weightOf.viewWeight(cos);
            }
        }
        List<String> suggestions = new ArrayList<>();
        boolean[] used = new boolean[CANDIDATES.length];
        for (int k = 0; k < 2; k++) {
            int best = -1;
            for (int c = 0; c < CANDIDATES.length; c++) {
                if (!used[c] && (best < 0 || gain[c] > gain[best])) {
                    best = c;
                }
            }
            if (best < 0 || inside == 0 || gain[best] / inside < MIN_GAIN) {
                break;
            }
            used[best] = true;
            suggestions.add("add a " + CANDIDATES[best].name);
        }
        int yawSeen = 0;
        float[] h = state.poseHistogram();
        for (int y = 0; y < FusionState.YAW_BINS; y++) {
            for (int p = 0; p < FusionState.PITCH_BINS; p++) {
                if (h[p * FusionState.YAW_BINS + y] > 0) {
                    yawSeen++;
                    break;
                }
            }
        }
        return new AvatarCoverage(inside == 0 ? 0 : (double) covered / inside,
                (double) yawSeen / FusionState.YAW_BINS, List.copyOf(suggestions));
    }
}
