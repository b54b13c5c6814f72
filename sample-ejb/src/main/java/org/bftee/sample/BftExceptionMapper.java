package org.bftee.sample;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.resource.ResourceException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.bftee.ra.api.BftConflictingRepliesException;
import org.bftee.ra.api.BftGroupUnreachableException;
import org.bftee.ra.api.BftOperationRejectedException;
import org.bftee.ra.api.BftOperationTooLargeException;
import org.bftee.ra.api.BftTimeoutException;

/**
 * Each documented failure of the replica group as an HTTP status and a JSON body naming it: the
 * service's refusal is the client's business (409, with the service's reason); a group that did not
 * answer is a gateway's (503, 504); replies that prove more than {@code f} replicas faulty are a bad
 * gateway (502), never a result.
 */
@Provider
public class BftExceptionMapper implements ExceptionMapper<ResourceException> {

    @Override
    public Response toResponse(ResourceException failure) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("error", failure.getClass().getSimpleName())
                .add("message", String.valueOf(failure.getMessage()));
        if (failure instanceof BftOperationRejectedException rejected) {
            body.add("result", String.valueOf(rejected.resultName()));
        }
        return Response.status(status(failure)).type(MediaType.APPLICATION_JSON).entity(body.build()).build();
    }

    private static int status(ResourceException failure) {
        if (failure instanceof BftOperationTooLargeException) {
            return 413;
        }
        if (failure instanceof BftOperationRejectedException) {
            return 409;
        }
        if (failure instanceof BftTimeoutException) {
            return 504;
        }
        if (failure instanceof BftGroupUnreachableException) {
            return 503;
        }
        if (failure instanceof BftConflictingRepliesException) {
            return 502;
        }
        return 500;
    }
}
