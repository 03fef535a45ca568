package io.maskstudio.runs;

import io.maskstudio.io.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A CSV file that grows by whole lines: each {@link #append} is one write of complete lines, so a run killed at
 * any moment leaves every earlier line intact (a torn last line is dropped by {@link RunFolder}). Appending keeps
 * the cost per epoch independent of the run's length; {@link #rewrite} replaces the file atomically when rows
 * already written must go (thinning).
 */
final class CsvLog implements AutoCloseable {
    private final Path file;
    private final String header;
    private FileChannel channel;

    CsvLog(Path file, String header) throws IOException {
        this.file = file;
        this.header = header;
        rewrite(List.of());
    }

    void append(CharSequence lines) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) channel.write(b);
    }

    void rewrite(List<String> rows) throws IOException {
        close();
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (String r : rows) sb.append(r).append('\n');
        AtomicFiles.writeBytes(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) channel.close();
        channel = null;
    }
}
