package org.bftee.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTypeTest {

    @Test
    void oneTypePerMessageRecord() {
        assertEquals(MessageType.values().length, Message.class.getPermittedSubclasses().length);
    }

    @Test
    void tagsAreTheDocumentedOnes() {
        // The tags are the wire format: this list changes only by appending.
        int[] tags = Arrays.stream(MessageType.values()).mapToInt(MessageType::tag).toArray();
        assertEquals(Arrays.toString(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}),
                Arrays.toString(tags));
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void fromTagFindsEachType(MessageType type) {
        assertSame(type, MessageType.fromTag(type.tag()));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 18, 255, 256, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void fromTagAnswersNullForAnythingElse(int tag) {
        assertNull(MessageType.fromTag(tag));
    }

    @Test
    void onlyRequestAndNewKeyTravelWithoutTrailerTags() {
        Set<MessageType> none = Arrays.stream(MessageType.values())
                .filter(type -> type.authentication() == MessageType.Authentication.NONE)
                .collect(Collectors.toSet());
        Set<MessageType> single = Arrays.stream(MessageType.values())
                .filter(type -> type.authentication() == MessageType.Authentication.MAC)
                .collect(Collectors.toSet());

        assertEquals(Set.of(MessageType.REQUEST, MessageType.NEW_KEY), none);
        assertEquals(Set.of(MessageType.REPLY, MessageType.VIEW_CHANGE_ACK, MessageType.REPLY_STABLE,
                MessageType.META_DATA, MessageType.META_DATA_DIGEST, MessageType.DATA), single);
    }
}
