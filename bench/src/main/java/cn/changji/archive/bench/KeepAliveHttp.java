package cn.changji.archive.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The search benchmark's load generator: one blocking HTTP/1.1 keep-alive connection per server, owned by one worker
 * thread, requests written as prepared bytes and answers read by their length. It shares the two cores with
 * Elasticsearch and the service, so it costs as little as it can: no selector or executor threads to wake per request
 * (Java's HttpClient wakes several, and its CPU came out of the service's and Elasticsearch's share), no text decoding
 * of answers that only need their status. Not a general client: loopback, no TLS, no redirects.
 */
final class KeepAliveHttp implements AutoCloseable {
    /** A request ready to write: the server it goes to and its bytes. */
    record Request(String host, int port, byte[] bytes) {
        static Request get(String url) {
            return of("GET", url, null, null);
        }

        static Request of(String method, String url, String contentType, byte[] body) {
            URI uri = URI.create(url);
            StringBuilder head = new StringBuilder().append(method).append(' ').append(uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\nHost: ")
                .append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (body != null || !method.equals("GET")) {
                head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
            }
            byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
            byte[] bytes = Arrays.copyOf(start, start.length + (body == null ? 0 : body.length));
            if (body != null) {
                System.arraycopy(body, 0, bytes, start.length, body.length);
            }
            return new Request(uri.getHost(), uri.getPort(), bytes);
        }
    }

    /** A status and a body, valid until the connection's next request. */
    record Answer(int status, byte[] body, int length) {
        private static final byte[] ERROR_KEY = "\"error\":".getBytes(StandardCharsets.US_ASCII);

        Answer ok() {
            if (status / 100 != 2) {
                throw new IllegalStateException("HTTP " + status + ": " + new String(body, 0, Math.min(400, length), StandardCharsets.UTF_8));
            }
            return this;
        }

        JsonNode json() throws IOException {
            return Http.JSON.readTree(body, 0, length);
        }

        /**
         * Whether the JSON has an "error" key anywhere: an _msearch item that failed (in text, a quote inside a string is
         * escaped, so the unescaped "error": is a key).
         */
        boolean hasErrorKey() {
            outer:
            for (int i = 0; i + ERROR_KEY.length <= length; i++) {
                for (int k = 0; k < ERROR_KEY.length; k++) {
                    if (body[i + k] != ERROR_KEY[k]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    private final Map<String, Connection> connections = new HashMap<>();

    /** Sends the request on this thread's connection to its server (opened, or opened again once if the server closed it). */
    Answer exchange(Request request) throws IOException {
        String server = request.host() + ":" + request.port();
        Connection connection = connections.get(server);
        if (connection != null) {
            try {
                return connection.exchange(request.bytes());
            } catch (EOFException | java.net.SocketException closed) {
                connection.close(); // an idle keep-alive connection the server closed: once more on a new one
                connections.remove(server);
            }
        }
        connection = new Connection(request.host(), request.port());
        connections.put(server, connection);
        return connection.exchange(request.bytes());
    }

    @Override
    public void close() {
        connections.values().forEach(Connection::close);
        connections.clear();
    }

    private static final class Connection {
        private final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;
        private byte[] body = new byte[1 << 16];
        private final StringBuilder line = new StringBuilder();

        Connection(String host, int port) throws IOException {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(300_000);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = socket.getOutputStream();
        }

        Answer exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String status = readLine();
            if (!status.startsWith("HTTP/1.1 ")) {
                throw new IOException("not an HTTP/1.1 answer: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = readLine(); !header.isEmpty(); header = readLine()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            int length = 0;
            if (chunked) {
                for (int size = Integer.parseInt(chunkSize(readLine()), 16); size > 0; size = Integer.parseInt(chunkSize(readLine()), 16)) {
                    length = read(length, size);
                    readLine(); // the CRLF after the chunk
                }
                for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
                    // trailers: none expected
                }
            } else if (contentLength >= 0) {
                length = read(0, Math.toIntExact(contentLength));
            } else {
                throw new IOException("an answer with neither Content-Length nor chunks");
            }
            if (close) {
                close();
            }
            return new Answer(code, body, length);
        }

        private static String chunkSize(String line) {
            int extension = line.indexOf(';');
            return (extension < 0 ? line : line.substring(0, extension)).trim();
        }

        /** Reads n more bytes of body after the first {@code at}; the new length. */
        private int read(int at, int n) throws IOException {
            if (at + n > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, at + n));
            }
            int done = 0;
            while (done < n) {
                int got = in.read(body, at + done, n - done);
                if (got < 0) {
                    throw new EOFException("the server closed the connection within an answer");
                }
                done += got;
            }
            return at + n;
        }

        private String readLine() throws IOException {
            line.setLength(0);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("the server closed the connection");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing left to do with it
            }
        }
    }
}
