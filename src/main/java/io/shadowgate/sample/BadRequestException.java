package io.shadowgate.sample;

/**
 * A request the sample model cannot score; the message names the offending JSON path, e.g.
 * {@code input_data.data[1]: expected 4 features, got 3}. Answered as 400. Carries no stack
 * trace: it is a normal outcome under a fuzzing load test, not a bug.
 */
final class BadRequestException extends Exception {
    BadRequestException(String message) {
        super(message, null, false, false);
    }
}
