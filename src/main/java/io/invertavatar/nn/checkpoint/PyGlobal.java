package io.invertavatar.nn.checkpoint;

/**
 * A class or function reference that passed the allow-list. It is only a name: nothing is imported or called;
 * the pickle machine maps the few allowed callables to inert builders.
 */
public record PyGlobal(String module, String name, GlobalPolicy.Kind kind) {

    public String path() {
        return module + "." + name;
    }

    @Override
    public String toString() {
        return path();
    }
}
