package io.shadowgate.admin;

import java.util.Optional;

/** Tells {@code /readyz} whether the gateway can serve, and if not, why. */
@FunctionalInterface
public interface ReadinessCheck {
    /** Empty when ready; otherwise a sentence saying what is missing. */
    Optional<String> notReadyReason();
}
