package io.shadowgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configurations get logged; secrets in them must not. */
class RedactionTest {

    @Test
    void adminTokenIsNeverPrinted() {
        assertThat(new AdminConfig("127.0.0.1", 9090, "hunter2").toString())
                .isEqualTo("AdminConfig[host=127.0.0.1, port=9090, token=<set>]");
        assertThat(new AdminConfig("127.0.0.1", 9090, "").toString())
                .isEqualTo("AdminConfig[host=127.0.0.1, port=9090, token=<none>]");
    }

    @Test
    void headerValuesAreRedactedButNamesShown() throws Exception {
        String yaml = """
                admin:
                  token: ${TOKEN}
                stable:
                  url: https://model.example.com
                  headers:
                    Authorization: Bearer ${KEY}
                    X-Tenant: acme
                """;
        ShadowgateConfig config = ConfigLoader.parse(yaml, Map.of("TOKEN", "hunter2", "KEY", "sk-12345"));

        String printed = config.toString();

        assertThat(printed).doesNotContain("hunter2", "sk-12345", "acme")
                .contains("token=<set>", "headers={Authorization=<redacted>, X-Tenant=<redacted>}",
                        "url=https://model.example.com");
    }

    @Test
    void invalidTokenIsReportedWithoutEchoingIt() {
        assertThat(ConfigLoaderTest.errorsOf("admin:\n  token: ${T}\nstable:\n  url: http://h\n",
                Map.of("T", "hunter2\n")).errors())
                .containsExactly("admin.token: contains whitespace or control characters (a trailing newline?)");
    }

    @Test
    void aRejectedUrlIsEchoedWithoutItsQueryOrUserInfo() {
        assertThat(ConfigLoaderTest.errorsOf("stable:\n  url: https://fn.example.com/api/score?code=${K}\n",
                Map.of("K", "hunter2")).errors())
                .containsExactly("stable.url: \"https://fn.example.com/api/score?<redacted>\""
                        + " (expected: an http or https URL without a query or fragment)");
        assertThat(ConfigLoaderTest.errorsOf("stable:\n  url: https://u:${K}@fn.example.com/?x=1\n",
                Map.of("K", "hunter2")).errors().toString()).doesNotContain("hunter2");
    }

    @Test
    void webhooksArePrintedWithoutTheirPathWhereChatWebhooksKeepTheirSecret() throws Exception {
        ShadowgateConfig config = ConfigLoader.parse("""
                stable: { url: http://127.0.0.1:9101 }
                candidate: { url: http://127.0.0.1:9102 }
                rollout: { webhooks: [ "https://hooks.example.com/services/T0/B0/${HOOK}", "http://127.0.0.1:9000" ] }
                """, Map.of("HOOK", "hunter2"));
        assertThat(config.toString()).doesNotContain("hunter2")
                .contains("webhooks=[https://hooks.example.com/..., http://127.0.0.1:9000]");
    }
}
