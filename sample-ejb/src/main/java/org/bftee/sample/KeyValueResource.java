package org.bftee.sample;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.resource.ResourceException;

/** {@code /api/kv/{key}}: the key-value store, values as text. */
@Path("/kv/{key}")
public class KeyValueResource {

    @EJB
    private KeyValueBean store;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response get(@PathParam("key") String key) throws ResourceException {
        return store.get(key).map(value -> Response.ok(value)).orElse(Response.status(Response.Status.NOT_FOUND))
                .build();
    }

    @PUT
    @Consumes(MediaType.TEXT_PLAIN)
    public Response put(@PathParam("key") String key, String value) throws ResourceException {
        store.put(key, value);
        return Response.noContent().build();
    }

    @DELETE
    public Response delete(@PathParam("key") String key) throws ResourceException {
        return (store.delete(key) ? Response.noContent() : Response.status(Response.Status.NOT_FOUND)).build();
    }
}
