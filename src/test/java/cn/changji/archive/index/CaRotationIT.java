package cn.changji.archive.index;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.changji.archive.testing.Http;
import cn.changji.archive.testing.LocalElasticsearch;
import cn.changji.archive.testing.SecuredElasticsearch;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * ECK rotates its CA: the cluster presents a certificate from a new CA and the kubelet updates the mounted CA file.
 * Against a secured local node (TLS, the service's least-privilege file-realm user), with searches running: once
 * the node has the new certificate and the old connections are gone, the service cannot reach it while its CA file
 * holds the old CA, and reaches it again as soon as the file holds the new one, without a restart.
 */
@Tag("slow")
@QuarkusTest
@TestProfile(CaRotationIT.SecuredNode.class)
class CaRotationIT {
    /** The secured node, started before the service so that its CA can be "mounted" (copied) for it. */
    public static class SecuredNode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> info = SecuredElasticsearch.start();
            try {
                Path mounted = mountedCa();
                Files.createDirectories(mounted.getParent());
                Files.copy(Path.of(info.get("ES_CA")), mounted, StandardCopyOption.REPLACE_EXISTING);
                return Map.of("archive.elasticsearch.hosts", info.get("ES_URL"),
                    "archive.elasticsearch.ca-certificate", mounted.toString(),
                    "archive.elasticsearch.username", info.get("ES_USERNAME"),
                    "archive.elasticsearch.password", info.get("ES_PASSWORD"),
                    "archive.circuit-breaker.open-for", "1s");
            } catch (IOException e) {
                throw new IllegalStateException("cannot mount the CA for the service", e);
            }
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    static LocalElasticsearch node() {
        return SecuredElasticsearch.node();
    }

    /** Where the service reads its CA, as the kubelet's mount would have it. */
    static Path mountedCa() {
        return Path.of("target", "ca-rotation", "ca.crt").toAbsolutePath();
    }

    @AfterAll
    static void stopTheNode() {
        node().stop();
    }

    private record Answer(long atMillis, int status) {}

    private static int search() {
        return given().queryParam("q", "轮换").when().get("/api/v1/articles/search").statusCode();
    }

    private static void awaitSearches(int status, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        int last = 0;
        while (System.nanoTime() < deadline) {
            last = search();
            if (last == status) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("searches answered " + last + ", not " + status + ", for " + within);
    }

    /** A TLS handshake with the node trusting only {@code ca}. */
    private static int handshake(String url, Path ca) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream pem = Files.newInputStream(ca)) {
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aRotatedCaIsTrustedOnceTheMountedFileHasItWithoutARestart() throws Exception {
        LocalElasticsearch node = node();
        Map<String, String> info = node.secureInfo();
        long readyBy = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (given().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < readyBy) {
            Thread.sleep(500);
        }
        given().get("/q/health/ready").then().statusCode(200);
        Http.asWriter();
        given().contentType("application/x-ndjson")
            .body("{\"title\":\"证书轮换测试\",\"body\":\"轮换期间检索照常。\"}\n".getBytes(StandardCharsets.UTF_8))
            .post("/api/v1/articles").then().statusCode(200);
        Http.asReader();
        assertEquals(200, search());

        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        long start = System.nanoTime();
        ExecutorService load = Executors.newFixedThreadPool(2);
        for (int i = 0; i < 2; i++) {
            load.submit(() -> {
                while (running.get()) {
                    answers.add(new Answer((System.nanoTime() - start) / 1_000_000, search()));
                    Thread.sleep(100);
                }
                return null;
            });
        }
        try {
            Path oldCa = Files.copy(mountedCa(), mountedCa().resolveSibling("old-ca.crt"), StandardCopyOption.REPLACE_EXISTING);
            node.rotateCertificates();
            Path newCa = Path.of(info.get("ES_CA"));
            // the node reloads its certificate files by itself (within seconds); until then the old CA still works.
            // The key and the certificate are two files swapped one after the other: a reload between the two can
            // refuse handshakes for a moment, so the rotation counts as done once the new CA verifies the node
            long reloadedBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int newCaAnswer = 0;
            while (newCaAnswer != 401 && System.nanoTime() < reloadedBy) {
                try {
                    newCaAnswer = handshake(info.get("ES_URL"), newCa);
                } catch (SSLHandshakeException notYet) {
                    newCaAnswer = 0;
                }
                if (newCaAnswer != 401) {
                    Thread.sleep(500);
                }
            }
            assertEquals(401, newCaAnswer, "the new CA verifies the node's certificate (401: no credentials sent)");
            assertThrows(SSLHandshakeException.class, () -> handshake(info.get("ES_URL"), oldCa),
                "the node presents a certificate of the new CA, which the old one does not verify");

            // connections made before the rotation go on; a restart of the node closes them all
            node.stop();
            node.restart(); // returns once the node is healthy
            assertThrows(SSLHandshakeException.class, () -> handshake(info.get("ES_URL"), mountedCa()));
            for (int i = 0; i < 4; i++) {
                Thread.sleep(1_000);
                assertEquals(503, search(), "the node is up, but with the old CA in the file no new connection is trusted");
            }

            Path swapped = Files.copy(newCa, mountedCa().resolveSibling("ca.crt.new"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(swapped, mountedCa(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            long swappedAt = (System.nanoTime() - start) / 1_000_000;
            awaitSearches(200, Duration.ofSeconds(30));
            Thread.sleep(5_000);
            running.set(false);
            load.shutdown();
            assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));
            // the breaker and connections in flight make a short mixed transition; after it every search is answered
            long lastRefused = answers.stream().filter(a -> a.status() != 200).mapToLong(Answer::atMillis).max().orElse(swappedAt);
            long servedAgainAfter = lastRefused - swappedAt;
            assertTrue(servedAgainAfter < 10_000, "every search answered 200 from " + servedAgainAfter + " ms after the swap on");
            assertTrue(answers.stream().filter(a -> a.atMillis() > lastRefused).count() >= 10, "and searches went on: " + answers.size());
            assertTrue(answers.stream().allMatch(a -> a.status() == 200 || a.status() == 503),
                "while the CA did not match, searches got 503 problems, nothing else");
        } finally {
            running.set(false);
            load.shutdownNow();
        }
    }
}
