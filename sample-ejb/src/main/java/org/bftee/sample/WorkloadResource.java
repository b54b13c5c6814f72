package org.bftee.sample;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.resource.ResourceException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;

/**
 * {@code /api/workload/bank}: the demo's workload. {@code setup} opens the accounts, {@code run}
 * moves money between them for a while and answers a summary, {@code audit} checks the invariant.
 */
@Path("/workload/bank")
@Produces(MediaType.APPLICATION_JSON)
public class WorkloadResource {

    @EJB
    private BankWorkloadBean workload;

    @POST
    @Path("/setup")
    public JsonObject setUp(@QueryParam("first") @DefaultValue("1") long first,
                            @QueryParam("count") @DefaultValue("20") int count,
                            @QueryParam("initial") @DefaultValue("1000") long initial) throws ResourceException {
        return Json.createObjectBuilder().add("first", first).add("count", count)
                .add("expectedTotal", workload.setUp(first, count, initial)).build();
    }

    @POST
    @Path("/run")
    public JsonObject run(@QueryParam("first") @DefaultValue("1") long first,
                          @QueryParam("count") @DefaultValue("20") int count,
                          @QueryParam("threads") @DefaultValue("4") int threads,
                          @QueryParam("seconds") @DefaultValue("10") int seconds) throws InterruptedException {
        WorkloadSummary summary = workload.run(first, count, threads, Duration.ofSeconds(seconds));
        JsonObjectBuilder failures = Json.createObjectBuilder();
        summary.failures().forEach(failures::add);
        return Json.createObjectBuilder()
                .add("operations", summary.operations())
                .add("refused", summary.refused())
                .add("failures", summary.failureCount())
                .add("failuresByKind", failures)
                .add("seconds", summary.seconds())
                .add("latencyMedianMicros", summary.latencyMedianMicros())
                .add("latencyP99Micros", summary.latencyP99Micros())
                .build();
    }

    @GET
    @Path("/audit")
    public JsonObject audit(@QueryParam("first") @DefaultValue("1") long first,
                            @QueryParam("count") @DefaultValue("20") int count,
                            @QueryParam("expected") long expectedTotal) throws ResourceException {
        BankAudit audit = workload.audit(first, count, expectedTotal);
        JsonArrayBuilder negative = Json.createArrayBuilder();
        audit.negativeAccounts().forEach(negative::add);
        return Json.createObjectBuilder()
                .add("holds", audit.holds())
                .add("accounts", audit.accounts())
                .add("balanceSum", audit.balanceSum())
                .add("ledgerTotal", audit.ledgerTotal())
                .add("expectedTotal", audit.expectedTotal())
                .add("negativeAccounts", negative)
                .build();
    }
}
