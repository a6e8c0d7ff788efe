package io.rootfleet.agent.sys;

import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;

/**
 * The one way the agent binds C library functions. jnr-ffi calls them through reflection, not through classes
 * it generates with ASM at each start: generating them cost about 0.35 s of CPU per agent run (measured: status
 * 1.55 s against 1.2 s), more than reflection's per-call cost adds even for a walk over 30,000 files.
 */
public final class NativeLibc {
    static {
        if (System.getProperty("jnr.ffi.asm.enabled") == null) {
            System.setProperty("jnr.ffi.asm.enabled", "false");
        }
    }

    private NativeLibc() {}

    /** The C library's functions declared by {@code library}, each saving errno. */
    public static <T> T load(Class<T> library) {
        return LibraryLoader.create(library).option(LibraryOption.SaveError, true).load("c");
    }
}
