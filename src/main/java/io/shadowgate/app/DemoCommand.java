package io.shadowgate.app;

import io.shadowgate.config.AdminConfig;
import io.shadowgate.config.ConfigLoader;
import io.shadowgate.config.ServerConfig;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.config.UpstreamConfig;
import io.shadowgate.sample.IrisDataset;
import io.shadowgate.sample.SampleModelOptions;
import io.shadowgate.sample.SampleModelServer;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shadowgate demo}: the whole picture on one machine with nothing to configure. Starts the
 * sample model and the gateway in front of it on loopback, sends one scoring request through the
 * gateway and prints what came back, then keeps serving for the user's own curl until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the sample model and the gateway in front of it on 127.0.0.1, send one scoring "
                + "request through, and keep serving until Ctrl-C (or exit at once with --once).")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Gateway port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--admin-port", defaultValue = "9090", description = "Admin port (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(names = "--model-port", defaultValue = "9101", description = "Sample model port (default: ${DEFAULT-VALUE}).")
    int modelPort;

    @Option(names = "--once", description = "Exit after the first request instead of serving until Ctrl-C.")
    boolean once;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ShutdownSignal signal = once ? null : new ShutdownSignal().install();
        SampleModelServer model;
        try {
            model = SampleModelServer.start(SampleModelOptions.defaults().withPort(modelPort));
        } catch (IllegalStateException e) {
            err.println(e.getMessage() + ": pass --model-port with a free port");
            err.flush();
            return 1;
        }
        try (model) {
            Gateway gateway;
            try {
                gateway = Gateway.start(demoConfig(model.baseUrl()));
            } catch (BindException e) {
                err.println("cannot listen on 127.0.0.1:" + port + " or :" + adminPort + " (" + e.getMessage()
                        + "): pass --port and --admin-port with free ports");
                err.flush();
                return 1;
            }
            try (gateway) {
                String url = "http://127.0.0.1:" + gateway.proxyPort() + "/score";
                String body = IrisDataset.scoreRequestBody(0, 3);
                out.println("sample model (v1) on " + model.baseUrl() + ", gateway on http://127.0.0.1:"
                        + gateway.proxyPort() + ", admin on http://127.0.0.1:" + gateway.adminPort());
                out.println();
                out.println("$ curl -s -H 'Content-Type: application/json' -d '" + body + "' " + url);
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                out.println("HTTP " + response.statusCode() + "  X-Request-Id: "
                        + response.headers().firstValue("X-Request-Id").orElse("-"));
                out.println(response.body());
                out.println();
                out.println("metrics: curl -s http://127.0.0.1:" + gateway.adminPort() + "/metrics | grep shadowgate_");
                out.flush();
                if (response.statusCode() != 200) {
                    return 1;
                }
                if (!once) {
                    out.println("serving; press Ctrl-C to stop");
                    out.flush();
                    signal.await();
                }
            }
        }
        return 0;
    }

    private ShadowgateConfig demoConfig(String modelUrl) {
        ShadowgateConfig defaults = ConfigLoader.defaults();
        ServerConfig server = defaults.server();
        UpstreamConfig stable = defaults.stable();
        return new ShadowgateConfig(
                new ServerConfig("127.0.0.1", port, server.maxRequestBytes(), server.maxHeaderBytes(),
                        server.idleTimeout(), Duration.ofSeconds(2), server.ioThreads()),
                new AdminConfig("127.0.0.1", adminPort, ""),
                new UpstreamConfig(URI.create(modelUrl), stable.headers(), stable.connectTimeout(), stable.timeout(),
                        stable.maxConnections()));
    }
}
