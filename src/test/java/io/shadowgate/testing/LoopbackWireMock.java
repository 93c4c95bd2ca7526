package io.shadowgate.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/**
 * The WireMock server the integration tests stand in for a model with: on 127.0.0.1 only (nothing
 * reachable from outside the machine), on a free port, with one acceptor thread, because a test
 * machine's cores are shared and WireMock's defaults start a thread per core.
 */
public final class LoopbackWireMock {
    private LoopbackWireMock() {}

    /** For {@code @RegisterExtension static WireMockExtension model = LoopbackWireMock.extension();}. */
    public static WireMockExtension extension() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1)).build();
    }

    /** With {@code containerThreads} request threads, for tests that hold many requests open at once. */
    public static WireMockExtension extension(int containerThreads) {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1)
                        .containerThreads(containerThreads)).build();
    }

    /** The server's base URL, {@code http://127.0.0.1:<port>}. */
    public static String url(WireMockExtension model) {
        return "http://127.0.0.1:" + model.getPort();
    }
}
