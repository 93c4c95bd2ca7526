package io.shadowgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.testing.ChildGateway;
import io.shadowgate.testing.StubModel;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at random moments while operators drive a rollout round and round (promote to
 * PROMOTED, restart to SHADOW, again). After each kill: the state file is valid JSON, the audit log
 * has only whole JSON lines, and the gateway started again resumes either the last transition it
 * acknowledged or the one in flight when it died: nothing acknowledged is lost, and nothing later
 * than what was being applied appears. Seeded: a failure names the seed that reproduces it.
 * Complements {@link KillAndRestartTest}, which kills at one quiet moment and checks the resume in detail.
 */
class KillDuringRolloutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Integer> STAGES = List.of(5, 25, 50, 100);
    private static final long[] SEEDS = {7, 42, 1234};

    @TempDir
    Path dir;

    /** A point in the cycle the commands drive: phase and candidate percent. */
    private record Point(String phase, int percent) {
        static Point of(JsonNode rollout) {
            return new Point(rollout.path("phase").asText(), rollout.path("candidatePercent").asInt());
        }

        /** Where the next command takes it: promote through the stages, restart from PROMOTED. */
        Point next() {
            if (phase.equals("PROMOTED")) {
                return new Point("SHADOW", 0);
            }
            int at = STAGES.indexOf(percent);
            int percent = STAGES.get(phase.equals("SHADOW") ? 0 : at + 1);
            return new Point(percent == 100 ? "PROMOTED" : "CANARY", percent);
        }
    }

    @Test
    void aGatewayKilledAtRandomMomentsResumesWhatItAppliedAndNeverTearsItsFiles() throws Exception {
        try (StubModel stable = new StubModel(0); StubModel candidate = new StubModel(0)) {
            int adminPort = ChildGateway.freePort();
            Path state = dir.resolve("state.json");
            Path audit = dir.resolve("audit.jsonl");
            Path config = Files.writeString(dir.resolve("gateway.yaml"), String.join("\n",
                    "server: { host: 127.0.0.1, port: " + ChildGateway.freePort() + ", ioThreads: 1 }",
                    "admin: { host: 127.0.0.1, port: " + adminPort + " }",
                    "stable: { url: '" + stable.url() + "' }",
                    "candidate: { url: '" + candidate.url() + "' }",
                    "rollout: { auto: false, tick: 1h, stateFile: '" + state + "', auditLog: '" + audit + "' }",
                    ""));
            Path log = dir.resolve("gateway.log");
            ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
            try {
                ChildGateway gateway = ChildGateway.start(config, adminPort, log);
                int transitions = 0;
                for (long seed : SEEDS) {
                    Random random = new Random(seed);
                    Point acknowledged = Point.of(gateway.rollout());
                    ChildGateway victim = gateway;
                    killer.schedule(() -> {
                        victim.kill();
                        return null;
                    }, 100 + random.nextInt(900), TimeUnit.MILLISECONDS);
                    acknowledged = driveUntilKilled(gateway, acknowledged);

                    String why = "seed " + seed + ", last acknowledged " + acknowledged;
                    JsonNode saved = JSON.readTree(Files.readAllBytes(state));
                    assertThat(Point.of(saved)).as("state file, " + why).isIn(acknowledged, acknowledged.next());
                    transitions = assertWholeLines(audit, why);

                    gateway = ChildGateway.start(config, adminPort, log);
                    Point resumed = Point.of(gateway.rollout());
                    assertThat(resumed).as("resumed, " + why).isEqualTo(Point.of(saved));
                    assertThat(gateway.rollout().path("evidence").path("note").asText())
                            .as(why).contains("resumed from the state file");
                }
                gateway.close();
                assertThat(transitions).as("transitions made across the kills").isGreaterThan(SEEDS.length);
            } finally {
                killer.shutdownNow();
            }
        }
    }

    /** Sends the next command until the gateway dies; returns the last point it acknowledged. */
    private static Point driveUntilKilled(ChildGateway gateway, Point acknowledged) {
        while (true) {
            String command = acknowledged.phase().equals("PROMOTED") ? "restart" : "promote";
            HttpResponse<String> answer;
            try {
                answer = gateway.admin("POST", "/rollout/" + command);
            } catch (Exception killed) {
                return acknowledged;
            }
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            Point now;
            try {
                now = Point.of(JSON.readTree(answer.body()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(now).as("after " + command + " from " + acknowledged).isEqualTo(acknowledged.next());
            acknowledged = now;
        }
    }

    /** Every line of the audit log is a whole JSON object ending in a newline; returns how many. */
    private static int assertWholeLines(Path audit, String why) throws Exception {
        if (!Files.exists(audit)) {
            return 0;
        }
        String text = Files.readString(audit, StandardCharsets.UTF_8);
        if (!text.isEmpty()) {
            assertThat(text).as("audit log ends with a whole line, " + why).endsWith("\n");
        }
        List<String> lines = text.lines().toList();
        for (String line : lines) {
            assertThat(JSON.readTree(line).path("to").asText()).as("audit line, " + why).isNotEmpty();
        }
        return lines.size();
    }
}
