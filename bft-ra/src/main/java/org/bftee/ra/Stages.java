package org.bftee.ra;

import jakarta.resource.ResourceException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bftee.core.service.ResultCode;
import org.bftee.ra.api.BftException;
import org.bftee.ra.api.BftOperationRejectedException;
import org.bftee.ra.api.BftTimeoutException;

/**
 * The glue between the asynchronous invocations and what applications get: stages that fail with
 * the documented exception itself (not wrapped in a {@link CompletionException}), and the blocking
 * wait of the synchronous methods.
 */
final class Stages {

    /** Turns a successful result's payload into a typed value. */
    interface Decoder<T> {
        T decode(byte[] payload) throws BftException;
    }

    private Stages() {
    }

    /** @return a stage with {@code decoder}'s value, or the failure of {@code stage} or of the decoder */
    static <T> CompletableFuture<T> decode(CompletionStage<byte[]> stage, Decoder<T> decoder) {
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((payload, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
                return;
            }
            try {
                result.complete(decoder.decode(payload));
            } catch (BftException | RuntimeException undecodable) {
                result.completeExceptionally(undecodable);
            }
        });
        return result;
    }

    /**
     * @return a stage that answers {@code value} where {@code stage} fails because the service
     *         answered {@code code}: how the typed helpers turn "not found" into an empty answer
     */
    static <T> CompletableFuture<T> recover(CompletableFuture<T> stage, ResultCode code, T value) {
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((answer, failure) -> {
            if (failure == null) {
                result.complete(answer);
            } else if (unwrap(failure) instanceof BftOperationRejectedException rejected
                    && rejected.resultCode() == code.code()) {
                result.complete(value);
            } else {
                result.completeExceptionally(unwrap(failure));
            }
        });
        return result;
    }

    /**
     * Waits for {@code stage}. The client runtime times calls out itself; {@code timeout} only
     * guards against a stage that a bug would leave incomplete.
     *
     * @throws ResourceException the stage's own failure, unwrapped
     */
    static <T> T await(CompletionStage<T> stage, Duration timeout) throws ResourceException {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            Throwable cause = unwrap(failed);
            if (cause instanceof ResourceException known) {
                throw known;
            }
            throw new BftException("the invocation failed unexpectedly: " + cause, cause);
        } catch (TimeoutException expired) {
            throw new BftTimeoutException("no outcome within " + timeout.toMillis() + " ms", timeout.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new BftException("interrupted while waiting for the replica group; the operation may still"
                    + " execute", interrupted);
        }
    }

    /** @return the failure inside the wrappers that futures add */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
