package io.shadowgate.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.shadowgate.gateway.Gateway;
import io.shadowgate.gateway.GatewayOptions;
import io.shadowgate.testing.TestConfigs;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An https upstream with a self-signed certificate for "localhost": the gateway connects with TLS,
 * sends SNI and verifies the host name, and refuses a certificate it was not told to trust.
 */
class HttpsUpstreamTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static X509Bundle certificate;
    private static WireMockServer model;

    @BeforeAll
    static void startHttpsModel() throws Exception {
        certificate = new CertificateBuilder()
                .subject("CN=localhost")
                .addSanDnsName("localhost")
                .setIsCertificateAuthority(true)
                .notAfter(Instant.now().plus(Duration.ofDays(1)))
                .buildSelfSigned();
        File keyStore = certificate.toTempKeyStoreFile(PASSWORD, PASSWORD);
        model = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1")
                .jettyAcceptors(1).keystorePath(keyStore.getAbsolutePath()).keystoreType("PKCS12")
                .keystorePassword("changeit").keyManagerPassword("changeit"));
        model.start();
        model.stubFor(post("/score").willReturn(aResponse().withBody("{\"predictions\":[0.5]}")));
    }

    @AfterAll
    static void stopHttpsModel() {
        model.stop();
    }

    private static HttpResponse<String> score(Gateway gateway) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/score"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Gateway gatewayTrusting(SslContext ssl) throws Exception {
        return Gateway.start(TestConfigs.gateway(TestConfigs.server(1 << 20, 16 * 1024),
                        TestConfigs.upstream("https://localhost:" + model.httpsPort(), Duration.ofSeconds(5), 8, Map.of()), ""),
                new GatewayOptions(ssl, Duration.ofSeconds(5)));
    }

    @Test
    void relaysThroughTlsWhenTheCertificateIsTrusted() throws Exception {
        SslContext trusting = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS")
                .trustManager(certificate.getCertificate()).build();
        try (Gateway gateway = gatewayTrusting(trusting)) {
            HttpResponse<String> response = score(gateway);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"predictions\":[0.5]}");
        }
        model.verify(postRequestedFor(urlEqualTo("/score")).withHeader("Host", equalTo("localhost:" + model.httpsPort())));
    }

    @Test
    void refusesAnUntrustedCertificateWith502() throws Exception {
        try (Gateway gateway = Gateway.start(TestConfigs.gateway(TestConfigs.server(1 << 20, 16 * 1024),
                TestConfigs.upstream("https://localhost:" + model.httpsPort(), Duration.ofSeconds(5), 8, Map.of()), ""))) {
            HttpResponse<String> response = score(gateway);
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).contains("\"error\":\"upstream_");
        }
    }

    @Test
    void refusesACertificateForAnotherHostName() throws Exception {
        SslContext trusting = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS")
                .trustManager(certificate.getCertificate()).build();
        // Same trusted certificate, but reached as 127.0.0.1, which it does not name.
        try (Gateway gateway = Gateway.start(TestConfigs.gateway(TestConfigs.server(1 << 20, 16 * 1024),
                        TestConfigs.upstream("https://127.0.0.1:" + model.httpsPort(), Duration.ofSeconds(5), 8, Map.of()), ""),
                new GatewayOptions(trusting, Duration.ofSeconds(5)))) {
            assertThat(score(gateway).statusCode()).isEqualTo(502);
        }
    }
}
