package io.invertavatar.nn.ops;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * The {@code device} setting of the networks: {@code auto} (a GPU when the PyTorch engine finds one, else the CPU),
 * {@code cpu}, or {@code gpu:N}.
 */
public final class ComputeDevice {

    private ComputeDevice() {
    }

    public static Device resolve(String setting) {
        String s = setting == null ? "auto" : setting.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("auto")) {
            Engine engine = Engine.getEngine("PyTorch");
            return engine.getGpuCount() > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        if (s.matches("gpu(:\\d+)?")) {
            int id = s.contains(":") ? Integer.parseInt(s.substring(4)) : 0;
            int count = Engine.getEngine("PyTorch").getGpuCount();
            if (id >= count) {
                throw new IllegalArgumentException("device " + setting + " requested but the PyTorch engine sees " + count + " GPU(s)");
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("device must be auto, cpu or gpu:N, not '" + setting + "'");
    }
}
