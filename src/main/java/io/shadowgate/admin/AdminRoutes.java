package io.shadowgate.admin;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin API as data: one row per method and path, saying who may call it and which route
 * answers. The handler only looks rows up here, so adding an endpoint is adding a row. Rows keep
 * the order they were added in, which is the order {@code Allow} lists a path's methods in.
 * Immutable once built; a second row for the same method and path is refused when building.
 */
public final class AdminRoutes {
    /** Who may call a row's route. */
    public enum Access {
        /** Probes and scrapes that orchestrators call without credentials. */
        OPEN,
        /** Needs {@code Authorization: Bearer <admin.token>} when a token is configured. */
        TOKEN
    }

    /** One row of the table. */
    public record Entry(HttpMethod method, String path, Access access, AdminRoute route) {
        public Entry {
            requireNonNull(method, "method");
            requireNonNull(path, "path");
            requireNonNull(access, "access");
            requireNonNull(route, "route");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path: \"" + path + "\" (expected: starting with /)");
            }
        }
    }

    /** What a lookup found: the row to run, a path with other methods only, or nothing. */
    public sealed interface Match {
        record Found(Entry entry) implements Match {}

        /** The path exists; {@code allow} is its methods, in table order. */
        record WrongMethod(List<HttpMethod> allow) implements Match {}

        record NotFound() implements Match {}
    }

    private final List<Entry> entries;
    private final Map<String, List<Entry>> byPath;

    private AdminRoutes(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        Map<String, List<Entry>> paths = new LinkedHashMap<>();
        for (Entry entry : this.entries) {
            List<Entry> same = paths.computeIfAbsent(entry.path(), p -> new ArrayList<>());
            if (same.stream().anyMatch(e -> e.method().equals(entry.method()))) {
                throw new IllegalArgumentException("admin route " + entry.method() + " " + entry.path()
                        + " is in the table twice");
            }
            same.add(entry);
        }
        paths.replaceAll((path, rows) -> List.copyOf(rows));
        this.byPath = Map.copyOf(paths);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The row for this method and path, or why there is none. */
    public Match find(HttpMethod method, String path) {
        List<Entry> rows = byPath.getOrDefault(path, List.of());
        if (rows.isEmpty()) {
            return new Match.NotFound();
        }
        return rows.stream().filter(e -> e.method().equals(method)).findFirst()
                .<Match>map(Match.Found::new)
                .orElseGet(() -> new Match.WrongMethod(rows.stream().map(Entry::method).toList()));
    }

    /** Every row, in table order. */
    public List<Entry> entries() {
        return entries;
    }

    /** Collects rows in order; {@link #build} checks them. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();

        private Builder() {
        }

        /** A row anyone who reaches the admin port may call. */
        public Builder open(HttpMethod method, String path, AdminRoute route) {
            entries.add(new Entry(method, path, Access.OPEN, route));
            return this;
        }

        /** A row that needs the admin token when one is configured. */
        public Builder withToken(HttpMethod method, String path, AdminRoute route) {
            entries.add(new Entry(method, path, Access.TOKEN, route));
            return this;
        }

        public AdminRoutes build() {
            return new AdminRoutes(entries);
        }
    }
}
