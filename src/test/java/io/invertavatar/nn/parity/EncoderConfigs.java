package io.invertavatar.nn.parity;

import com.google.gson.JsonObject;
import io.invertavatar.nn.encoders.E4eConfig;
import io.invertavatar.nn.encoders.IrSeConfig;
import io.invertavatar.nn.encoders.UNetConfig;

import java.util.List;

/** Builds encoder configurations from a vector's {@code init} and {@code width_patch} (never from constants of the code under test). */
final class EncoderConfigs {

    private static final String HELPERS = "helpers.py";

    private EncoderConfigs() {
    }

    static IrSeConfig irSe(WidthPatch p, int inputChannels, String stemFile) {
        int[] s0 = p.numbers("get_block(in_channel=64, depth=64, num_units=3)", HELPERS);
        int[] s1 = p.numbers("get_block(in_channel=64, depth=128, num_units=4)", HELPERS);
        int[] s2 = p.numbers("get_block(in_channel=128, depth=256, num_units=14)", HELPERS);
        int[] s3 = p.numbers("get_block(in_channel=256, depth=512, num_units=3)", HELPERS);
        int stem = p.number("Conv2d(inp_ch, 64, (3, 3)", 0, stemFile);
        int se = p.number("SEModule(depth, 16)", 0, HELPERS);
        return new IrSeConfig(inputChannels, stem, List.of(s0[1], s1[1], s2[1], s3[1]),
                List.of(s0[2], s1[2], s2[2], s3[2]), se);
    }

    static E4eConfig e4e(JsonObject json, WidthPatch p) {
        JsonObject init = json.getAsJsonObject("init");
        return e4e(p, init.get("inp_ch").getAsInt(), init.get("n_styles").getAsInt());
    }

    static E4eConfig e4e(WidthPatch p, int inputChannels, int nStyles) {
        IrSeConfig b = irSe(p, inputChannels, "e4e.py");
        int[] style = p.numbers("GradualStyleBlock(512, 512, 16)", "e4e.py");
        int[] lat1 = p.numbers("nn.Conv2d(256, 512, kernel_size=1", "e4e.py");
        if (style[0] != b.depth(3) || lat1[0] != b.depth(2) || lat1[1] != b.depth(3)) {
            throw new IllegalStateException("width patch inconsistent with the IR-SE stage widths");
        }
        return new E4eConfig(b, nStyles, style[1]);
    }

    static UNetConfig unet(JsonObject json, WidthPatch p, boolean triplane, boolean segformer) {
        JsonObject init = json.getAsJsonObject("init");
        return unet(p, init.get("inp_ch").getAsInt(), init.get("res").getAsInt(), triplane, segformer);
    }

    static UNetConfig unet(WidthPatch p, int inputChannels, int resolution, boolean triplane, boolean segformer) {
        String[] files = segformer ? new String[] {"unet_transformer.py", "unet_encoders.py"} : new String[] {"unet_encoders.py"};
        String stemFile = files[0];
        IrSeConfig b = irSe(p, inputChannels, stemFile);
        int[] up1 = p.numbers("Up(1024, 512, upscale_factor=1", files);
        int[] up2 = p.numbers("Up(384, 384", files);
        int[] up3 = p.numbers("Up(224, 256", files);
        int[] up4 = p.numbers("Up(128, 96", files);
        List<Integer> texture = List.of(
                p.number("nn.Conv2d(384, 32, kernel_size=1", 1, files),
                p.number("nn.Conv2d(384, 512, kernel_size=1", 1, files),
                p.number("nn.Conv2d(256, 512, kernel_size=1", 1, files),
                p.number("nn.Conv2d(96, 256, kernel_size=1", 1, files));
        int finalHead = p.number("nn.Conv2d(24, 96, kernel_size=3", 1, files);
        int[] channels = p.numbers("min(32768 // res, 512)", files);
        int embed = p.number("def __init__(self, in_chans=256, embed_dim=1024", 1, "mix_transformer.py");
        // num_vit per stage is an official constant of each class (not a width): texture 4,4,3,3; tri-plane 4,4,3,2.
        List<Integer> numVit = triplane ? List.of(4, 4, 3, 2) : List.of(4, 4, 3, 3);
        return new UNetConfig(b, resolution,
                List.of(new UNetConfig.Up(up1[0], up1[1], up1[2]), new UNetConfig.Up(up2[0], up2[1], 2),
                        new UNetConfig.Up(up3[0], up3[1], 2), new UNetConfig.Up(up4[0], up4[1], 2)),
                texture, finalHead, channels[0], channels[1], embed, numVit);
    }
}
