package org.bftee.sample;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.resource.ResourceException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/workload/kv}: {@code latency} times key-value puts and gets made by an enterprise
 * bean through the connection factory ({@link KvLatencyBean}) and answers their median and 99th
 * percentile in microseconds, as measured inside the application server.
 */
@Path("/workload/kv")
@Produces(MediaType.APPLICATION_JSON)
public class KvWorkloadResource {

    @EJB
    private KvLatencyBean latency;

    @POST
    @Path("/latency")
    public JsonObject latency(@QueryParam("calls") @DefaultValue("1000") int calls,
                              @QueryParam("warmup") @DefaultValue("200") int warmup,
                              @QueryParam("valueBytes") @DefaultValue("16") int valueBytes) throws ResourceException {
        KvLatency measured = latency.measure(calls, warmup, valueBytes);
        return Json.createObjectBuilder()
                .add("calls", measured.calls())
                .add("warmup", measured.warmup())
                .add("valueBytes", measured.valueBytes())
                .add("seconds", measured.seconds())
                .add("putMedianMicros", measured.put().medianMicros())
                .add("putP99Micros", measured.put().p99Micros())
                .add("putMinMicros", measured.put().minMicros())
                .add("putMaxMicros", measured.put().maxMicros())
                .add("getMedianMicros", measured.get().medianMicros())
                .add("getP99Micros", measured.get().p99Micros())
                .add("getMinMicros", measured.get().minMicros())
                .add("getMaxMicros", measured.get().maxMicros())
                .build();
    }
}
