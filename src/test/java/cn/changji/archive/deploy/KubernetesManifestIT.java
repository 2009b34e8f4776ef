package cn.changji.archive.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Kubernetes manifests, as kubectl kustomize renders the overlays (written to target/k8s/), parsed with the
 * fabric8 Kubernetes model and checked against the service itself: probes answer, ports and env names are the ones
 * the service reads, selectors select, the Job runs the command-line import.
 */
@QuarkusTest
class KubernetesManifestIT {
    private static final Path K8S = Path.of("k8s");

    static String render(String kustomization) throws IOException, InterruptedException {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", K8S.resolve(kustomization).toString())
            .redirectErrorStream(true).start();
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize hung");
        assertEquals(0, kubectl.exitValue(), "kubectl kustomize " + kustomization + " failed:\n" + out);
        Path rendered = Path.of("target", "k8s", kustomization.replace('/', '-') + ".yaml");
        Files.createDirectories(rendered.getParent());
        Files.writeString(rendered, out);
        return out;
    }

    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                resources.add(Serialization.unmarshal(document));
            }
        }
        return resources;
    }

    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> T only(List<HasMetadata> resources, Class<T> type) {
        List<HasMetadata> matching = resources.stream().filter(type::isInstance).toList();
        assertEquals(1, matching.size(), "one " + type.getSimpleName() + " in " + resources.stream().map(HasMetadata::getKind).toList());
        return (T) matching.get(0);
    }

    /** Every environment variable the service reads: the keys of application.properties, active or commented. */
    static Set<String> knownEnvironment() throws IOException {
        Set<String> names = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(Path.of("src/main/resources/application.properties"))) {
            String entry = line.replaceFirst("^#\\s*", "").replaceFirst("^%\\w+\\.", "");
            int equals = entry.indexOf('=');
            if (equals > 0 && entry.substring(0, equals).matches("[a-z][a-z0-9.\\-\"]*")) {
                names.add(entry.substring(0, equals).toUpperCase().replaceAll("[.\\-\"]", "_"));
            }
        }
        return names;
    }

    private static int servicePort() throws IOException {
        for (String line : Files.readAllLines(Path.of("src/main/resources/application.properties"))) {
            if (line.startsWith("quarkus.http.port=")) {
                return Integer.parseInt(line.substring("quarkus.http.port=".length()).strip());
            }
        }
        throw new AssertionError("quarkus.http.port not in application.properties");
    }

    @Test
    void bothOverlaysRenderAndTheServiceIsWiredRight() throws Exception {
        Set<String> known = knownEnvironment();
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            List<HasMetadata> resources = parse(render(overlay));
            Deployment deployment = only(resources, Deployment.class);
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(podLabels.entrySet().containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet()), overlay);

            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container search = pod.getContainers().get(0);
            assertTrue(search.getImage().endsWith("changji-archive/search:" + (overlay.endsWith("dev") ? "dev" : "1.0.0")), search.getImage());
            assertEquals(servicePort(), search.getPorts().get(0).getContainerPort());
            for (Probe probe : List.of(search.getStartupProbe(), search.getReadinessProbe(), search.getLivenessProbe())) {
                assertNotNull(probe, overlay + ": every probe set");
                String port = probe.getHttpGet().getPort().getStrVal();
                assertEquals(search.getPorts().get(0).getName(), port);
                int status = given().when().get(probe.getHttpGet().getPath()).then().extract().statusCode();
                assertTrue(status == 200 || status == 503, probe.getHttpGet().getPath() + " is a health endpoint: " + status);
            }
            assertTrue(search.getReadinessProbe().getHttpGet().getPath().endsWith("/ready"));
            assertTrue(search.getLivenessProbe().getHttpGet().getPath().endsWith("/live"));
            assertNotNull(search.getResources().getRequests().get("memory"));
            assertNotNull(search.getResources().getLimits().get("memory"));
            assertTrue(pod.getSecurityContext().getRunAsNonRoot());
            assertTrue(search.getSecurityContext().getReadOnlyRootFilesystem());
            assertEquals(List.of("ALL"), search.getSecurityContext().getCapabilities().getDrop());
            assertTrue(search.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")), "writable /tmp");
            assertTrue(pod.getTerminationGracePeriodSeconds() >= 30, "time to finish requests on shutdown");

            for (EnvVar env : search.getEnv()) {
                assertTrue(known.contains(env.getName()), overlay + ": the service reads no " + env.getName());
            }
            EnvVar writeKey = search.getEnv().stream().filter(e -> e.getName().equals("ARCHIVE_WRITE_API_KEY")).findFirst().orElseThrow();
            assertEquals("archive-search-secrets", writeKey.getValueFrom().getSecretKeyRef().getName(), "keys come from a Secret");
            io.fabric8.kubernetes.api.model.ConfigMap config = resources.stream()
                .filter(io.fabric8.kubernetes.api.model.ConfigMap.class::isInstance)
                .map(io.fabric8.kubernetes.api.model.ConfigMap.class::cast).findFirst().orElseThrow();
            assertEquals(search.getEnvFrom().get(0).getConfigMapRef().getName(), config.getMetadata().getName());
            config.getData().keySet().forEach(name -> assertTrue(known.contains(name), overlay + ": the service reads no " + name));

            Service service = only(resources, Service.class);
            assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()), "the Service selects the pods");
            assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());

            HorizontalPodAutoscaler hpa = only(resources, HorizontalPodAutoscaler.class);
            assertEquals(deployment.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
            assertTrue(hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas());

            PodDisruptionBudget pdb = only(resources, PodDisruptionBudget.class);
            assertTrue(podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
            assertTrue(pdb.getSpec().getMinAvailable().getIntVal() < hpa.getSpec().getMinReplicas()
                || hpa.getSpec().getMinReplicas() == 1, "a drain can always proceed");

            NetworkPolicy policy = only(resources, NetworkPolicy.class);
            assertTrue(podLabels.entrySet().containsAll(policy.getSpec().getPodSelector().getMatchLabels().entrySet()));
            assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
            assertEquals(servicePort(), policy.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal());
            Set<Integer> egressPorts = new java.util.TreeSet<>();
            policy.getSpec().getEgress().forEach(rule -> rule.getPorts().forEach(p -> egressPorts.add(p.getPort().getIntVal())));
            assertEquals(Set.of(53, 9200), egressPorts, "out: Elasticsearch and DNS only");

            Ingress ingress = only(resources, Ingress.class);
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path ->
                assertEquals(service.getMetadata().getName(), path.getBackend().getService().getName())));
        }
    }

    @Test
    void importJobsRunTheCommandLineImportOnThePagesVolume() throws IOException {
        Job job = (Job) Serialization.unmarshal(Files.readString(K8S.resolve("jobs/import-job.yaml")));
        CronJob cron = (CronJob) Serialization.unmarshal(Files.readString(K8S.resolve("jobs/import-cronjob.yaml")));
        HasMetadata claim = Serialization.unmarshal(Files.readString(K8S.resolve("jobs/pages-pvc.yaml")));
        for (PodSpec pod : List.of(job.getSpec().getTemplate().getSpec(), cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec())) {
            Container container = pod.getContainers().get(0);
            assertEquals(List.of("import", "--dead-letter=/tmp/import-dead-letter.ndjson", "/pages"), container.getArgs());
            assertTrue(pod.getTerminationGracePeriodSeconds() >= 120, "a stopped import may finish its file");
            assertTrue(container.getImage().contains("changji-archive/search:"));
            assertEquals("/pages", container.getVolumeMounts().stream().filter(m -> m.getName().equals("pages")).findFirst().orElseThrow().getMountPath());
            assertEquals(claim.getMetadata().getName(), pod.getVolumes().stream().filter(v -> v.getName().equals("pages"))
                .findFirst().orElseThrow().getPersistentVolumeClaim().getClaimName());
            assertEquals("Never", pod.getRestartPolicy());
            assertTrue(pod.getSecurityContext().getRunAsNonRoot());
            assertEquals("archive-search-config", container.getEnvFrom().get(0).getConfigMapRef().getName());
        }
        assertEquals("Forbid", cron.getSpec().getConcurrencyPolicy());
    }

    @Test
    void eckClusterRunsThreeNodesOfOurIkImage() throws Exception {
        List<HasMetadata> resources = parse(render("elasticsearch"));
        GenericKubernetesResource cluster = (GenericKubernetesResource) resources.get(0);
        assertEquals("Elasticsearch", cluster.getKind());
        Map<String, Object> spec = cluster.get("spec");
        assertEquals(DockerFileTest.elasticsearchVersion(), spec.get("version"));
        assertTrue(((String) spec.get("image")).endsWith("changji-archive/elasticsearch-ik:" + DockerFileTest.elasticsearchVersion()));
        List<Map<String, Object>> nodeSets = cluster.get("spec", "nodeSets");
        assertEquals(3, nodeSets.stream().mapToInt(n -> (Integer) n.get("count")).sum());
        assertFalse(((List<?>) nodeSets.get(0).get("volumeClaimTemplates")).isEmpty());
        String text = Files.readString(K8S.resolve("elasticsearch/elasticsearch.yaml"));
        assertTrue(text.contains("vm.max_map_count=262144"), "vm.max_map_count handled");
        // the service's default hosts in the base point at the ECK cluster's HTTP service
        assertTrue(Files.readString(K8S.resolve("base/configmap.yaml")).contains(cluster.getMetadata().getName() + "-es-http:9200"));
    }
}
