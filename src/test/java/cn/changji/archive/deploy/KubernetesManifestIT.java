package cn.changji.archive.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import cn.changji.archive.cli.ImportCommand;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Kubernetes manifests, as kubectl kustomize renders the overlays (written to target/k8s/), parsed with the
 * fabric8 Kubernetes model and checked against the service itself: probes answer, ports and env names are the ones
 * the service reads, selectors select, the Jobs run the command-line import; and each defect a first production
 * rollout against ECK would meet stays gone (replicas beside the HPA, no spread, memory request below limit, a
 * ConfigMap without hash, privileged containers, mutable production tags, Jobs without CA, credentials, durable
 * dead-letter file, failure policy or deadline, a dev overlay without a cluster).
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

    private static <T extends HasMetadata> List<T> all(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Optional<EnvVar> env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    private static String fromSecret(Container container, String name) {
        SecretKeySelector secret = env(container, name).orElseThrow(() -> new AssertionError(container.getName() + " has no " + name))
            .getValueFrom().getSecretKeyRef();
        return secret.getName() + "/" + secret.getKey();
    }

    private static String configMapName(Container container) {
        return container.getEnvFrom().get(0).getConfigMapRef().getName();
    }

    private static ConfigMap config(List<HasMetadata> resources) {
        return only(resources, ConfigMap.class);
    }

    /** The containers of every pod the rendering makes: the Deployment's, the CronJobs', ECK's pod template. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> everyContainer(String yaml) {
        List<Map<String, Object>> containers = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                collect(Serialization.unmarshal(document, Map.class), containers);
            }
        }
        return containers;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<Map<String, Object>> containers) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if ((entry.getKey().equals("containers") || entry.getKey().equals("initContainers")) && entry.getValue() instanceof List<?> list) {
                    list.forEach(c -> containers.add((Map<String, Object>) c));
                }
                collect(entry.getValue(), containers);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, containers));
        }
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
            assertTrue(pod.getSecurityContext().getRunAsNonRoot());
            assertTrue(search.getSecurityContext().getReadOnlyRootFilesystem());
            assertEquals(List.of("ALL"), search.getSecurityContext().getCapabilities().getDrop());
            assertTrue(search.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")), "writable /tmp");
            assertTrue(pod.getTerminationGracePeriodSeconds() >= 30, "time to finish requests on shutdown");

            for (EnvVar env : search.getEnv()) {
                assertTrue(known.contains(env.getName()), overlay + ": the service reads no " + env.getName());
            }
            assertEquals("archive-search-secrets/write-api-key", fromSecret(search, "ARCHIVE_WRITE_API_KEY"), "keys come from a Secret");
            ConfigMap config = config(resources);
            assertEquals(configMapName(search), config.getMetadata().getName());
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
    void theDeploymentIsSizedSpreadAndLeftToItsAutoscaler() throws Exception {
        for (String overlay : List.of("base", "overlays/dev", "overlays/prod")) {
            List<HasMetadata> resources = parse(render(overlay));
            Deployment deployment = only(resources, Deployment.class);
            only(resources, HorizontalPodAutoscaler.class);
            assertNull(deployment.getSpec().getReplicas(), overlay + ": the HPA owns the count; replicas would reset it at each apply");
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Set<String> spreadBy = new java.util.TreeSet<>();
            pod.getTopologySpreadConstraints().forEach(c -> spreadBy.add(c.getTopologyKey()));
            assertEquals(Set.of("kubernetes.io/hostname", "topology.kubernetes.io/zone"), spreadBy, overlay);
            Container search = pod.getContainers().get(0);
            assertEquals(search.getResources().getLimits().get("memory"), search.getResources().getRequests().get("memory"),
                overlay + ": memory request = limit");
            assertEquals("AlwaysAllow", only(resources, PodDisruptionBudget.class).getSpec().getUnhealthyPodEvictionPolicy(), overlay);
            ConfigMap config = config(resources);
            assertTrue(config.getMetadata().getName().matches("archive-search-config-[a-z0-9]{6,}"),
                overlay + ": a generated ConfigMap, so a change of settings rolls the pods: " + config.getMetadata().getName());
            if ("true".equals(config.getData().get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"))) {
                assertFalse(config.getData().getOrDefault("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "").isBlank(),
                    overlay + ": forwarded addresses are believed from the ingress only");
            }
        }
        for (HasMetadata resource : parse(render("overlays/prod"))) {
            if (resource instanceof Deployment deployment) {
                String image = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
                assertTrue(image.matches(".+@sha256:[0-9a-f]{64}"), "production pins the image by digest: " + image);
            }
        }
    }

    @Test
    void noPodAsksForPrivilegesThatPodSecurityRefuses() throws Exception {
        for (String rendering : List.of("overlays/dev", "overlays/prod", "elasticsearch", "jobs")) {
            for (Map<String, Object> container : everyContainer(render(rendering))) {
                Object context = container.get("securityContext");
                String text = context == null ? "" : context.toString();
                assertFalse(text.contains("privileged=true"), rendering + ": " + container.get("name") + " is privileged");
                assertFalse(text.contains("runAsUser=0"), rendering + ": " + container.get("name") + " runs as root");
            }
        }
    }

    @Test
    void theJobsReachTheClusterAsTheServiceDoesKeepTheirDeadLetterAndEndWhenTheyShould() throws Exception {
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            List<HasMetadata> resources = parse(render(overlay));
            Container service = only(resources, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
            Volume serviceCa = only(resources, Deployment.class).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("es-ca")).findFirst().orElseThrow();
            assertNotEquals(Boolean.TRUE, serviceCa.getSecret().getOptional(), "a pod waits for the CA instead of starting without it");
            String caFile = config(resources).getData().get("ARCHIVE_ELASTICSEARCH_CA_CERTIFICATE");
            String caDirectory = Path.of(caFile).getParent().toString();
            VolumeMount serviceCaMount = service.getVolumeMounts().stream().filter(m -> m.getName().equals("es-ca")).findFirst().orElseThrow();
            assertEquals(caDirectory, serviceCaMount.getMountPath());
            assertNull(serviceCaMount.getSubPath(), "a directory mount: the kubelet updates the file when the CA rotates");
            Set<String> claims = new java.util.TreeSet<>();
            all(resources, PersistentVolumeClaim.class).forEach(c -> claims.add(c.getMetadata().getName()));

            List<CronJob> cronJobs = all(resources, CronJob.class);
            assertEquals(Set.of("archive-nightly-import", "archive-dead-letter-replay", "archive-nightly-snapshot"),
                Set.copyOf(cronJobs.stream().map(c -> c.getMetadata().getName()).toList()));
            for (CronJob cron : cronJobs) {
                String name = overlay + " " + cron.getMetadata().getName();
                JobSpec job = cron.getSpec().getJobTemplate().getSpec();
                PodSpec pod = job.getTemplate().getSpec();
                Container container = pod.getContainers().get(0);
                assertEquals(service.getImage(), container.getImage(), name + ": the service's image");
                assertEquals(configMapName(service), configMapName(container), name + ": the service's settings");
                Volume ca = pod.getVolumes().stream().filter(v -> v.getName().equals("es-ca")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " mounts no CA"));
                assertEquals(serviceCa.getSecret().getSecretName(), ca.getSecret().getSecretName(), name);
                assertNotEquals(Boolean.TRUE, ca.getSecret().getOptional(), name);
                assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getName().equals("es-ca")
                    && m.getMountPath().equals(caDirectory)), name + ": the CA where the settings say");
                assertEquals("Never", pod.getRestartPolicy());
                assertTrue(pod.getSecurityContext().getRunAsNonRoot());
                assertEquals("Forbid", cron.getSpec().getConcurrencyPolicy());
                assertNotNull(cron.getSpec().getStartingDeadlineSeconds(), name);
                assertNotNull(job.getActiveDeadlineSeconds(), name + ": a hung run ends, so it blocks no later one");
                Set<Integer> failAtOnce = new java.util.TreeSet<>();
                job.getPodFailurePolicy().getRules().stream().filter(rule -> rule.getAction().equals("FailJob")).forEach(rule -> {
                    assertEquals(container.getName(), rule.getOnExitCodes().getContainerName(), name + ": the policy's container");
                    failAtOnce.addAll(rule.getOnExitCodes().getValues());
                });
                assertEquals(Set.of(ImportCommand.SOME_FAILED, ImportCommand.USAGE, ImportCommand.OUT_OF_MEMORY,
                    ImportCommand.INTERNAL_ERROR, ImportCommand.REFUSED), failAtOnce, name + ": what a retry cannot help");
                assertTrue(job.getPodFailurePolicy().getRules().stream().anyMatch(rule -> rule.getAction().equals("Ignore")
                    && rule.getOnPodConditions() != null && !rule.getOnPodConditions().isEmpty()), name + ": an eviction is no failure");

                if (container.getArgs().get(0).equals("snapshot")) {
                    assertEquals("archive-backup-es-user/username", fromSecret(container, "ARCHIVE_ELASTICSEARCH_USERNAME"),
                        name + ": the backup user, not the service's");
                    continue;
                }
                assertEquals("import", container.getArgs().get(0), name);
                for (String credential : List.of("ARCHIVE_ELASTICSEARCH_USERNAME", "ARCHIVE_ELASTICSEARCH_PASSWORD")) {
                    assertEquals(fromSecret(service, credential), fromSecret(container, credential), name + ": " + credential);
                }
                String deadLetter = container.getArgs().stream().filter(a -> a.startsWith("--dead-letter=") || a.startsWith("--replay="))
                    .map(a -> a.substring(a.indexOf('=') + 1)).findFirst().orElseThrow();
                VolumeMount kept = container.getVolumeMounts().stream().filter(m -> deadLetter.startsWith(m.getMountPath() + "/"))
                    .findFirst().orElseThrow(() -> new AssertionError(name + ": " + deadLetter + " is on no volume"));
                String claim = pod.getVolumes().stream().filter(v -> v.getName().equals(kept.getName())).findFirst().orElseThrow()
                    .getPersistentVolumeClaim().getClaimName();
                assertTrue(claims.contains(claim), name + ": the dead-letter file outlives the pod on a claim of the rendering");
                assertTrue(pod.getTerminationGracePeriodSeconds() >= 120, name + ": a stopped import may finish its file");
            }
            assertEquals(claims.contains("archive-pages"), true, overlay);
        }
    }

    @Test
    void eckClusterRunsThreeNodesOfOurIkImageWithTheServicesRoleAndUser() throws Exception {
        String yaml = render("elasticsearch");
        List<HasMetadata> resources = parse(yaml);
        GenericKubernetesResource cluster = resources.stream().filter(GenericKubernetesResource.class::isInstance)
            .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
        assertEquals("Elasticsearch", cluster.getKind());
        Map<String, Object> spec = cluster.get("spec");
        assertEquals(DockerFileTest.elasticsearchVersion(), spec.get("version"));
        assertTrue(((String) spec.get("image")).endsWith("changji-archive/elasticsearch-ik:" + DockerFileTest.elasticsearchVersion()));
        List<Map<String, Object>> nodeSets = cluster.get("spec", "nodeSets");
        assertEquals(3, nodeSets.stream().mapToInt(n -> (Integer) n.get("count")).sum());
        assertFalse(((List<?>) nodeSets.get(0).get("volumeClaimTemplates")).isEmpty());
        assertEquals(false, ((Map<?, ?>) nodeSets.get(0).get("config")).get("node.store.allow_mmap"),
            "no mmap, so no privileged sysctl (node tuning is documented)");

        List<Map<String, Object>> roles = cluster.get("spec", "auth", "roles");
        Secret roleSecret = all(resources, Secret.class).stream()
            .filter(s -> s.getMetadata().getName().equals(roles.get(0).get("secretName"))).findFirst()
            .orElseThrow(() -> new AssertionError("the roles Secret is rendered with the cluster"));
        String rolesYml = new String(java.util.Base64.getMimeDecoder().decode(roleSecret.getData().get("roles.yml")), StandardCharsets.UTF_8);
        assertTrue(rolesYml.contains("archive_search:") && rolesYml.contains("archive_backup:"), rolesYml);
        assertFalse(rolesYml.contains("\"all\""), "least privilege: no all");

        List<Map<String, Object>> fileRealm = cluster.get("spec", "auth", "fileRealm");
        Container service = only(parse(render("overlays/prod")), Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(fileRealm.get(0).get("secretName") + "/username", fromSecret(service, "ARCHIVE_ELASTICSEARCH_USERNAME"),
            "the service logs in as the file-realm user ECK creates");
        assertTrue(fileRealm.stream().anyMatch(user -> "archive-backup-es-user".equals(user.get("secretName"))),
            "and so does the nightly snapshot");
        String example = Files.readString(K8S.resolve("base/secret.example.yaml"));
        assertTrue(example.contains("type: kubernetes.io/basic-auth") && example.contains("roles: archive_search"));

        // the service's default hosts and CA point at the ECK cluster's HTTP service and its public CA Secret
        List<HasMetadata> prod = parse(render("overlays/prod"));
        assertEquals("https://" + cluster.getMetadata().getName() + "-es-http:9200",
            config(prod).getData().get("ARCHIVE_ELASTICSEARCH_HOSTS"));
        assertEquals(cluster.getMetadata().getName() + "-es-http-certs-public", only(prod, Deployment.class).getSpec().getTemplate()
            .getSpec().getVolumes().stream().filter(v -> v.getName().equals("es-ca")).findFirst().orElseThrow().getSecret().getSecretName());
    }

    @Test
    void theDevOverlayBringsItsOwnClusterThatTheServiceReaches() throws Exception {
        List<HasMetadata> dev = parse(render("overlays/dev"));
        GenericKubernetesResource cluster = dev.stream().filter(GenericKubernetesResource.class::isInstance)
            .map(GenericKubernetesResource.class::cast).filter(r -> r.getKind().equals("Elasticsearch")).findFirst()
            .orElseThrow(() -> new AssertionError("the dev overlay has no Elasticsearch of its own to reach"));
        assertEquals("archive-dev", cluster.getMetadata().getNamespace());
        assertEquals(1, ((List<Map<String, Object>>) cluster.get("spec", "nodeSets")).stream().mapToInt(n -> (Integer) n.get("count")).sum());
        assertEquals("https://" + cluster.getMetadata().getName() + "-es-http:9200", config(dev).getData().get("ARCHIVE_ELASTICSEARCH_HOSTS"),
            "over TLS: ECK cannot turn security off");
    }
}
