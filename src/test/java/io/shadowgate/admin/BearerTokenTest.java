package io.shadowgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The admin token check: only {@code Bearer <exact token>} passes, and the token never shows. */
class BearerTokenTest {
    private static final String TOKEN = "adm1n-T0ken-42";
    private final BearerToken token = new BearerToken(TOKEN);

    @Test
    void acceptsTheExactTokenAfterTheBearerScheme() {
        assertThat(token.required()).isTrue();
        assertThat(token.accepts("Bearer " + TOKEN)).isTrue();
    }

    @Test
    void theSchemeIsCaseInsensitiveAndSurroundingBlanksAreIgnored() {
        // RFC 9110: the auth scheme is case-insensitive.
        assertThat(token.accepts("bearer " + TOKEN)).isTrue();
        assertThat(token.accepts("BEARER " + TOKEN)).isTrue();
        assertThat(token.accepts("Bearer   " + TOKEN + "  ")).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "Bearer ",
        "Bearer",
        "Bearer adm1n-T0ken-4",           // a prefix of the token
        "Bearer adm1n",                   // a shorter prefix
        "Bearer adm1n-T0ken-42x",         // the token plus more
        "Bearer ADM1N-T0KEN-42",          // the token itself is case-sensitive
        "Bearer adm1n-T0ken-43",
        "adm1n-T0ken-42",                 // no scheme
        "Basic adm1n-T0ken-42",           // another scheme
        "Bearer adm1n-T0ken-42 adm1n-T0ken-42",
        "Token Bearer adm1n-T0ken-42",
    })
    void rejectsAnythingElse(String authorization) {
        assertThat(token.accepts(authorization)).as("Authorization: %s", authorization).isFalse();
    }

    @Test
    void withoutATokenEveryRequestPasses() {
        BearerToken none = new BearerToken("");
        assertThat(none.required()).isFalse();
        assertThat(none.accepts(null)).isTrue();
        assertThat(none.accepts("")).isTrue();
        assertThat(none.accepts("Bearer anything")).isTrue();
    }

    @Test
    void anEmptyBearerValueNeverMatchesASetToken() {
        // The digest of "" must not stand in for "no token given" when a token is configured.
        BearerToken one = new BearerToken("x");
        assertThat(one.accepts("Bearer ")).isFalse();
        assertThat(one.accepts(null)).isFalse();
        assertThat(one.accepts("Bearer x")).isTrue();
    }

    @Test
    void toStringNeverShowsTheToken() {
        assertThat(token.toString()).doesNotContain(TOKEN).contains("set");
        assertThat(new BearerToken("").toString()).contains("none");
    }
}
