package io.shadowgate.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Speaks HTTP/1.1 over a plain socket, for requests no well-behaved client library would send
 * (malformed lines, hop-by-hop headers, pipelining) and to observe connection closes.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;

    public RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
    }

    public RawHttp send(String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Everything the server sends until it closes the connection (or 10 s pass). */
    public String readUntilClose() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            all.write("<timeout: connection still open>".getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            // a reset after the answer still counts as the end of the answer
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads one response (Content-Length or chunked framing), leaving the connection open. */
    public String readResponse() throws IOException {
        return readResponse(false);
    }

    /** Reads one response; {@code head} true for the answer to a HEAD request, which has no body. */
    public String readResponse(boolean head) throws IOException {
        InputStream in = socket.getInputStream();
        String headers = readLine(in, "\r\n\r\n");
        int length = 0;
        boolean chunked = false;
        for (String line : headers.split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (head) {
            return headers;
        }
        if (!chunked) {
            return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, "\r\n").trim();
            int size = Integer.parseInt(sizeLine.split(";")[0], 16);
            if (size == 0) {
                readLine(in, "\r\n"); // end of (empty) trailers
                return headers + body.toString(StandardCharsets.UTF_8);
            }
            body.write(in.readNBytes(size));
            readLine(in, "\r\n");
        }
    }

    private static String readLine(InputStream in, String terminator) throws IOException {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith(terminator)) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("connection closed after: " + text);
            }
            text.append((char) b);
        }
        return text.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
