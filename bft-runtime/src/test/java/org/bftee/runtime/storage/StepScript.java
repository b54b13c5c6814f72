package org.bftee.runtime.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link StepObserver} for the crash tests: once armed, it counts the step points (before and after each
 * {@link StorageStep}) and throws {@link SimulatedCrash} at the chosen one, as a kill -9 would stop the
 * process there. It also keeps the content of every temporary file as written, for the truncation tests.
 */
final class StepScript implements StepObserver {

    /** Stands for the process dying: nothing of the storage runs after it. */
    static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String point) {
            super("simulated crash " + point);
        }
    }

    private static final int NOT_ARMED = -1;

    private int crashAt = NOT_ARMED;
    private boolean counting;
    private final List<String> reached = new ArrayList<>();
    private final List<WrittenTemporary> temporaryFiles = new ArrayList<>();

    /** A temporary file's name and content once written, before it was forced and renamed. */
    record WrittenTemporary(String name, byte[] content) {

        /** The name it is renamed to. */
        String targetName() {
            return name.substring(0, name.length() - DurableDirectory.TEMPORARY_SUFFIX.length());
        }
    }

    /** Counts from now on, and crashes at point {@code point} (0 = the first); never if negative. */
    void arm(int point) {
        crashAt = point;
        counting = true;
        reached.clear();
        temporaryFiles.clear();
    }

    /** Counts from now on without crashing. */
    void record() {
        arm(NOT_ARMED);
    }

    void disarm() {
        counting = false;
    }

    /** The points reached since armed, in order, such as "before RENAME manifest". */
    List<String> reached() {
        return List.copyOf(reached);
    }

    /** The temporary files written since armed, in order. */
    List<WrittenTemporary> temporaryFiles() {
        return List.copyOf(temporaryFiles);
    }

    @Override
    public void before(StorageStep step, Path file) {
        reach("before " + step + " " + file.getFileName());
    }

    @Override
    public void after(StorageStep step, Path file) {
        if (counting && step == StorageStep.WRITE_TEMPORARY) {
            try {
                temporaryFiles.add(new WrittenTemporary(file.getFileName().toString(), Files.readAllBytes(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        reach("after " + step + " " + file.getFileName());
    }

    private void reach(String point) {
        if (!counting) {
            return;
        }
        if (reached.size() == crashAt) {
            counting = false;
            throw new SimulatedCrash(point);
        }
        reached.add(point);
    }
}
