package org.bftee.runtime.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.bftee.core.codec.FrameHeader;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Request;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.bftee.core.service.kv.KvService;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.client.BftClient;
import org.bftee.runtime.client.BftClientOptions;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.net.TransportSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A peer that sends well-framed garbage is cut off after the named number of frames; the group goes on. */
class MisbehavingPeerTest {

    private LocalGroup group;

    @AfterEach
    void stopEverything() {
        if (group != null) {
            group.close();
        }
    }

    @Test
    void aConnectionThatKeepsSendingUndecodableFramesIsCutAndTheGroupGoesOn() throws Exception {
        group = LocalGroup.start(1, 1, ProtocolLimits.defaults(), ProtocolTimeouts.defaults(),
                replica -> new KvService(KvLimits.defaults()), ObjectStoreLimits.defaults());
        GroupConfig config = group.config();
        byte[] garbage = undecodableRequestFrame(config);
        int cutAfter = TransportSettings.defaults(WireLimits.forGroup(config.limits(), config.n()))
                .rejectedFramesBeforeCut();

        try (Socket socket = new Socket("127.0.0.1", config.replica(0).address().port())) {
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < cutAfter + 4; i++) {
                out.write(garbage);
            }
            out.flush();
            assertEquals(-1, readUntilClosed(socket.getInputStream()), "the replica closed the connection");
        }

        BftClient client = group.connectClient(0, BftClientOptions.defaults());
        Bytes result = client.invoke(KvOperations.encode(new KvOperation.Put(text("k"), text("v"))), false);
        assertEquals(org.bftee.core.service.ResultCode.OK,
                org.bftee.core.service.ServiceResult.decode(result).orElseThrow().code(), "the group goes on");
    }

    /** A REQUEST frame whose flags byte has an unknown bit: framed correctly, refused by the decoder. */
    private static byte[] undecodableRequestFrame(GroupConfig config) {
        MessageCodec codec = new MessageCodec(config.groupId(), WireLimits.forGroup(config.limits(), config.n()));
        Request request = new Request(GroupConfig.CLIENT_ID_MIN, 0, 1, 0, text("x"),
                Authenticator.wrap(new byte[8 * config.n()], 8));
        ByteBuffer frame = codec.encode(GroupConfig.CLIENT_ID_MIN, request, null);
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        // client i32 | lane i32 | timestamp i64 | flags u8: the flags byte is 16 bytes into the body.
        bytes[FrameHeader.LENGTH + 16] = (byte) 0x80;
        return bytes;
    }

    private static int readUntilClosed(InputStream in) throws Exception {
        try {
            int read;
            do {
                read = in.read();
            } while (read >= 0);
            return read;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (java.net.SocketException reset) {
            return -1; // closed with a reset: cut all the same
        }
    }

    private static Bytes text(String value) {
        return Bytes.of(value.getBytes(StandardCharsets.UTF_8));
    }
}
