package io.shadowgate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowgate.gateway.Gateway;
import java.io.IOException;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycles {@link GatewayExtension} promises, driven through its JUnit callbacks in the order
 * JUnit calls them: a gateway runs exactly while its scope lasts, and nothing is left listening.
 */
class GatewayExtensionTest {
    private final StubModel model = newModel();

    @AfterEach
    void stop() {
        model.close();
    }

    private static StubModel newModel() {
        try {
            return new StubModel(0);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    void aStaticExtensionRunsOneGatewayForAllTestsAndClosesItAfterAll() throws Exception {
        GatewayExtension extension = new GatewayExtension(() -> TestConfigs.gateway(model.url()));

        extension.beforeAll(null);
        Gateway gateway = extension.get();
        for (int test = 0; test < 2; test++) {
            extension.beforeEach(null);
            assertThat(extension.get()).isSameAs(gateway);
            assertThat(listening(extension.proxyPort())).isTrue();
            extension.afterEach(null);
        }
        extension.afterAll(null);

        assertThat(listening(gateway.proxyPort())).isFalse();
        assertThat(listening(gateway.adminPort())).isFalse();
        assertThat(extension.started()).isFalse();
    }

    @Test
    void closeAfterEachGivesEveryTestAFreshGateway() throws Exception {
        GatewayExtension extension = new GatewayExtension(() -> TestConfigs.gateway(model.url())).closeAfterEach();

        extension.beforeAll(null);
        assertThat(extension.started()).isFalse();
        extension.beforeEach(null);
        Gateway first = extension.get();
        extension.afterEach(null);
        assertThat(listening(first.proxyPort())).isFalse();
        extension.beforeEach(null);
        Gateway second = extension.get();
        extension.afterEach(null);
        extension.afterAll(null);

        assertThat(second).isNotSameAs(first);
        assertThat(listening(second.proxyPort())).isFalse();
    }

    /** JUnit calls only the per-test callbacks of an extension in an instance field. */
    @Test
    void anInstanceFieldExtensionStartsAndClosesAroundTheTest() throws Exception {
        GatewayExtension extension = new GatewayExtension(() -> TestConfigs.gateway(model.url()));

        extension.beforeEach(null);
        Gateway gateway = extension.get();
        assertThat(listening(gateway.proxyPort())).isTrue();
        extension.afterEach(null);

        assertThat(listening(gateway.proxyPort())).isFalse();
        assertThat(extension.started()).isFalse();
    }

    @Test
    void startedByTestClosesWhatTheTestStartedAndKeepsItReadableUntilThen() throws Exception {
        GatewayExtension extension = GatewayExtension.startedByTest();
        extension.beforeEach(null);
        assertThatThrownBy(extension::get).hasMessage("no gateway started");

        Gateway first = extension.start(TestConfigs.gateway(model.url()));
        Gateway second = extension.start(TestConfigs.gateway(model.url()));
        assertThat(listening(first.proxyPort())).as("a second start closes the first gateway").isFalse();
        extension.close();
        assertThat(listening(second.proxyPort())).isFalse();
        assertThat(extension.scrape()).as("metrics stay readable after close()").contains("shadowgate_");
        extension.afterEach(null);

        assertThat(extension.started()).isFalse();
    }
}
