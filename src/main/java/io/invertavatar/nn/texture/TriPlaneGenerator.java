package io.invertavatar.nn.texture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDManager;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.ops.Nd;
import io.invertavatar.nn.ops.TorchOps;
import io.invertavatar.nn.render.ImportanceRenderer;
import io.invertavatar.nn.render.OSGDecoder;
import io.invertavatar.nn.render.RaySampler;
import io.invertavatar.nn.render.RenderOptions;
import io.invertavatar.nn.stylegan.NoiseMode;
import io.invertavatar.nn.stylegan.StyleGan2Backbone;
import io.invertavatar.nn.stylegan.SynthesisNetwork;
import io.invertavatar.nn.superres.SuperresolutionHybrid8XDC;

import java.util.ArrayList;
import java.util.List;

/**
 * The Next3D++ {@code TriPlaneGenerator} of {@code triplane_v20.py} (spec §2.4): three StyleGAN2 backbones
 * (texture, face, static tri-plane), neural-texture rasterisation, face stitching into plane 0, volume rendering and
 * 8x super-resolution. Child names equal the official state-dict prefixes.
 */
public final class TriPlaneGenerator extends Module {

    /**
     * @param planeChannels channels per tri-plane (32); the static backbone has 3× that, texture and face backbones
     *                      produce that many image channels, the decoder reads that many features
     */
    public record Config(int zDim, int cDim, int wDim, int synthesisResolution, int channelBase, int channelMax, int planeChannels,
                         int mappingLayers, int neuralRenderingResolution, RenderOptions rendering,
                         SuperresolutionHybrid8XDC.Config superres, OSGDecoder.Config decoder, String fusedModconvDefault) {

        /** The official configuration (spec §2.4, §5). */
        public static Config official() {
            return new Config(512, 25, 512, 256, 32768, 512, 32, 2, 128, RenderOptions.official(),
                    SuperresolutionHybrid8XDC.Config.official(), OSGDecoder.Config.official(), "inference_only");
        }

        SynthesisNetwork.Config synthesis(int imgChannels) {
            return new SynthesisNetwork.Config(wDim, synthesisResolution, imgChannels, channelBase, channelMax, null, fusedModconvDefault,
                    32, 256);
        }
    }

    /** What {@code synthesis_withTexture} returns. */
    public record Output(NDArray image, NDArray imageRaw, NDArray imageDepth, NDArray featureImage, NDArray triplane) {
    }

    private final Config config;
    private final StyleGan2Backbone textureBackbone;
    private final StyleGan2Backbone faceBackbone;
    private final StyleGan2Backbone backbone;
    private final SuperresolutionHybrid8XDC superresolution;
    private final OSGDecoder decoder;
    private final ImportanceRenderer renderer;
    private final RaySampler raySampler = new RaySampler();
    private final NeuralTextureRasterizer rasterizer = new NeuralTextureRasterizer();

    public TriPlaneGenerator(Config c) {
        this.config = c;
        this.textureBackbone = child("texture_backbone", new StyleGan2Backbone(c.synthesis(c.planeChannels()), c.zDim(), c.cDim(),
                c.mappingLayers(), -1));
        this.faceBackbone = child("face_backbone", new StyleGan2Backbone(c.synthesis(c.planeChannels()), c.zDim(), c.cDim(),
                c.mappingLayers(), -1));
        this.backbone = child("backbone", new StyleGan2Backbone(c.synthesis(3 * c.planeChannels()), c.zDim(), c.cDim(),
                c.mappingLayers(), -1));
        this.superresolution = child("superresolution", new SuperresolutionHybrid8XDC(c.superres()));
        this.decoder = child("decoder", new OSGDecoder(c.decoder()));
        this.renderer = new ImportanceRenderer(c.rendering());
    }

    public Config config() {
        return config;
    }

    public StyleGan2Backbone textureBackbone() {
        return textureBackbone;
    }

    public StyleGan2Backbone faceBackbone() {
        return faceBackbone;
    }

    public StyleGan2Backbone backbone() {
        return backbone;
    }

    public SuperresolutionHybrid8XDC superresolution() {
        return superresolution;
    }

    public OSGDecoder decoder() {
        return decoder;
    }

    public ImportanceRenderer renderer() {
        return renderer;
    }

    /** Train mode (eval_seq.py) switches every synthesis block to the non-fused modulated convolution. */
    public void setTraining(boolean training) {
        textureBackbone.synthesis().setTraining(training);
        faceBackbone.synthesis().setTraining(training);
        backbone.synthesis().setTraining(training);
        superresolution.setTraining(training);
    }

    /** {@code TriPlaneGenerator.mapping}: ws from z and the camera label (c_scale 1, conditioning not zeroed). */
    public NDArray mapping(NDArray z, NDArray c, double psi, Integer cutoff) {
        NDArray label = c.get(":, :{}", config.cDim());
        return backbone.mapping().forward(z, label, psi, cutoff);
    }

