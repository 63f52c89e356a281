package io.invertavatar.nn.checkpoint;

/**
 * A torch storage: {@code numel} elements of one type at {@code dataOffset} of {@code source}. Only the
 * location is kept; bytes are read when a tensor is written out. Tensors that share a storage share this record.
 */
public record TorchStorage(StorageType type, ByteSource source, long dataOffset, long numel) {

    public long byteLength() {
        return numel * type.elementSize();
    }

    @Override
    public String toString() {
        return type.torchName() + "[" + numel + "]";
    }
}
