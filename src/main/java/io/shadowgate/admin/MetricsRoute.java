package io.shadowgate.admin;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

/** {@code GET /metrics}: the Prometheus text exposition, left open for scrapers. */
public final class MetricsRoute implements AdminRoute {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final Supplier<String> scrape;

    public MetricsRoute(Supplier<String> scrape) {
        this.scrape = requireNonNull(scrape, "scrape");
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        return AdminResponse.text(200, CONTENT_TYPE, scrape.get());
    }
}
