package io.shadowgate.testing;

import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.gateway.Gateway;
import io.shadowgate.gateway.GatewayOptions;
import io.shadowgate.metrics.GatewayMeterRegistry;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Starts and stops an in-process {@link Gateway} for a test class, after Armeria's
 * {@code ServerExtension}, so that no test class repeats the start/close bookkeeping (and none
 * leaves a gateway running when an assertion fails half-way).
 *
 * <p>Three ways to use it:
 * <ul>
 *   <li>{@code @RegisterExtension static final GatewayExtension gateway = new GatewayExtension(() -> config)}:
 *       started once before all tests, closed after all; add {@link #closeAfterEach()} for a fresh
 *       gateway per test. A subclass may override {@link #configure()} instead of passing a supplier.</li>
 *   <li>the same on an instance field: started before and closed after each test (JUnit calls only
 *       the per-test callbacks of an instance extension).</li>
 *   <li>{@link #startedByTest()}: each test calls {@link #start(ShadowgateConfig)} with its own
 *       config; whatever was started is closed after the test.</li>
 * </ul>
 * {@link #close()} may also be called in a test (closing twice is a no-op), e.g. to look at the
 * metrics of a gateway that has drained. JUnit runs extensions' after-each callbacks after the
 * class's own {@code @AfterEach} methods, so upstreams those close are gone when the gateway closes.
 */
public class GatewayExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private final ThrowingSupplier<ShadowgateConfig> config; // null: started by the test
    private final GatewayOptions options;
    private boolean eachTest;
    private volatile Gateway gateway;

    /** Starts a gateway with {@code config} and default options before the tests. */
    public GatewayExtension(ThrowingSupplier<ShadowgateConfig> config) {
        this(config, GatewayOptions.defaults());
    }

    public GatewayExtension(ThrowingSupplier<ShadowgateConfig> config, GatewayOptions options) {
        this.config = config;
        this.options = options;
    }

    /** For a subclass that overrides {@link #configure()} (and {@link #options()} if it needs to). */
    protected GatewayExtension() {
        this(null, GatewayOptions.defaults());
    }

    /** Nothing starts automatically; each test starts its own gateway, closed after that test. */
    public static GatewayExtension startedByTest() {
        return new GatewayExtension(null, GatewayOptions.defaults()).closeAfterEach();
    }

    /** A fresh gateway for each test instead of one for the class. */
    public GatewayExtension closeAfterEach() {
        eachTest = true;
        return this;
    }

    /** The config to start with; by default the constructor's supplier. Null: the test starts it. */
    protected ShadowgateConfig configure() throws Exception {
        if (config == null) {
            return null;
        }
        try {
            return config.get();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    protected GatewayOptions options() {
        return options;
    }

    /** Starts a gateway with {@code config}; a gateway this extension is still running is closed first. */
    public Gateway start(ShadowgateConfig config) throws Exception {
        return start(config, options());
    }

    public Gateway start(ShadowgateConfig config, GatewayOptions options) throws Exception {
        close();
        gateway = Gateway.start(config, options);
        return gateway;
    }

    /** True once a gateway was started in the current scope (it may have been closed since). */
    public boolean started() {
        return gateway != null;
    }

    /** The gateway started last, running or closed; fails when none was started. */
    public Gateway get() {
        Gateway running = gateway;
        if (running == null) {
            throw new IllegalStateException("no gateway started");
        }
        return running;
    }

    public int proxyPort() {
        return get().proxyPort();
    }

    public int adminPort() {
        return get().adminPort();
    }

    /** {@code http://127.0.0.1:<proxyPort><pathAndQuery>}. */
    public URI proxyUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + proxyPort() + pathAndQuery);
    }

    /** {@code http://127.0.0.1:<adminPort><pathAndQuery>}. */
    public URI adminUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + adminPort() + pathAndQuery);
    }

    public GatewayMeterRegistry metrics() {
        return get().metrics();
    }

    /** The Prometheus exposition, read in-process (also after {@link #close()}). */
    public String scrape() {
        return get().metrics().scrape();
    }

    /** Closes the gateway, if one runs; it stays readable through {@link #get()} until the scope ends. */
    public void close() {
        Gateway running = gateway;
        if (running != null) {
            running.close(); // idempotent
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!eachTest) {
            startConfigured();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!eachTest && gateway == null) {
            eachTest = true; // an instance field: JUnit never called beforeAll
        }
        if (eachTest) {
            startConfigured();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (eachTest) {
            close();
            gateway = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
        gateway = null;
    }

    private void startConfigured() throws Exception {
        ShadowgateConfig configured = configure();
        if (configured != null) {
            start(configured, options());
        }
    }
}
