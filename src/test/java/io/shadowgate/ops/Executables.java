package io.shadowgate.ops;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a program on the PATH, the way a shell would; tests skip with a reason when it is missing. */
final class Executables {
    private Executables() {}

    static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Why a test that needs {@code name} is skipped: it is not installed, and how .ci/run installs it. */
    static String missing(String name) {
        return name + " is not installed (not on PATH): .ci/run installs it with 'apt-get install -y prometheus'"
                + " (Debian's package also ships promtool); this test needs a real one and is skipped";
    }
}
