package io.invertavatar.nn.inversion;

import io.invertavatar.nn.encoders.E4eConfig;
import io.invertavatar.nn.encoders.UNetConfig;
import io.invertavatar.nn.encoders.layers.NormMode;

/**
 * Few-shot inversionNet configuration.
 *
 * @param e4e      Encoder4Editing
 * @param texture  E_t (7-channel UV input)
 * @param triplane E_p (6-channel image + delta input)
 * @param e4eNorm  BATCH_STATS reproduces eval_seq.py, which leaves the e4e encoder in train mode (so each
 *                 image is normalised with its own statistics); RUNNING_STATS is the textbook eval mode
 */
public record InversionConfig(E4eConfig e4e, UNetConfig texture, UNetConfig triplane, NormMode e4eNorm) {

    public static InversionConfig officialFewShot() {
        return new InversionConfig(E4eConfig.official(), UNetConfig.official(7, false), UNetConfig.official(6, true),
                NormMode.BATCH_STATS);
    }
}
