package io.shadowgate.testing;

import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * Netty's leak detector that also remembers every leak it reports, so {@link LeakCheckExtension}
 * can fail the tests instead of leaving a log line nobody reads. Installed for the whole test JVM
 * with {@code -Dio.netty.customResourceLeakDetector} (see the surefire configuration).
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {
    private static final List<String> LEAKS = new ArrayList<>();

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval, maxActive);
    }

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        record(resourceType + " leaked:" + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        record(resourceType + " leaked (no access records)");
        super.reportUntracedLeak(resourceType);
    }

    private static synchronized void record(String leak) {
        LEAKS.add(leak);
    }

    /** The leaks reported since the last call, which clears them. */
    public static synchronized List<String> drain() {
        List<String> found = new ArrayList<>(LEAKS);
        LEAKS.clear();
        return found;
    }
}
