/**
 * Example application: enterprise beans that use the BFT connection factory the way an application
 * uses a {@code DataSource}.
 */
package org.bftee.sample;
