package io.invertavatar.modelpack;

/** A pack is loadable only when {@code READY}; {@code BROKEN} packs are listed with the reason and never loaded. */
public enum ModelPackStatus {
    READY,
    BROKEN
}
