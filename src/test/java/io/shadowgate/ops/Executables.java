package io.shadowgate.ops;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a program on the PATH, the way a shell would. A test that needs a missing one fails in CI
 * (environment CI=true: .ci/run installs it, so missing means the install broke) and is skipped
 * with the reason elsewhere, so that {@code mvn -B verify} still runs on a machine with only a JDK
 * and Maven.
 */
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

    /** Fails the test in CI, else skips it, when {@code found} is false: {@code name} is not installed. */
    static void require(boolean found, String name) {
        if (found) {
            return;
        }
        String missing = name + " is not installed (not on PATH): install Debian's package with"
                + " 'apt-get install -y prometheus' (it also ships promtool), as .ci/run does; this test needs a real one";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(missing);
        }
        Assumptions.abort(missing + "; skipped outside CI");
    }
}
