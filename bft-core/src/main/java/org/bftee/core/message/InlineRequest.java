package org.bftee.core.message;

import java.util.Objects;

/** A request carried whole inside a pre-prepare, with its client's authenticator. */
public record InlineRequest(Request request) implements BatchEntry {

    public InlineRequest {
        Objects.requireNonNull(request, "request");
    }
}
