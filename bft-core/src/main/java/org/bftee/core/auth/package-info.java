/**
 * Frame authentication: {@link org.bftee.core.auth.FrameSealer} turns a principal's outbound
 * messages into frames with their MAC trailer, {@link org.bftee.core.auth.FrameOpener} turns
 * received frames back into messages from an authenticated sender, or rejects them with a named,
 * counted {@link org.bftee.core.auth.AuthRejectReason}. The runtime uses both on Netty; the
 * simulator uses them on its virtual network, so that MAC corruption and replays are real.
 */
package org.bftee.core.auth;
