package io.invertavatar.it;

/** {@link OwnerDataErasureScenario} on the filesystem blob store (the shared keys-mode context). */
class OwnerDataErasureFileSystemIntegrationTest extends OwnerDataErasureScenario {
}
