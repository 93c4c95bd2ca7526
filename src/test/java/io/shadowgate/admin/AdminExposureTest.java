package io.shadowgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.config.AdminConfig;
import io.shadowgate.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The admin API binds 127.0.0.1 unless told otherwise, and a start that exposes it to other hosts
 * without a token warns. Decided without binding anything but loopback: the rule is a function of
 * the configuration, and {@link AdminServer#start} logs whatever it returns.
 */
class AdminExposureTest {

    @Test
    void theDefaultIsLoopbackWithNoWarning() throws Exception {
        AdminConfig admin = ConfigLoader.parse("stable:\n  url: http://127.0.0.1:9101\n", Map.of()).admin();
        assertThat(admin.host()).isEqualTo("127.0.0.1");
        assertThat(admin.tokenRequired()).isFalse();
        assertThat(AdminServer.exposureWarning(admin)).isEmpty();
    }

    @ParameterizedTest(name = "{0} with token [{1}]: warns {2}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1   | ''     | false
            localhost   | ''     | false
            ::1         | ''     | false
            0.0.0.0     | ''     | true
            ::          | ''     | true
            192.0.2.10  | ''     | true
            0.0.0.0     | s3cret | false
            192.0.2.10  | s3cret | false
            """)
    void warnsOnlyWhenReachableFromOtherHostsWithoutAToken(String host, String token, boolean warns) {
        var warning = AdminServer.exposureWarning(new AdminConfig(host, 9090, token));
        assertThat(warning.isPresent()).isEqualTo(warns);
        warning.ifPresent(text -> assertThat(text).contains(host).contains("admin.token").doesNotContain("s3cret"));
    }
}
