package io.shadowgate.mirror;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.shadowgate.proxy.MirrorSink;
import io.shadowgate.proxy.PrimaryObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy's one {@link MirrorSink} when there are several candidates: offers each request to
 * every candidate's mirror, which samples it on its own (its own percent, its own in-flight bound)
 * and retains its own reference on the body, and shows the primary's answer to every mirror that
 * took the request. Only the rollout's candidate's mirror hears that the candidate serves: the
 * others were never routed to and always compare a copy with stable's answer. Stateless and
 * thread-safe, like the mirrors it holds.
 */
public final class MirrorFanOut implements MirrorSink {
    private final List<Mirror> mirrors;

    private MirrorFanOut(List<Mirror> mirrors) {
        this.mirrors = List.copyOf(mirrors);
    }

    /** The sink for these mirrors: none mirrors nothing, one is that mirror's own sink. */
    public static MirrorSink of(List<Mirror> mirrors) {
        requireNonNull(mirrors, "mirrors");
        if (mirrors.isEmpty()) {
            return MirrorSink.NONE;
        }
        return mirrors.size() == 1 ? sinkOf(mirrors.get(0)) : new MirrorFanOut(mirrors);
    }

    /** A lone mirror hears {@code candidateServes} only if it is the rollout's candidate's. */
    private static MirrorSink sinkOf(Mirror mirror) {
        return mirror.drivesRollout() ? mirror.sink()
                : (request, requestId, candidateServes) -> mirror.sink().mirror(request, requestId, false);
    }

    @Override
    public PrimaryObserver mirror(FullHttpRequest request, String requestId, boolean candidateServes) {
        List<PrimaryObserver> observers = null;
        PrimaryObserver only = PrimaryObserver.NONE;
        for (Mirror mirror : mirrors) {
            PrimaryObserver observer = mirror.sink().mirror(request, requestId, candidateServes && mirror.drivesRollout());
            if (observer == PrimaryObserver.NONE) {
                continue;
            }
            if (only == PrimaryObserver.NONE) {
                only = observer;
            } else {
                if (observers == null) {
                    observers = new ArrayList<>(mirrors.size());
                    observers.add(only);
                }
                observers.add(observer);
            }
        }
        return observers == null ? only : new Observers(observers);
    }

    /**
     * Shows each event to every observer in turn. Each retains what it keeps of a borrowed buffer
     * itself, so the buffer is handed to all unchanged; every observer sees exactly one ending.
     */
    private record Observers(List<PrimaryObserver> all) implements PrimaryObserver {
        @Override
        public void onHead(HttpResponse head) {
            all.forEach(observer -> observer.onHead(head));
        }

        @Override
        public void onContent(ByteBuf content) {
            all.forEach(observer -> observer.onContent(content));
        }

        @Override
        public void onComplete(long latencyNanos) {
            all.forEach(observer -> observer.onComplete(latencyNanos));
        }

        @Override
        public void onFailed(String error) {
            all.forEach(observer -> observer.onFailed(error));
        }
    }
}
