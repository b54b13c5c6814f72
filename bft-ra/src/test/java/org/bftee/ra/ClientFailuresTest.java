package org.bftee.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.bftee.ra.api.BftConflictingRepliesException;
import org.bftee.ra.api.BftException;
import org.bftee.ra.api.BftGroupUnreachableException;
import org.bftee.ra.api.BftOperationRejectedException;
import org.bftee.ra.api.BftTimeoutException;
import org.bftee.runtime.client.BftClientException;
import org.junit.jupiter.api.Test;

/** Each failure of the client runtime reaches the application as its documented exception, with the runtime's words. */
class ClientFailuresTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Test
    void aTimeoutCarriesTheInvokeTimeout() {
        BftTimeoutException mapped = assertInstanceOf(BftTimeoutException.class,
                map(new BftClientException.Timeout("no certified result within PT3S")));

        assertEquals(3_000, mapped.timeoutMillis());
        assertTrue(mapped.getMessage().contains("may still execute"), mapped.getMessage());
    }

    @Test
    void anUnreachableGroupKeepsTheRuntimesCause() {
        BftClientException.GroupUnreachable cause = new BftClientException.GroupUnreachable("the session was closed");

        BftException mapped = map(cause);

        assertInstanceOf(BftGroupUnreachableException.class, mapped);
        assertEquals(cause, mapped.getCause());
    }

    @Test
    void conflictingRepliesTellTheOperatorsToBeAlerted() {
        BftException mapped = map(new BftClientException.ConflictingReplies("replies from 0, 1 differ"));

        assertInstanceOf(BftConflictingRepliesException.class, mapped);
        assertTrue(mapped.getMessage().contains("alert the operators"), mapped.getMessage());
    }

    @Test
    void aCallTheClientRefusedIsRejectedByTheClient() {
        BftOperationRejectedException mapped = assertInstanceOf(BftOperationRejectedException.class,
                map(new BftClientException.OperationRejected("client 1000 is overloaded")));

        assertEquals(BftOperationRejectedException.REFUSED_BY_CLIENT, mapped.resultCode());
        assertTrue(mapped.getMessage().endsWith("client 1000 is overloaded"), mapped.getMessage());
    }

    private static BftException map(BftClientException failure) {
        BftException mapped = ClientFailures.toApi(failure, TIMEOUT);
        assertTrue(mapped.getMessage().contains(failure.getMessage()), mapped.getMessage());
        return mapped;
    }
}
