package org.bftee.runtime.storage;

/**
 * Whether {@link DurableDirectory} forces files and the directory to disk. Production storage always
 * does. The crash tests stop the process at each step in-process, which models kill -9: a process crash
 * loses nothing the kernel already holds, so forcing adds only time to them (several milliseconds per
 * force on a virtual disk, over thousands of simulated saves). A power loss, which forcing is for, cannot
 * be simulated in-process; the order of the steps, which it depends on, is what those tests check.
 */
enum Forcing {
    TO_DISK,
    SKIPPED_IN_CRASH_TESTS
}
