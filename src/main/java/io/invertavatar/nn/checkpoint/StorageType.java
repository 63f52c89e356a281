package io.invertavatar.nn.checkpoint;

import io.invertavatar.nn.io.TensorDType;

/** The legacy torch storage classes ({@code torch.FloatStorage} ...) and their element types. */
public enum StorageType {
    FLOAT("FloatStorage", TensorDType.F32),
    DOUBLE("DoubleStorage", TensorDType.F64),
    HALF("HalfStorage", TensorDType.F16),
    BFLOAT16("BFloat16Storage", TensorDType.BF16),
    LONG("LongStorage", TensorDType.I64),
    INT("IntStorage", TensorDType.I32),
    SHORT("ShortStorage", TensorDType.I16),
    CHAR("CharStorage", TensorDType.I8),
    BYTE("ByteStorage", TensorDType.U8),
    BOOL("BoolStorage", TensorDType.BOOL);

    private final String torchName;
    private final TensorDType dtype;

    StorageType(String torchName, TensorDType dtype) {
        this.torchName = torchName;
        this.dtype = dtype;
    }

    public String torchName() {
        return torchName;
    }

    public TensorDType dtype() {
        return dtype;
    }

    public int elementSize() {
        return dtype.bytes();
    }

    public static StorageType ofTorchName(String name) {
        for (StorageType t : values()) {
            if (t.torchName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
