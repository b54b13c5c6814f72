package org.bftee.core.sim;

import org.bftee.core.message.Message;

/**
 * A Byzantine host's hook before sealing ({@link SimHost#intercept}): it sees each message the
 * node sends, once per receiver, and says what that receiver gets instead. A multicast is then
 * sealed per receiver, each frame with a valid authenticator, so a Byzantine primary can
 * equivocate: different, authentic pre-prepares to different backups.
 */
@FunctionalInterface
public interface MessageInterceptor {

    /** What {@code receiver} gets in place of {@code message}; {@code null} sends it nothing. */
    Message rewrite(int receiver, Message message);
}
