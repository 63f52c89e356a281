package io.invertavatar.nn.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.ops.TorchOps;

/**
 * {@code ImportanceRenderer_bsMotion} (spec §2.5.2–2.5.3): near/far from the batch-mean camera distance
 * ({@code −0.45 / +0.6}), coarse depths by linspace, coarse pass, importance sampling of the fine depths
 * ({@code max_pool1d}/{@code avg_pool1d} smoothing, {@code sample_pdf} with {@code searchsorted(right=True)}),
 * fine pass, merge by depth sort, final ray march.
 *
 * <p>Sampling: {@link Draws#deterministic()} is the reference mode (no coarse jitter, {@code u = linspace(0, 1)});
 * {@link Draws#randomDraws()} draws like the official code; explicit tensors replay official random draws.
 */
public final class ImportanceRenderer {

    /**
     * @param jitter null, or [N, M, D, 1] uniform draws multiplied by the depth step and added to the coarse depths
     * @param u null, or [N·M, D_importance] fine-sampling positions
     * @param random draw jitter and u here when they are not given
     * @param cameraDistance null: near/far from the mean ray-origin distance of this batch (the official rule);
     *                       else that distance, so that frames rendered one at a time get the near/far of the
     *                       batch they belong to
     */
    public record Draws(NDArray jitter, NDArray u, boolean random, Double cameraDistance) {
        public Draws(NDArray jitter, NDArray u, boolean random) {
            this(jitter, u, random, null);
        }

        public Draws withCameraDistance(double distance) {
            return new Draws(jitter, u, random, distance);
        }

        public static Draws deterministic() {
            return new Draws(null, null, false);
        }

        public static Draws randomDraws() {
            return new Draws(null, null, true);
        }
    }

    /** rgb [N, M, C], depth [N, M, 1], weightsSum [N, M, 1], and the coarse and fine depths [N, M, D, 1]. */
    public record Output(NDArray rgb, NDArray depth, NDArray weightsSum, NDArray depthsCoarse, NDArray depthsFine) {
    }

    private final RenderOptions options;
    private final MipRayMarcher2 marcher;

    public ImportanceRenderer(RenderOptions options) {
        this.options = options;
        this.marcher = new MipRayMarcher2(options.clampMode(), options.whiteBack());
    }

    /** The official near/far anchor: the float32 mean of every ray origin's norm in the batch. */
    public static double meanCameraDistance(NDArray rayOrigins) {
        try (NDArray norms = rayOrigins.norm(new int[] {-1}); NDArray mean = norms.mean()) {
            return mean.getFloat();
        }
    }

    public Output forward(NDArray planes, OSGDecoder decoder, NDArray rayOrigins, NDArray rayDirections, Draws draws) {
        if (options.disparitySpaceSampling()) {
            throw new UnsupportedOperationException("disparity_space_sampling is not used by the official configuration");
        }
        NDManager m = rayOrigins.getManager();
        long n = rayOrigins.getShape().get(0);
        long rays = rayOrigins.getShape().get(1);
        // .item() of a float32 mean gives a Python float; start/end are doubles rounded to float32 by linspace
        double dist = draws.cameraDistance() != null ? draws.cameraDistance() : meanCameraDistance(rayOrigins);
        double rayStart = dist - 0.45;
        double rayEnd = dist + 0.6;
        int d = options.depthResolution();
        NDArray depthsCoarse = m.linspace((float) rayStart, (float) rayEnd, d).reshape(1, 1, d, 1).repeat(0, n).repeat(1, rays);
        NDArray jitter = draws.jitter() != null ? draws.jitter()
                : draws.random() ? m.randomUniform(0, 1, new Shape(n, rays, d, 1)) : null;
        if (jitter != null) {
            depthsCoarse = depthsCoarse.add(jitter.mul((float) ((rayEnd - rayStart) / (d - 1))));
        }
        OSGDecoder.Output coarse = runModel(planes, decoder, rayOrigins, rayDirections, depthsCoarse);
        NDArray colorsCoarse = coarse.rgb().reshape(n, rays, d, -1);
        NDArray densCoarse = coarse.sigma().reshape(n, rays, d, 1);
        int ni = options.depthResolutionImportance();
        if (ni <= 0) {
            MipRayMarcher2.Output out = marcher.forward(colorsCoarse, densCoarse, depthsCoarse);
            return new Output(out.rgb(), out.depth(), out.weights().sum(new int[] {2}), depthsCoarse, null);
        }
        NDArray weights = marcher.forward(colorsCoarse, densCoarse, depthsCoarse).weights();
        NDArray depthsFine = sampleImportance(depthsCoarse, weights, ni, draws);
        OSGDecoder.Output fine = runModel(planes, decoder, rayOrigins, rayDirections, depthsFine);
        NDArray colorsFine = fine.rgb().reshape(n, rays, ni, -1);
        NDArray densFine = fine.sigma().reshape(n, rays, ni, 1);
        // unify_samples: concatenate and sort by depth
        NDArray allDepths = depthsCoarse.concat(depthsFine, 2);
        NDArray allColors = colorsCoarse.concat(colorsFine, 2);
        NDArray allDens = densCoarse.concat(densFine, 2);
        NDArray idx = allDepths.argSort(2, true);
        allDepths = allDepths.gather(idx, 2);
        allColors = allColors.gather(idx.broadcast(allColors.getShape()), 2);
        allDens = allDens.gather(idx, 2);
        MipRayMarcher2.Output out = marcher.forward(allColors, allDens, allDepths);
        return new Output(out.rgb(), out.depth(), out.weights().sum(new int[] {2}), depthsCoarse, depthsFine);
    }

