package io.invertavatar.nn.core;

import java.util.List;

/** What a state-dict load found: names the network wanted but did not get, and names nobody wanted. */
public record LoadReport(List<String> missing, List<String> unexpected) {

    public boolean isComplete() {
        return missing.isEmpty() && unexpected.isEmpty();
    }

    /** Throws with every offending name when anything is missing or unexpected. */
    public LoadReport requireComplete() {
        if (!isComplete()) {
            throw new IllegalStateException("state dict mismatch: missing " + missing + ", unexpected " + unexpected);
        }
        return this;
    }
}
