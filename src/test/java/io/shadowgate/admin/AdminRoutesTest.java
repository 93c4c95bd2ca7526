package io.shadowgate.admin;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowgate.admin.AdminRoutes.Access;
import io.shadowgate.admin.AdminRoutes.Match;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The route table on its own: lookups by method and path, and the rows it refuses. */
class AdminRoutesTest {
    private final AdminRoute ok = new HealthzRoute();
    private final AdminRoute other = new NoCandidateRoute();

    private final AdminRoutes routes = AdminRoutes.builder()
            .open(GET, "/healthz", ok)
            .withToken(GET, "/things", ok)
            .withToken(POST, "/things", other)
            .build();

    @Test
    void aKnownMethodAndPathFindsItsRowWithItsAccess() {
        Match match = routes.find(GET, "/healthz");
        assertThat(match).isInstanceOf(Match.Found.class);
        assertThat(((Match.Found) match).entry().access()).isEqualTo(Access.OPEN);
        assertThat(((Match.Found) match).entry().route()).isSameAs(ok);

        Match post = routes.find(POST, "/things");
        assertThat(((Match.Found) post).entry().route()).isSameAs(other);
        assertThat(((Match.Found) post).entry().access()).isEqualTo(Access.TOKEN);
    }

    @Test
    void aKnownPathWithAnotherMethodListsItsMethodsInTableOrder() {
        assertThat(routes.find(DELETE, "/things")).isEqualTo(new Match.WrongMethod(List.of(GET, POST)));
        assertThat(routes.find(POST, "/healthz")).isEqualTo(new Match.WrongMethod(List.of(GET)));
    }

    @Test
    void anUnknownPathIsNotFoundWhateverTheMethod() {
        assertThat(routes.find(GET, "/nothing")).isInstanceOf(Match.NotFound.class);
        assertThat(routes.find(GET, "/things/")).isInstanceOf(Match.NotFound.class);
    }

    @Test
    void theSameMethodAndPathTwiceIsRefused() {
        assertThatThrownBy(() -> AdminRoutes.builder().open(GET, "/a", ok).withToken(GET, "/a", other).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GET /a");
    }

    @Test
    void aPathMustStartWithASlash() {
        assertThatThrownBy(() -> AdminRoutes.builder().open(GET, "status", ok))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("status");
    }
}
