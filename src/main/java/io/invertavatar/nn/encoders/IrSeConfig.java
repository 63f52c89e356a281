package io.invertavatar.nn.encoders;

import java.util.List;

/**
 * Widths and depths of an IR-SE backbone ({@code helpers.py: get_blocks}). Official IR-SE-50: stem 64, stages
 * 64/128/256/512 with 3/4/14/3 units, SE reduction 16. Every number is configuration so the reduced-width golden
 * vectors (and any other variant) build from the same code.
 *
 * @param inputChannels  image channels fed to {@code input_layer.0} (3 e4e, 7 texture, 6 tri-plane)
 * @param stemWidth      output channels of {@code input_layer}
 * @param stageDepths    output channels of each stage
 * @param stageUnits     number of bottleneck units of each stage (the first unit of a stage has stride 2)
 * @param seReduction    SEModule channel reduction
 */
public record IrSeConfig(int inputChannels, int stemWidth, List<Integer> stageDepths, List<Integer> stageUnits,
                         int seReduction) {

    public IrSeConfig {
        stageDepths = List.copyOf(stageDepths);
        stageUnits = List.copyOf(stageUnits);
        if (stageDepths.size() != 4 || stageUnits.size() != 4) {
            throw new IllegalArgumentException("IR-SE has 4 stages, got depths " + stageDepths + " units " + stageUnits);
        }
    }

    public static IrSeConfig irSe50(int inputChannels) {
        return new IrSeConfig(inputChannels, 64, List.of(64, 128, 256, 512), List.of(3, 4, 14, 3), 16);
    }

    public int unitCount() {
        return stageUnits.stream().mapToInt(Integer::intValue).sum();
    }

    /** Body index of the last unit of a stage (official IR-SE-50: 2, 6, 20, 23). */
    public int stageEnd(int stage) {
        int end = -1;
        for (int s = 0; s <= stage; s++) {
            end += stageUnits.get(s);
        }
        return end;
    }

    public int depth(int stage) {
        return stageDepths.get(stage);
    }
}
