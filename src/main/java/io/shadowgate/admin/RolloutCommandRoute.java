package io.shadowgate.admin;

import static java.util.Objects.requireNonNull;

import io.shadowgate.rollout.RolloutConflictException;
import io.shadowgate.rollout.RolloutController;
import io.shadowgate.rollout.RolloutRunner;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * {@code POST /rollout/promote|rollback|pause|resume|restart}: an operator's command, run on the
 * rollout's thread. Answers the new rollout status, or 409 with the reason when the rollout's state
 * does not allow the command (promote when promoted, resume when not paused, a change still being
 * applied), or 400 for a bad {@code to}.
 */
public final class RolloutCommandRoute implements AdminRoute {
    private final String path;
    private final RolloutRunner runner;
    private final Command command;

    /** What a command does to the controller, given the request's query. */
    @FunctionalInterface
    interface Command {
        Consumer<RolloutController> bind(Map<String, List<String>> query);
    }

    private RolloutCommandRoute(String name, RolloutRunner runner, Command command) {
        this.path = "/rollout/" + name;
        this.runner = requireNonNull(runner, "runner");
        this.command = command;
    }

    /** The five commands. */
    public static List<AdminRoute> all(RolloutRunner runner) {
        return List.of(
                new RolloutCommandRoute("promote", runner, query -> {
                    Integer to = to(query);
                    return controller -> controller.promote(to);
                }),
                new RolloutCommandRoute("rollback", runner, query -> RolloutController::rollback),
                new RolloutCommandRoute("pause", runner, query -> RolloutController::pause),
                new RolloutCommandRoute("resume", runner, query -> RolloutController::resume),
                new RolloutCommandRoute("restart", runner, query -> RolloutController::restart));
    }

    private static Integer to(Map<String, List<String>> query) {
        List<String> values = query.getOrDefault("to", List.of());
        if (values.isEmpty()) {
            return null;
        }
        String text = values.get(values.size() - 1).trim();
        try {
            int to = Integer.parseInt(text);
            if (to >= 1 && to <= 100) {
                return to;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequest("to: \"" + text + "\" (expected: a stage's percentage 1..100, e.g. to=100)");
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public CompletableFuture<AdminResponse> respond(AdminRequest request) {
        Consumer<RolloutController> bound;
        try {
            bound = command.bind(request.query());
        } catch (BadRequest e) {
            return CompletableFuture.completedFuture(AdminResponse.error(400, "bad_request", e.getMessage()));
        }
        return runner.command(bound).handle((status, failure) -> {
            if (failure == null) {
                return AdminResponse.json(200, status);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof RolloutConflictException conflict) {
                return AdminResponse.error(409, "conflict", conflict.getMessage());
            }
            throw new CompletionException(cause);
        });
    }

    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}
