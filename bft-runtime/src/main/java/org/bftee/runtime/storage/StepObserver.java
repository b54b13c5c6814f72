package org.bftee.runtime.storage;

import java.nio.file.Path;

/**
 * Sees every {@link StorageStep} before and after it happens. The crash tests throw from it to stop a
 * save at each step, as a kill -9 would; production storage uses {@link #NONE}.
 */
interface StepObserver {

    StepObserver NONE = new StepObserver() {
        @Override
        public void before(StorageStep step, Path file) {
        }

        @Override
        public void after(StorageStep step, Path file) {
        }
    };

    void before(StorageStep step, Path file);

    void after(StorageStep step, Path file);
}
