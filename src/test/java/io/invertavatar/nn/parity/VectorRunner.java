package io.invertavatar.nn.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.Map;

/**
 * Builds the module a vector names from the vector's constructor arguments, loads its {@code param.*},
 * performs the vector's calls and returns every tensor it produced under the vector's own output names
 * ({@code out.*}, and {@code mid.*} where it computes them). Output names come from the JSON, never from code.
 */
public interface VectorRunner {

    /** Official class / function names ({@code module} field of the JSON) this runner understands. */
    java.util.Set<String> modules();

    Map<String, NDArray> run(GoldenVector vector, NDManager manager) throws Exception;
}
