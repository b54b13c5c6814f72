package org.bftee.core.message;

/**
 * One request of a pre-prepare's batch: the request itself, or only its digest when the request
 * is large and the client multicast it separately.
 */
public sealed interface BatchEntry permits InlineRequest, RequestDigest {
}
