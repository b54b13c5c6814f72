/** The shipped key-value store service: get, put, compare-and-set, delete and bounded prefix scans. */
package org.bftee.core.service.kv;
