package io.shadowgate.admin;

import static java.util.Objects.requireNonNull;

import io.shadowgate.rollout.FailingGatesException;
import io.shadowgate.rollout.RolloutConflictException;
import io.shadowgate.rollout.run.RolloutController;
import io.shadowgate.rollout.run.RolloutRunner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * {@code POST /rollout/promote|rollback|pause|resume|restart}: an operator's command, run on the
 * rollout's thread. Answers the new rollout status, or 409 with the reason when the rollout's state
 * does not allow the command (promote when promoted, resume when not paused, a change still being
 * applied), or 400 for a bad {@code to} or {@code force}.
 *
 * <p>A promotion while a gate of the current stage fails is a 409 with the code
 * {@value #FAILING_GATES}, the failing gates (name, verdict, detail) and the stage's evidence,
 * unless {@code force=true}. Pending gates never refuse one: a manual promotion exists to move on
 * before the evidence is conclusive; what it must not do silently is overrule a verdict.
 */
public final class RolloutCommandRoute implements AdminRoute {
    static final String FAILING_GATES = "failing_gates";

    private final RolloutRunner runner;
    private final Command command;

    /** What a command does to the controller, given the request's query. */
    @FunctionalInterface
    private interface Command {
        Consumer<RolloutController> bind(AdminRequest request);
    }

    private RolloutCommandRoute(RolloutRunner runner, Command command) {
        this.runner = requireNonNull(runner, "runner");
        this.command = command;
    }

    /** Moves to the next stage, or to {@code to=<percent>}; {@code force=true} overrules failing gates. */
    public static RolloutCommandRoute promote(RolloutRunner runner) {
        return new RolloutCommandRoute(runner, request -> {
            Integer to = to(request);
            boolean force = force(request);
            return controller -> controller.promote(to, force);
        });
    }

    public static RolloutCommandRoute rollback(RolloutRunner runner) {
        return new RolloutCommandRoute(runner, request -> RolloutController::rollback);
    }

    public static RolloutCommandRoute pause(RolloutRunner runner) {
        return new RolloutCommandRoute(runner, request -> RolloutController::pause);
    }

    public static RolloutCommandRoute resume(RolloutRunner runner) {
        return new RolloutCommandRoute(runner, request -> RolloutController::resume);
    }

    public static RolloutCommandRoute restart(RolloutRunner runner) {
        return new RolloutCommandRoute(runner, request -> RolloutController::restart);
    }

    private static Integer to(AdminRequest request) {
        if (request.param("to").isEmpty()) {
            return null;
        }
        String text = request.param("to").get().trim();
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

    /** {@code force=true} overrules failing gates; absent or false does not. */
    private static boolean force(AdminRequest request) {
        if (request.param("force").isEmpty()) {
            return false;
        }
        String text = request.param("force").get().trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new BadRequest("force: \"" + text + "\" (expected: true or false)");
    }

    @Override
    public CompletableFuture<AdminResponse> respond(AdminRequest request) {
        Consumer<RolloutController> bound;
        try {
            bound = command.bind(request);
        } catch (BadRequest e) {
            return CompletableFuture.completedFuture(AdminResponse.error(400, "bad_request", e.getMessage()));
        }
        return runner.command(bound).handle((status, failure) -> {
            if (failure == null) {
                return AdminResponse.json(200, status);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof FailingGatesException refused) {
                return refusal(refused);
            }
            if (cause instanceof RolloutConflictException conflict) {
                return AdminResponse.error(409, "conflict", conflict.getMessage());
            }
            throw new CompletionException(cause);
        });
    }

    private static AdminResponse refusal(FailingGatesException refused) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("failingGates", refused.failingGates());
        details.put("evidence", refused.evidence());
        details.put("pendingGates", "pending gates do not refuse a promotion; only failing ones do");
        details.put("force", "POST /rollout/promote?force=true promotes anyway and records it as forced");
        return AdminResponse.error(409, FAILING_GATES, refused.getMessage(), details);
    }

    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}
