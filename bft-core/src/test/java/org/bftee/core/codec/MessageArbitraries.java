package org.bftee.core.codec;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.BatchEntry;
import org.bftee.core.message.Bitmap;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Checkpoint;
import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.Commit;
import org.bftee.core.message.Data;
import org.bftee.core.message.Decision;
import org.bftee.core.message.DigestView;
import org.bftee.core.message.Fetch;
import org.bftee.core.message.InlineRequest;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;
import org.bftee.core.message.MetaData;
import org.bftee.core.message.MetaDataDigest;
import org.bftee.core.message.NewKey;
import org.bftee.core.message.NewView;
import org.bftee.core.message.PartitionSummary;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.PrePreparedEntry;
import org.bftee.core.message.Prepare;
import org.bftee.core.message.PreparedEntry;
import org.bftee.core.message.QueryStable;
import org.bftee.core.message.Reply;
import org.bftee.core.message.ReplyStable;
import org.bftee.core.message.Request;
import org.bftee.core.message.RequestDigest;
import org.bftee.core.message.SealedSessionKey;
import org.bftee.core.message.Status;
import org.bftee.core.message.ViewChange;
import org.bftee.core.message.ViewChangeAck;
import org.bftee.core.message.ViewChangeRef;

/**
 * jqwik arbitraries for every message record, within small {@link #LIMITS} so that generated
 * values reach the limits often (jqwik favours edge cases: zero, empty, the maxima).
 */
final class MessageArbitraries {

    static final WireLimits LIMITS = WireLimits.builder()
            .frameBytesMax(64 * 1024)
            .operationBytesMax(64)
            .resultBytesMax(64)
            .nonDeterministicBytesMax(16)
            .batchRequestsMax(5)
            .replicasMax(7)
            .viewChangeRefsMax(7)
            .lanesMax(4)
            .logWindowMax(12)
            .digestViewsPerEntryMax(3)
            .partitionLevelsMax(4)
            .metaDataChildrenMax(6)
            .dataValueBytesMax(64)
            .publicKeyBytesMax(40)
            .signatureBytesMax(70)
            .sealedKeysMax(7)
            .sealedKeyBytesMax(60)
            .build();

    private MessageArbitraries() {
    }

