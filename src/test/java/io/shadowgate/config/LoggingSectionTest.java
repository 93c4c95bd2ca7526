package io.shadowgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code logging} section: format and access log, with errors naming the key. */
class LoggingSectionTest {
    private static final String STABLE = "stable:\n  url: http://127.0.0.1:9101\n";

    @Test
    void absentSectionMeansTextWithoutAccessLog() throws Exception {
        assertThat(ConfigLoader.parse(STABLE, Map.of()).logging()).isEqualTo(LoggingConfig.defaults());
        assertThat(LoggingConfig.defaults()).isEqualTo(new LoggingConfig(LoggingConfig.Format.TEXT, false));
    }

    @Test
    void jsonAndAccessAreRead() throws Exception {
        ShadowgateConfig config = ConfigLoader.parse(STABLE + "logging:\n  format: json\n  access: true\n", Map.of());

        assertThat(config.logging()).isEqualTo(new LoggingConfig(LoggingConfig.Format.JSON, true));
    }

    @Test
    void environmentCanSwitchTheFormat() throws Exception {
        ShadowgateConfig config = ConfigLoader.parse(STABLE + "logging:\n  format: ${LOG_FORMAT:-text}\n",
                Map.of("LOG_FORMAT", "json"));

        assertThat(config.logging().format()).isEqualTo(LoggingConfig.Format.JSON);
    }

    @Test
    void unknownFormatIsRefusedWithItsPath() {
        assertThatThrownBy(() -> ConfigLoader.parse(STABLE + "logging:\n  format: xml\n", Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                        .asString().startsWith("logging.format: ").contains("xml"));
    }

    @Test
    void accessMustBeABoolean() {
        assertThatThrownBy(() -> ConfigLoader.parse(STABLE + "logging:\n  access: sometimes\n", Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                        .asString().startsWith("logging.access: "));
    }

    @Test
    void misspelledKeyGetsASuggestion() {
        assertThatThrownBy(() -> ConfigLoader.parse(STABLE + "logging:\n  acess: true\n", Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .containsExactly("logging.acess: unknown key (did you mean access?)"));
    }
}
