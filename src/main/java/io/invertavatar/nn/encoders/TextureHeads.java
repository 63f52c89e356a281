package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;
import io.invertavatar.nn.encoders.layers.ConvLayer;

import java.util.List;

/**
 * Texture offset heads {@code outconv0..3} (1x1 with bias): outconv0/1 on the up2 output, outconv2 on up3,
 * outconv3 on up4 — offsets for texture list entries 0..3.
 */
final class TextureHeads {

    private final ConvLayer[] outconv = new ConvLayer[4];

    TextureHeads(UNetConfig c, ChildRegistrar owner) {
        int[] source = {c.up(1).out(), c.up(1).out(), c.up(2).out(), c.up(3).out()};
        for (int i = 0; i < 4; i++) {
            outconv[i] = owner.child("outconv" + i, ConvLayer.pointwise(source[i], c.textureWidths().get(i)));
        }
    }

    /** @param h decoder outputs of up1..up4 */
    List<NDArray> forward(List<NDArray> h) {
        return List.of(outconv[0].forward(h.get(1)), outconv[1].forward(h.get(1)),
                outconv[2].forward(h.get(2)), outconv[3].forward(h.get(3)));
    }
}
