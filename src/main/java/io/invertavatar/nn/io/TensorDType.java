package io.invertavatar.nn.io;

import ai.djl.ndarray.types.DataType;

/** The safetensors dtype names we read and write, with their DJL type and element size. */
public enum TensorDType {
    F64("F64", DataType.FLOAT64, 8),
    F32("F32", DataType.FLOAT32, 4),
    F16("F16", DataType.FLOAT16, 2),
    BF16("BF16", DataType.BFLOAT16, 2),
    I64("I64", DataType.INT64, 8),
    I32("I32", DataType.INT32, 4),
    I16("I16", DataType.INT16, 2),
    I8("I8", DataType.INT8, 1),
    U8("U8", DataType.UINT8, 1),
    BOOL("BOOL", DataType.BOOLEAN, 1);

    private final String code;
    private final DataType djl;
    private final int bytes;

    TensorDType(String code, DataType djl, int bytes) {
        this.code = code;
        this.djl = djl;
        this.bytes = bytes;
    }

    public String code() {
        return code;
    }

    public DataType djl() {
        return djl;
    }

    public int bytes() {
        return bytes;
    }

    public static TensorDType ofCode(String code) {
        for (TensorDType t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported safetensors dtype " + code);
    }

    public static TensorDType of(DataType type) {
        for (TensorDType t : values()) {
            if (t.djl == type) {
                return t;
            }
        }
        throw new IllegalArgumentException("no safetensors dtype for " + type);
    }
}
