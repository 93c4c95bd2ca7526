package io.shadowgate.mirror;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.shadowgate.mirror.LegResult.Ending;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.asynchttpclient.AsyncHandler;
import org.asynchttpclient.HttpResponseBodyPart;
import org.asynchttpclient.HttpResponseStatus;
import org.asynchttpclient.exception.TooManyConnectionsException;
import org.asynchttpclient.exception.TooManyConnectionsPerHostException;

/**
 * Collects one shadow answer (status, Content-Type, Content-Encoding and the body as received) up to a size limit and reports it
 * exactly once, timed: when the status line arrived (its first byte) and when each body piece
 * did, one clock reading each, counted from the dispatch. An answer over the limit is aborted as soon as that is known, which also closes
 * its connection, so a huge shadow answer costs no more than the limit. Runs on the mirror's
 * event loop; one instance per request.
 */
final class CappedBodyHandler implements AsyncHandler<Void> {
    private final long maxBodyBytes;
    private final long startNanos;
    private final Consumer<CappedBodyHandler> onReport;
    private final Consumer<LegResult> done;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status;
    private String contentType;
    private String contentEncoding;
    private long firstByteNanos;
    private final ArrivalTimes arrivals = new ArrivalTimes();
    private final AtomicBoolean reported = new AtomicBoolean();

    /**
     * @param onReport told first, with this handler, when the result is reported (the client's in-flight bookkeeping)
     * @param done receives the result
     */
    CappedBodyHandler(long maxBodyBytes, long startNanos, Consumer<CappedBodyHandler> onReport,
                      Consumer<LegResult> done) {
        this.maxBodyBytes = maxBodyBytes;
        this.startNanos = startNanos;
        this.onReport = onReport;
        this.done = done;
    }

    @Override
    public State onStatusReceived(HttpResponseStatus responseStatus) {
        firstByteNanos = System.nanoTime() - startNanos;
        status = responseStatus.getStatusCode();
        return State.CONTINUE;
    }

    @Override
    public State onHeadersReceived(HttpHeaders headers) {
        contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
        contentEncoding = LegResult.joined(headers.getAll(HttpHeaderNames.CONTENT_ENCODING));
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && parseLength(length) > maxBodyBytes) {
            return tooLarge();
        }
        return State.CONTINUE;
    }

    @Override
    public State onBodyPartReceived(HttpResponseBodyPart part) {
        if (body.size() + (long) part.length() > maxBodyBytes) {
            return tooLarge();
        }
        if (part.length() > 0) {
            long at = System.nanoTime() - startNanos;
            body.writeBytes(part.getBodyPartBytes());
            arrivals.piece(body.size(), at);
        }
        return State.CONTINUE;
    }

    @Override
    public Void onCompleted() {
        report(LegResult.answered(status, contentType, contentEncoding, body.toByteArray(), System.nanoTime() - startNanos,
                firstByteNanos, arrivals.arrivals()));
        return null;
    }

    @Override
    public void onThrowable(Throwable cause) {
        Ending ending = cause instanceof TimeoutException ? Ending.TIMEOUT
                : cause instanceof TooManyConnectionsException || cause instanceof TooManyConnectionsPerHostException
                ? Ending.SHED : Ending.ERROR;
        report(LegResult.failed(ending, describe(cause)));
    }

    private State tooLarge() {
        report(LegResult.failed(Ending.TOO_LARGE, "answer larger than " + maxBodyBytes + " bytes"));
        return State.ABORT;
    }

    /** Once only, from whichever thread gets here first (the client's loop, or a closing mirror). */
    private void report(LegResult result) {
        if (reported.compareAndSet(false, true)) {
            onReport.accept(this);
            done.accept(result);
        }
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + message;
    }
}
