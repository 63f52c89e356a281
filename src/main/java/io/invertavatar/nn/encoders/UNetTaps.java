package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;

/** Skip features of the IR-SE body used by the U-Net decoders: end of stages 1-3, first unit of stage 4, last unit. */
record UNetTaps(NDArray c0, NDArray c1, NDArray c2, NDArray c3, NDArray x) {
}