    private OSGDecoder.Output runModel(NDArray planes, OSGDecoder decoder, NDArray origins, NDArray dirs, NDArray depths) {
        long n = origins.getShape().get(0);
        NDArray pts = origins.expandDims(2).add(depths.mul(dirs.expandDims(2))).reshape(n, -1, 3);
        return decoder.forward(TriPlaneSampler.sample(planes, pts, options.boxWarp()));
    }

    /** {@code sample_importance}: smooth the coarse weights, then inverse-transform sample the mid-point bins. */
    NDArray sampleImportance(NDArray zVals, NDArray weights, int nImportance, Draws draws) {
        NDManager m = zVals.getManager();
        long[] s = zVals.getShape().getShape();
        long r = s[0] * s[1];
        long d = s[2];
        NDArray z = zVals.reshape(r, d);
        NDArray w = weights.reshape(r, -1);
        // max_pool1d(kernel 2, stride 1, padding 1): padding is -inf
        NDArray inf = m.full(new Shape(r, 1), Float.NEGATIVE_INFINITY);
        NDArray padded = inf.concat(w, 1).concat(inf, 1);
        long len = padded.getShape().get(1);
        NDArray mp = padded.get(":, :{}", len - 1).maximum(padded.get(":, 1:"));
        long l2 = mp.getShape().get(1);
        NDArray avg = mp.get(":, :{}", l2 - 1).add(mp.get(":, 1:")).div(2f).add(0.01f);
        NDArray zMid = z.get(":, :-1").add(z.get(":, 1:")).mul(0.5f);
        long l3 = avg.getShape().get(1);
        NDArray samples = samplePdf(zMid, avg.get(":, 1:{}", l3 - 1), nImportance, draws);
        return samples.reshape(s[0], s[1], nImportance, 1);
    }

    NDArray samplePdf(NDArray bins, NDArray weights, int nImportance, Draws draws) {
        NDManager m = bins.getManager();
        long rays = weights.getShape().get(0);
        long nSamples = weights.getShape().get(1);
        float eps = 1e-5f;
        NDArray w = weights.add(eps);
        NDArray pdf = w.div(w.sum(new int[] {-1}, true));
        NDArray cdf = pdf.cumSum(-1);
        cdf = cdf.get(":, :1").zerosLike().concat(cdf, 1);
        NDArray u;
        if (draws.u() != null) {
            u = draws.u();
        } else if (draws.random()) {
            u = m.randomUniform(0, 1, new Shape(rays, nImportance));
        } else {
            u = m.linspace(0f, 1f, nImportance).reshape(1, nImportance).repeat(0, rays);
        }
        NDArray inds = TorchOps.searchSorted(cdf, u, true);
        NDArray below = inds.sub(1).maximum(0);
        NDArray above = inds.minimum(nSamples);
        NDArray sampled = NDArrays.stack(new NDList(below, above), -1).reshape(rays, 2L * nImportance);
        NDArray cdfG = cdf.gather(sampled, 1).reshape(rays, nImportance, 2);
        NDArray binsG = bins.gather(sampled, 1).reshape(rays, nImportance, 2);
        NDArray c0 = cdfG.get(":, :, 0");
        NDArray c1 = cdfG.get(":, :, 1");
        NDArray b0 = binsG.get(":, :, 0");
        NDArray b1 = binsG.get(":, :, 1");
        NDArray denom = c1.sub(c0);
        denom = NDArrays.where(denom.lt(eps), denom.onesLike(), denom);
        return b0.add(u.sub(c0).div(denom).mul(b1.sub(b0)));
    }

    static DataType index() {
        return DataType.INT64;
    }
}
