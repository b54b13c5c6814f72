package org.bftee.runtime.storage;

import org.bftee.core.message.Bytes;

/** One object's value in a base image or a delta; an empty value in a delta means the object was emptied. */
record ObjectRecord(int index, Bytes value) {
}
