package io.shadowgate.rollout.run;

import io.shadowgate.rollout.run.RolloutJson;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The audit log: one JSON object per line for every transition. Each line is written by a single
 * append of the whole line and forced to disk, so a crash can lose at most the line being written,
 * never tear one already written. Called only from the rollout's thread.
 */
final class AuditLog {
    private final Path file;

    AuditLog(Path file) {
        this.file = requireNonNull(file, "file").toAbsolutePath();
    }

    Path file() {
        return file;
    }

    void append(Map<String, Object> entry) throws IOException {
        byte[] json = RolloutJson.MAPPER.writeValueAsBytes(entry);
        ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
        }
    }
}
