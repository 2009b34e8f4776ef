package cn.changji.archive.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Elasticsearch node with the IK plugin, run through scripts/local-es.sh: the same mechanism as ./run.sh,
 * on free ports, with its data wiped at start.
 */
public final class LocalElasticsearch {
    private final String instance;
    private final int httpPort;
    private final int transportPort;
    private boolean secured;

    public LocalElasticsearch(String instance) {
        this(instance, freePort(), freePort());
    }

    /** An instance that will listen on a port chosen beforehand (to start it after the service). */
    public LocalElasticsearch(String instance, int httpPort) {
        this(instance, httpPort, freePort());
    }

    private LocalElasticsearch(String instance, int httpPort, int transportPort) {
        this.instance = instance;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    public String url() {
        return (secured ? "https" : "http") + "://127.0.0.1:" + httpPort;
    }

    /** Security on, as in production: TLS from the instance's own CA and file-realm users (local-es.sh ES_SECURITY). */
    public LocalElasticsearch secured() {
        this.secured = true;
        return this;
    }

    /** What a secured instance gives its clients: ES_URL, ES_CA, ES_USERNAME, ES_PASSWORD, ES_ADMIN_USERNAME, ... */
    public Map<String, String> secureInfo() {
        Map<String, String> info = new java.util.LinkedHashMap<>();
        for (String line : run("secure-info", false).split("\n")) {
            int equals = line.indexOf('=');
            if (line.startsWith("ES_") && equals > 0) {
                info.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return info;
    }

    /** A new CA and node certificate, swapped in place while the node runs (it reloads them). */
    public void rotateCertificates() {
        run("rotate-certs", false);
    }

    /** Starts on empty data. */
    public void start() {
        run("start", true);
    }

    /** Starts again on the data it had when it stopped (Elasticsearch coming back after an outage). */
    public void restart() {
        run("start", false);
    }

    public void stop() {
        run("stop", false);
    }

    /** The running node of instance {@code name}, to stall and wake (its ports do not matter for that). */
    public static LocalElasticsearch running(String name) {
        return new LocalElasticsearch(name, 0, 0);
    }

    /** Stalls the node (SIGSTOP): it still accepts connections and answers nothing, until {@link #resume()}. */
    public void pause() {
        run("pause-node", false, "1");
    }

    public void resume() {
        run("resume-node", false, "1");
    }

    private String run(String command, boolean resetData, String... arguments) {
        Path project = Path.of(System.getProperty("archive.test.project-dir", System.getProperty("user.dir")));
        List<String> line = new java.util.ArrayList<>(List.of("bash", project.resolve("scripts/local-es.sh").toString(), command));
        line.addAll(List.of(arguments));
        ProcessBuilder process = new ProcessBuilder(line).redirectErrorStream(true);
        Map<String, String> env = process.environment();
        env.put("ES_INSTANCE", instance);
        env.put("ES_HTTP_PORT", String.valueOf(httpPort));
        env.put("ES_TRANSPORT_PORT", String.valueOf(transportPort));
        env.put("ES_RESET_DATA", String.valueOf(resetData));
        env.put("ES_SECURITY", String.valueOf(secured));
        String pluginZip = System.getProperty("archive.test.plugin-zip");
        if (pluginZip != null) {
            env.put("ES_PLUGIN_ZIP", pluginZip);
        }
        try {
            Process started = process.start();
            String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!started.waitFor(5, TimeUnit.MINUTES) || started.exitValue() != 0) {
                throw new IllegalStateException("scripts/local-es.sh " + command + " failed for " + instance + ":\n" + output);
            }
            System.err.print(command.equals("secure-info") ? "" : output);
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run scripts/local-es.sh " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running scripts/local-es.sh " + command, e);
        }
    }

    /**
     * A free port chosen once per test run and kept in a system property, so a test profile and its test (loaded by
     * different class loaders) agree on where an Elasticsearch they start later will listen.
     */
    public static int sharedPort(String name) {
        String key = "archive.test." + name + "-port";
        String port = System.getProperty(key);
        if (port == null) {
            port = String.valueOf(freePort());
            System.setProperty(key, port);
        }
        return Integer.parseInt(port);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on loopback", e);
        }
    }
}
