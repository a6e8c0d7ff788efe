package io.rootfleet.controller.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that hands each complete line to a {@link LineListener} as soon as its newline is written,
 * and keeps the whole text. Lines are decoded as UTF-8 only once complete, so a character split across
 * writes arrives intact. A final line without a newline is delivered by {@link #close()}.
 */
public final class LineSplitter extends OutputStream {
    private final LineListener listener;
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public LineSplitter(LineListener listener) {
        this.listener = listener;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        all.write(bytes, offset, length);
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i - start);
                deliverLine();
                start = i + 1;
            }
        }
        line.write(bytes, start, offset + length - start);
    }

    @Override
    public void close() {
        if (line.size() > 0) {
            deliverLine();
        }
    }

    /** Everything written so far. */
    String text() {
        return all.toString(StandardCharsets.UTF_8);
    }

    private void deliverLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        listener.onLine(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }
}
