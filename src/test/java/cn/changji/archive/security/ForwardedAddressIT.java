package cn.changji.archive.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Behind an ingress the read limit counts the clients, not the ingress: X-Forwarded-For is believed from the trusted
 * proxy (127.0.0.1 here) and from no one else. Requests leave from two loopback addresses: 127.0.0.1, the trusted
 * proxy, and 127.0.0.2, a client that forges the header.
 */
@QuarkusTest
@TestProfile(ForwardedAddressIT.BehindAnIngress.class)
class ForwardedAddressIT {
    private static final int BURST = 2;

    public static class BehindAnIngress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("archive.rate-limit.per-second", "0.01", "archive.rate-limit.burst", String.valueOf(BURST),
                "quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true",
                "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
    }

    @TestHTTPResource("/")
    URI root;

    private record Answer(int status, String body) {}

    /** One read sent from {@code from}, claiming to be for {@code forwardedFor}. */
    private Answer read(String from, String forwardedFor) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", root.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            // the synonyms: a read that needs no Elasticsearch, so only the limit decides the answer
            out.write(("GET /api/v1/synonyms HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-Forwarded-For: " + forwardedFor + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(Integer.parseInt(answer.substring(9, 12)), answer);
            }
        }
    }

    @Test
    void eachClientBehindTheTrustedProxyHasItsOwnBucket() throws IOException {
        for (int i = 0; i < BURST; i++) {
            assertEquals(200, read("127.0.0.1", "203.0.113.7").status());
        }
        Answer limited = read("127.0.0.1", "203.0.113.7");
        assertEquals(429, limited.status());
        assertTrue(limited.body().contains("Too many requests from 203.0.113.7"), limited.body());
        assertEquals(200, read("127.0.0.1", "203.0.113.8").status(), "another reader behind the same ingress is served");
    }

    @Test
    void aForgedHeaderFromAnywhereElseIsIgnored() throws IOException {
        for (int i = 0; i < BURST; i++) {
            assertEquals(200, read("127.0.0.2", "198.51.100." + i).status());
        }
        Answer limited = read("127.0.0.2", "198.51.100.99");
        assertEquals(429, limited.status(), "a new forged address does not buy a new bucket");
        assertTrue(limited.body().contains("Too many requests from 127.0.0.2"), limited.body());
    }
}
