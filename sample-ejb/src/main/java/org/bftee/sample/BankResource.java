package org.bftee.sample;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.resource.ResourceException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/bank}: the bank ledger, one account at a time. */
@Path("/bank")
@Produces(MediaType.APPLICATION_JSON)
public class BankResource {

    @EJB
    private BankBean bank;

    @POST
    @Path("/accounts/{account}")
    public JsonObject open(@PathParam("account") long account) throws ResourceException {
        bank.open(account);
        return balanceOf(account, 0);
    }

    @POST
    @Path("/accounts/{account}/deposits")
    public JsonObject deposit(@PathParam("account") long account, @QueryParam("amount") long amount)
            throws ResourceException {
        return balanceOf(account, bank.deposit(account, amount));
    }

    @GET
    @Path("/accounts/{account}")
    public JsonObject balance(@PathParam("account") long account) throws ResourceException {
        return balanceOf(account, bank.balance(account));
    }

    @POST
    @Path("/transfers")
    public JsonObject transfer(@QueryParam("from") long from, @QueryParam("to") long to,
                               @QueryParam("amount") long amount) throws ResourceException {
        return balanceOf(from, bank.transfer(from, to, amount));
    }

    @GET
    @Path("/total")
    public JsonObject total() throws ResourceException {
        return Json.createObjectBuilder().add("total", bank.total()).build();
    }

    private static JsonObject balanceOf(long account, long balance) {
        return Json.createObjectBuilder().add("account", account).add("balance", balance).build();
    }
}
