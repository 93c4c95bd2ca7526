package io.shadowgate.rollout.run;

import io.shadowgate.rollout.RolloutState;
import io.shadowgate.rollout.Phase;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The state file. Every save writes a temporary file beside it, forces it to disk, renames it over
 * the old one (atomic on POSIX file systems) and forces the directory, so a {@code kill -9} or a
 * power cut leaves either the old state or the new one, never a torn file. Called only from the
 * rollout's thread.
 */
final class StateStore {
    private static final int VERSION = 1;

    private final Path file;

    StateStore(Path file) {
        this.file = requireNonNull(file, "file").toAbsolutePath();
    }

    Path file() {
        return file;
    }

    /** The saved state, or empty when there is no file yet. */
    Optional<RolloutState> load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            JsonNode json = RolloutJson.MAPPER.readTree(bytes);
            String pausedFrom = json.path("pausedFrom").isNull() || json.path("pausedFrom").isMissingNode()
                    ? null : json.path("pausedFrom").asText();
            // A file written before the state named its candidate is the one candidate's.
            String candidate = json.path("candidate").isTextual() ? json.path("candidate").asText()
                    : RolloutState.DEFAULT_CANDIDATE;
            return Optional.of(new RolloutState(candidate,
                    Phase.valueOf(json.path("phase").asText()),
                    json.path("stage").asInt(-1),
                    json.path("candidatePercent").asInt(),
                    Instant.parse(json.path("since").asText()),
                    pausedFrom == null ? null : Phase.valueOf(pausedFrom)));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw new IOException("the rollout state file " + file + " is not valid (" + e.getMessage()
                    + "); fix or remove it to start the rollout again from the shadow stage", e);
        }
    }

    void save(RolloutState state) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", VERSION);
        json.put("candidate", state.candidate());
        json.put("phase", state.phase().name());
        json.put("stage", state.stage());
        json.put("candidatePercent", state.candidatePercent());
        json.put("since", state.since().toString());
        json.put("pausedFrom", state.pausedFrom() == null ? null : state.pausedFrom().name());
        byte[] bytes = RolloutJson.MAPPER.writeValueAsBytes(json);
        Path directory = file.getParent();
        Files.createDirectories(directory);
        Path temp = directory.resolve(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(directory);
    }

    /** Makes the rename itself durable; not every platform can open a directory, which is then left to the OS. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // e.g. Windows; the rename is still atomic, only its durability waits for the OS
        }
    }
}
