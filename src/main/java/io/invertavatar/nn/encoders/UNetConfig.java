package io.invertavatar.nn.encoders;

import java.util.List;

/**
 * Widths of the four U-Net encoders (spec §2.8). Official values in {@link #official}; every one is
 * configuration so the reduced golden vectors build from the same code.
 *
 * @param backbone        IR-SE configuration (input channels 7 texture / 6 tri-plane)
 * @param resolution      {@code res}: inputs of another width are average-pooled to it first
 * @param ups             decoder stages up1..up4 (DoubleConv in/out widths and pixel-shuffle factor)
 * @param textureWidths   output widths of outconv0..3 (texture list entries 0..3: 32, 512, 512, 256)
 * @param finalHeadWidth  SFT {@code final_head} width (96) on the pixel-shuffled up4 output
 * @param channelBase     SFT condition widths are {@code min(channelBase / r, channelMax) / 2} for label r
 * @param channelMax      see channelBase
 * @param embedDim        Segformer transformer width (1024)
 * @param numVit          Segformer ViT blocks per stage (texture 4,4,3,3; tri-plane 4,4,3,2)
 */
public record UNetConfig(IrSeConfig backbone, int resolution, List<Up> ups, List<Integer> textureWidths,
                         int finalHeadWidth, int channelBase, int channelMax, int embedDim, List<Integer> numVit) {

    /** SFT condition labels (the official dict keys), paired with F = h1, h2, h3, h4, final head. */
    public static final List<Integer> SFT_LABELS = List.of(16, 32, 64, 128, 256);

    /** One decoder stage: DoubleConv {@code in -> out} after a pixel shuffle by {@code factor}. */
    public record Up(int in, int out, int factor) {
    }

    public UNetConfig {
        ups = List.copyOf(ups);
        textureWidths = List.copyOf(textureWidths);
        numVit = List.copyOf(numVit);
        if (ups.size() != 4 || textureWidths.size() != 4 || numVit.size() != 4) {
            throw new IllegalArgumentException("U-Net encoders have 4 stages");
        }
    }

    public static UNetConfig official(int inputChannels, boolean triplane) {
        return new UNetConfig(IrSeConfig.irSe50(inputChannels), 256,
                List.of(new Up(1024, 512, 1), new Up(384, 384, 2), new Up(224, 256, 2), new Up(128, 96, 2)),
                List.of(32, 512, 512, 256), 96, 32768, 512, 1024,
                triplane ? List.of(4, 4, 3, 2) : List.of(4, 4, 3, 3));
    }

    public Up up(int i) {
        return ups.get(i);
    }

    /** Channels of the SFT condition pair for label r (half of the synthesis block width). */
    public int conditionWidth(int label) {
        return Math.min(channelBase / label, channelMax) / 2;
    }
}
