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
 * took the request.
 *
 * <p>A shadow-only candidate is compared with stable's answer, which is the primary's only when
 * stable served. A request the canary routed to the rollout's candidate goes to that candidate's
 * mirror alone (which sends its copy to stable): comparing the others with it would judge them
 * against the rollout's candidate, and another stable copy per candidate would add load on stable
 * for every canary request. So during a canary the others see the requests stable still serves.
 * Stateless and thread-safe, like the mirrors it holds.
 */
public final class MirrorFanOut implements MirrorSink {
    private final List<Mirror> mirrors;
    private final Mirror rollout;

    private MirrorFanOut(List<Mirror> mirrors, Mirror rollout) {
        this.mirrors = List.copyOf(mirrors);
        this.rollout = rollout;
    }

    /**
     * The sink for these mirrors, exactly one of which {@linkplain Mirror#drivesRollout() drives the
     * rollout} unless there are none: none mirrors nothing, one is that mirror's own sink.
     */
    public static MirrorSink of(List<Mirror> mirrors) {
        requireNonNull(mirrors, "mirrors");
        if (mirrors.isEmpty()) {
            return MirrorSink.NONE;
        }
        List<Mirror> driving = mirrors.stream().filter(Mirror::drivesRollout).toList();
        if (driving.size() != 1) {
            throw new IllegalArgumentException("mirrors: " + driving.size() + " drive the rollout (expected: one)");
        }
        return mirrors.size() == 1 ? mirrors.get(0).sink() : new MirrorFanOut(mirrors, driving.get(0));
    }

    @Override
    public PrimaryObserver mirror(FullHttpRequest request, String requestId, boolean candidateServes) {
        if (candidateServes) {
            return rollout.sink().mirror(request, requestId, true);
        }
        List<PrimaryObserver> observers = null;
        PrimaryObserver only = PrimaryObserver.NONE;
        for (Mirror mirror : mirrors) {
            PrimaryObserver observer = mirror.sink().mirror(request, requestId, false);
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
        // Indexed loops: a capturing lambda per body piece would allocate on the event loop.
        @Override
        public void onHead(HttpResponse head, long nanos) {
            for (int i = 0; i < all.size(); i++) {
                all.get(i).onHead(head, nanos);
            }
        }

        @Override
        public void onContent(ByteBuf content, long nanos) {
            for (int i = 0; i < all.size(); i++) {
                all.get(i).onContent(content, nanos);
            }
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
