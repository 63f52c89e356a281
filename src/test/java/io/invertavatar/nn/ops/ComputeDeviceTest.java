package io.invertavatar.nn.ops;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ComputeDeviceTest {

    @Test
    void parsesTheSetting() {
        assertEquals(Device.cpu(), ComputeDevice.resolve("cpu"));
        assertEquals(Device.cpu(), ComputeDevice.resolve(" CPU "));
        Device expectedAuto = Engine.getEngine("PyTorch").getGpuCount() > 0 ? Device.gpu(0) : Device.cpu();
        assertEquals(expectedAuto, ComputeDevice.resolve("auto"));
        assertThrows(IllegalArgumentException.class, () -> ComputeDevice.resolve("tpu"));
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        assertThrows(IllegalArgumentException.class, () -> ComputeDevice.resolve("gpu:" + gpus));
    }
}
