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
        return "http://127.0.0.1:" + httpPort;
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

    private void run(String command, boolean resetData) {
        Path project = Path.of(System.getProperty("archive.test.project-dir", System.getProperty("user.dir")));
        ProcessBuilder process = new ProcessBuilder(List.of("bash", project.resolve("scripts/local-es.sh").toString(), command))
            .redirectErrorStream(true);
        Map<String, String> env = process.environment();
        env.put("ES_INSTANCE", instance);
        env.put("ES_HTTP_PORT", String.valueOf(httpPort));
        env.put("ES_TRANSPORT_PORT", String.valueOf(transportPort));
        env.put("ES_RESET_DATA", String.valueOf(resetData));
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
            System.err.print(output);
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