    static Arbitrary<Long> nonNegativeLongs() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE);
    }

    static Arbitrary<Long> longsOrNone() {
        return Arbitraries.longs().between(Fetch.NONE, Long.MAX_VALUE);
    }

    static Arbitrary<Integer> principals() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE);
    }

    static Arbitrary<Integer> replicas() {
        return Arbitraries.integers().between(0, LIMITS.replicasMax() - 1);
    }

    static Arbitrary<Integer> lanes() {
        return Arbitraries.integers().between(0, LIMITS.lanesMax() - 1);
    }

    static Arbitrary<Integer> levels() {
        return Arbitraries.integers().between(0, LIMITS.partitionLevelsMax() - 1);
    }

    static Arbitrary<Bytes> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max).map(Bytes::wrap);
    }

    static Arbitrary<Digest> digests() {
        return Arbitraries.bytes().array(byte[].class).ofSize(Digest.LENGTH).map(Digest::of);
    }

    static Arbitrary<Authenticator> authenticators(int countMin, int countMax) {
        return Combinators.combine(Arbitraries.integers().between(countMin, countMax),
                        Arbitraries.integers().between(Authenticator.TAG_LENGTH_MIN, Authenticator.TAG_LENGTH_MAX))
                .flatAs((count, tagLength) -> Arbitraries.bytes().array(byte[].class).ofSize(count * tagLength)
                        .map(tags -> Authenticator.wrap(tags, tagLength)));
    }

    /** A trailer that suits {@code type}: none, one tag, or one to {@code replicasMax}. */
    static Arbitrary<Authenticator> trailers(MessageType type) {
        return switch (type.authentication()) {
            case NONE -> Arbitraries.just(null);
            case MAC -> authenticators(1, 1);
            case AUTHENTICATOR -> authenticators(1, LIMITS.replicasMax());
        };
    }

    static Arbitrary<Bitmap> bitmaps(int maxBits) {
        return Arbitraries.integers().between(0, maxBits).flatMap(size -> size == 0 ? Arbitraries.just(Bitmap.EMPTY)
                : Arbitraries.integers().between(0, size - 1).set().ofMaxSize(size)
                .map(set -> Bitmap.of(size, set.stream().mapToInt(Integer::intValue).toArray())));
    }

    static Arbitrary<Request> requests() {
        Arbitrary<Integer> flags = Arbitraries.integers().between(0, Request.READ_ONLY | Request.FULL_REPLIES_FROM_ALL);
        Arbitrary<Request> macs = Combinators.combine(principals(), lanes(), nonNegativeLongs(), flags,
                        bytes(0, LIMITS.operationBytesMax()), authenticators(1, LIMITS.replicasMax()))
                .as(Request::new);
        Arbitrary<Request> signed = Combinators.combine(principals(), lanes(), nonNegativeLongs(), flags,
                        bytes(0, LIMITS.operationBytesMax()), bytes(1, LIMITS.signatureBytesMax()))
                .as((client, lane, timestamp, flag, operation, signature) ->
                        new Request(client, lane, timestamp, flag | Request.SIGNED, operation, null, signature));
        return Arbitraries.oneOf(macs, signed);
    }

    static Arbitrary<Reply> replies() {
        Arbitrary<Reply> full = Combinators.combine(nonNegativeLongs(), principals(), lanes(), nonNegativeLongs(),
                        replicas(), Arbitraries.of(0, Reply.TENTATIVE), bytes(0, LIMITS.resultBytesMax()))
                .as(Reply::new);
        Arbitrary<Reply> digestOnly = Combinators.combine(nonNegativeLongs(), principals(), lanes(),
                        nonNegativeLongs(), replicas(), Arbitraries.of(0, Reply.TENTATIVE), digests())
                .as((view, client, lane, timestamp, replica, flags, digest) -> new Reply(view, client, lane, timestamp,
                        replica, flags | Reply.DIGEST_ONLY, Bytes.wrap(digest.toByteArray())));
        return Arbitraries.oneOf(full, digestOnly);
    }

    static Arbitrary<BatchEntry> batchEntries() {
        Arbitrary<BatchEntry> inline = requests().map(InlineRequest::new);
        Arbitrary<BatchEntry> digest = Combinators.combine(principals(), lanes(), nonNegativeLongs(), digests())
                .as(RequestDigest::new);
        return Arbitraries.oneOf(inline, digest);
    }

    static Arbitrary<PrePrepare> prePrepares() {
        return Combinators.combine(nonNegativeLongs(), nonNegativeLongs(), bytes(0, LIMITS.nonDeterministicBytesMax()),
                batchEntries().list().ofMaxSize(LIMITS.batchRequestsMax())).as(PrePrepare::new);
    }

    static Arbitrary<CheckpointEntry> checkpointEntries() {
        return Combinators.combine(nonNegativeLongs(), digests()).as(CheckpointEntry::new);
    }

    static Arbitrary<ViewChange> viewChanges() {
        int window = LIMITS.logWindowMax();
        Arbitrary<PreparedEntry> prepared = Combinators.combine(nonNegativeLongs(), digests(), nonNegativeLongs())
                .as(PreparedEntry::new);
        Arbitrary<PrePreparedEntry> prePrepared = Combinators.combine(nonNegativeLongs(),
                Combinators.combine(digests(), nonNegativeLongs()).as(DigestView::new).list()
                        .ofMaxSize(LIMITS.digestViewsPerEntryMax())).as(PrePreparedEntry::new);
        return Combinators.combine(nonNegativeLongs(), nonNegativeLongs(), checkpointEntries().list().ofMaxSize(window),
                prepared.list().ofMaxSize(window), prePrepared.list().ofMaxSize(window), replicas()).as(ViewChange::new);
    }

    static Arbitrary<NewView> newViews() {
        Arbitrary<ViewChangeRef> refs = Combinators.combine(replicas(), digests()).as(ViewChangeRef::new);
        Arbitrary<Decision> decisions = Combinators.combine(nonNegativeLongs(),
                Arbitraries.oneOf(digests(), Arbitraries.just(Digest.ZERO))).as(Decision::new);
        return Combinators.combine(nonNegativeLongs(), refs.list().ofMaxSize(LIMITS.viewChangeRefsMax()),
                checkpointEntries(), decisions.list().ofMaxSize(LIMITS.logWindowMax())).as(NewView::new);
    }

    static Arbitrary<NewKey> newKeys() {
        Arbitrary<SealedSessionKey> sealed = Combinators.combine(principals(), bytes(0, LIMITS.sealedKeyBytesMax()))
                .as(SealedSessionKey::new);
        return Combinators.combine(replicas(), nonNegativeLongs(), bytes(0, LIMITS.publicKeyBytesMax()),
                sealed.list().ofMaxSize(LIMITS.sealedKeysMax()), bytes(0, LIMITS.signatureBytesMax())).as(NewKey::new);
    }

    static Arbitrary<MetaData> metaData() {
        Arbitrary<PartitionSummary> children = Combinators.combine(nonNegativeLongs(), nonNegativeLongs(), digests())
                .as(PartitionSummary::new);
        return Combinators.combine(nonNegativeLongs(), levels(), nonNegativeLongs(),
                children.list().ofMaxSize(LIMITS.metaDataChildrenMax()), replicas()).as(MetaData::new);
    }

    static Arbitrary<Status> statuses() {
        return Combinators.combine(nonNegativeLongs(), Arbitraries.integers().between(0, 3), nonNegativeLongs(),
                        nonNegativeLongs(), bitmaps(LIMITS.logWindowMax()), bitmaps(LIMITS.logWindowMax()),
                        bitmaps(LIMITS.replicasMax()), replicas())
                .as((view, flags, stable, executed, prepared, committed, viewChanges, replica) -> new Status(view,
                        (flags & 1) != 0, (flags & 2) != 0, stable, executed, prepared, committed, viewChanges, replica));
    }

    /** Messages of every type, each type about equally likely. */
    static Arbitrary<Message> messages() {
        List<Arbitrary<? extends Message>> all = List.of(
                requests(),
                replies(),
                prePrepares(),
                Combinators.combine(nonNegativeLongs(), nonNegativeLongs(), digests(), replicas(),
                        bitmaps(LIMITS.batchRequestsMax()).filter(b -> b.size() == 0 || b.cardinality() > 0))
                        .as(Prepare::new),
                Combinators.combine(nonNegativeLongs(), nonNegativeLongs(), digests(), replicas()).as(Commit::new),
                Combinators.combine(nonNegativeLongs(), digests(), replicas()).as(Checkpoint::new),
                viewChanges(),
                Combinators.combine(nonNegativeLongs(), replicas(), replicas(), digests()).as(ViewChangeAck::new),
                newViews(),
                newKeys(),
                Combinators.combine(replicas(), Arbitraries.longs()).as(QueryStable::new),
                Combinators.combine(nonNegativeLongs(), nonNegativeLongs(), replicas(), Arbitraries.longs())
                        .as(ReplyStable::new),
                Combinators.combine(levels(), nonNegativeLongs(), longsOrNone(), longsOrNone(),
                        Arbitraries.integers().between(Fetch.NONE, LIMITS.replicasMax() - 1), replicas())
                        .as(Fetch::new),
                metaData(),
                Combinators.combine(nonNegativeLongs(), levels(), nonNegativeLongs(), digests(), replicas())
                        .as(MetaDataDigest::new),
                Combinators.combine(nonNegativeLongs(), nonNegativeLongs(), bytes(0, LIMITS.dataValueBytesMax()),
                        replicas()).as(Data::new),
                statuses());
        return Arbitraries.oneOf(all);
    }

    /** A message, its sender and a trailer that suits it. */
    record Framed(int sender, Message message, Authenticator trailer) {
    }

    static Arbitrary<Framed> framed() {
        return messages().flatMap(message -> Combinators.combine(principals(), trailers(message.type()))
                .as((sender, trailer) -> new Framed(sender, message, trailer)));
    }
}
