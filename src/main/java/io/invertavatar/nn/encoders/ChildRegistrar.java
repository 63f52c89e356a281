package io.invertavatar.nn.encoders;

import io.invertavatar.nn.core.Module;

/** Lets a head helper register its layers directly on the owning encoder (official names have no head prefix). */
interface ChildRegistrar {
    <M extends Module> M child(String name, M module);
}