    /**
     * {@code synthesis_withTexture} (spec §2.4 steps 1–13).
     *
     * @param ws [N, num_ws, w_dim]
     * @param textureFeats the 6-entry texture list
     * @param c [N, ≥25] camera label (the last 25 values are used)
     * @param uvcoordsImage [N, 256, 256, 3]
     * @param staticFeats the 6-entry static list, or null to compute it from ws
     */
    /**
     * The near/far anchor {@link ImportanceRenderer} would compute for this whole batch of cameras
     * ({@code c} [N, ≥25]); pass it with {@link ImportanceRenderer.Draws#withCameraDistance} to render the frames
     * one at a time with the batch's near/far.
     */
    public double cameraDistance(NDArray c) {
        long n = c.getShape().get(0);
        long cw = c.getShape().get(1);
        try (NDManager st = c.getManager().newSubManager()) {
            NDArray cam = Nd.alias(st, c).get(":, {}:", cw - 25);
            RaySampler.Rays rays = raySampler.forward(cam.get(":, :16").reshape(n, 4, 4), cam.get(":, 16:25").reshape(n, 3, 3),
                    config.neuralRenderingResolution());
            return ImportanceRenderer.meanCameraDistance(rays.origins());
        }
    }

    private static int[] bbox() {
        return NeuralTextureRasterizer.BBOX_256;
    }

    public Output synthesisWithTexture(NDArray ws, List<NDArray> textureFeats, NDArray c, NDArray uvcoordsImage,
                                       List<NDArray> staticFeats, ImportanceRenderer.Draws draws, NoiseMode noiseMode) {
        long n = ws.getShape().get(0);
        int pc = config.planeChannels();
        long cw = c.getShape().get(1);
        NDArray cam = c.get(":, {}:", cw - 25);
        NDArray cam2world = cam.get(":, :16").reshape(n, 4, 4);
        NDArray intrinsics = cam.get(":, 16:25").reshape(n, 3, 3);
        int nr = config.neuralRenderingResolution();
        RaySampler.Rays rays = raySampler.forward(cam2world, intrinsics, nr);
        if (staticFeats == null) {
            staticFeats = backbone.synthesis().forward(ws, null, true, null, noiseMode);
        }
        NDArray last = staticFeats.get(staticFeats.size() - 1);
        long pr = last.getShape().get(3);
        NDArray staticPlane = last.reshape(n, 3, pc, pr, pr);
        NDArray first = staticFeats.get(0);
        long r0 = first.getShape().get(3);
        List<NDArray> background = new ArrayList<>();
        background.add(first.reshape(n, 3, pc, r0, r0).get(":, 0"));
        for (int i = 1; i < staticFeats.size() - 1; i++) {
            background.add(staticFeats.get(i));
        }
        NDArray plane0 = staticPlane.get(":, 0");
        background.add(plane0);
        // Three stages, each in its own child scope of the caller's: DJL frees an intermediate only when its
        // manager closes, so without these the whole frame's intermediates (rasterised lists, 96 samples x 128^2
        // rays x 3 planes of features, the 512^2 super-resolution activations) would be alive at once — more than
        // 23 GB for a call of 4 official-size frames. Only each stage's outputs move back; values are unchanged.
        NDManager outer = ws.getManager();
        NDArray planes;
        try (NDManager st = outer.newSubManager()) {
            NDArray w = Nd.alias(st, ws);
            NDArray p0 = Nd.alias(st, plane0);
            NeuralTextureRasterizer.Output raster = rasterizer.rasterize(Nd.alias(st, textureFeats), Nd.alias(st, uvcoordsImage),
                    Nd.alias(st, background), bbox());
            NDArray stitch = faceBackbone.synthesis().forward(w, raster.renderingImages(), false, null, noiseMode).get(0);
            int[] bbox = bbox();
            int bh = bbox[1] - bbox[0];
            int bw = bbox[3] - bbox[2];
            NDArray stitchBox = TorchOps.resizeBilinearAntialias(stitch, bh, bw);
            NDArray alphaBox = TorchOps.resizeBilinearAntialias(raster.fullAlpha(), bh, bw);
            long[] pads = {bbox[2], pr - bbox[3], bbox[0], pr - bbox[1]};
            NDArray stitchMap = stitchBox.pad(new Shape(pads), 0);
            NDArray alphaMap = alphaBox.pad(new Shape(pads), 0);
            NDArray blended0 = stitchMap.mul(alphaMap).add(p0.mul(alphaMap.neg().add(1f)));
            planes = Nd.own(outer, blended0.expandDims(1).concat(Nd.alias(st, staticPlane).get(":, 1:"), 1));
        }
        NDArray featureImage;
        NDArray depthImage;
        try (NDManager st = outer.newSubManager()) {
            ImportanceRenderer.Output r = renderer.forward(Nd.alias(st, planes), decoder, Nd.alias(st, rays.origins()),
                    Nd.alias(st, rays.directions()), draws);
            featureImage = Nd.own(outer, r.rgb().transpose(0, 2, 1).reshape(n, -1, nr, nr));
            depthImage = Nd.own(outer, r.depth().transpose(0, 2, 1).reshape(n, 1, nr, nr));
        }
        NDArray rgb = featureImage.get(":, :3");
        NDArray image;
        try (NDManager st = outer.newSubManager()) {
            image = Nd.own(outer, superresolution.forward(Nd.alias(st, rgb), Nd.alias(st, featureImage), Nd.alias(st, ws),
                    NoiseMode.NONE));
        }
        return new Output(image, rgb, depthImage, featureImage, planes);
    }
}
