package io.invertavatar.nn.encoders;

/**
 * Encoder4Editing configuration. Official: IR-SE-50 on 3 channels, 14 styles, w_dim 512. The style blocks and
 * the FPN laterals work at the width of the last stage (512 officially), so only {@code wDim} is extra.
 *
 * @param backbone IR-SE configuration
 * @param nStyles  number of w vectors (styles 0..2 read the 16^2 map, 3..6 the 32^2 map, the rest the 64^2 map)
 * @param wDim     width of each w vector (GradualStyleBlock output)
 */
public record E4eConfig(IrSeConfig backbone, int nStyles, int wDim) {

    /** Input resolution the style blocks are built for: 256 gives 16/32/64 feature maps that reduce to 1x1. */
    public static final int INPUT_RESOLUTION = 256;
    static final int COARSE_INDEX = 3;
    static final int MIDDLE_INDEX = 7;

    public static E4eConfig official() {
        return new E4eConfig(IrSeConfig.irSe50(3), 14, 512);
    }
}
