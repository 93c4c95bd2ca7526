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
}
