package io.jenkins.plugins.bluegreen.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * An etcd cluster of one or more members on free loopback ports, each in its own temporary data directory, stopped
 * by PID. Elections are fast (50 ms heartbeat, 500 ms election timeout) so that losing the leader costs about a
 * second. With {@link ServerTls} the client port speaks TLS and asks for client certificates.
 */
public final class EtcdLab implements AutoCloseable {

    /** The members' certificate and key, and the CA client certificates must be signed by. */
    public record ServerTls(Path cert, Path key, Path trustedCa) {}

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final List<RouterProcess> members;
    private final List<String> endpoints;

    private EtcdLab(Path dir, List<RouterProcess> members, List<String> endpoints) {
        this.dir = dir;
        this.members = members;
        this.endpoints = endpoints;
    }

    public static EtcdLab start(int size) {
        return start(size, null);
    }

    public static EtcdLab start(int size, ServerTls tls) {
        Path binary = RouterBinaries.require("etcd");
        Path dir = LabRouter.newDir("etcd");
        List<Integer> clientPorts = IntStream.range(0, size).map(i -> RouterProcess.freePort()).boxed().toList();
        List<Integer> peerPorts = IntStream.range(0, size).map(i -> RouterProcess.freePort()).boxed().toList();
        String scheme = tls == null ? "http" : "https";
        List<String> endpoints = clientPorts.stream().map(port -> scheme + "://127.0.0.1:" + port).toList();
        String cluster = String.join(",", IntStream.range(0, size).mapToObj(i -> "m" + i + "=http://127.0.0.1:" + peerPorts.get(i)).toList());
        String token = "bluegreen-" + UUID.randomUUID();
        List<RouterProcess> members = new ArrayList<>();
        EtcdLab lab = new EtcdLab(dir, members, endpoints);
        try {
            for (int i = 0; i < size; i++) {
                Path memberDir = dir.resolve("m" + i);
                Files.createDirectories(memberDir);
                List<String> command = new ArrayList<>(List.of(binary.toString(), "--name", "m" + i,
                        "--data-dir", memberDir.resolve("data").toString(),
                        "--listen-client-urls", endpoints.get(i), "--advertise-client-urls", endpoints.get(i),
                        "--listen-peer-urls", "http://127.0.0.1:" + peerPorts.get(i),
                        "--initial-advertise-peer-urls", "http://127.0.0.1:" + peerPorts.get(i),
                        "--initial-cluster", cluster, "--initial-cluster-state", "new", "--initial-cluster-token", token,
                        "--heartbeat-interval", "50", "--election-timeout", "500", "--enable-v2=false"));
                if (tls != null) {
                    command.addAll(List.of("--cert-file", tls.cert().toString(), "--key-file", tls.key().toString(),
                            "--trusted-ca-file", tls.trustedCa().toString(), "--client-cert-auth"));
                }
                RouterProcess member = new RouterProcess("etcd member m" + i, command, Map.of(), memberDir, List.of(clientPorts.get(i)));
                members.add(member);
                member.start();
            }
            if (tls == null) {
                lab.leader();
            }
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    public List<String> endpoints() {
        return endpoints;
    }

    public long pid(int member) {
        return members.get(member).pid();
    }

    public boolean alive(int member) {
        return members.get(member).alive();
    }

    /** The index of the member that leads now (plain-http clusters only), waiting for an election to finish. */
    public int leader() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < members.size(); i++) {
                if (members.get(i).alive()) {
                    JsonNode status = post(endpoints.get(i), "/v3/maintenance/status");
                    String self = status.path("header").path("member_id").asText();
                    if (!self.isEmpty() && self.equals(status.path("leader").asText())) {
                        return i;
                    }
                }
            }
            pause();
        }
        throw new IllegalStateException("no etcd member became leader within " + READY_TIMEOUT.toSeconds() + " s; logs under " + dir);
    }

    /** Kills a member with SIGKILL by its PID: no goodbye to its peers, as in a crash. */
    public void kill(int member) {
        ProcessHandle.of(members.get(member).pid()).ifPresent(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (members.get(member).alive() && System.nanoTime() < deadline) {
            pause();
        }
    }

    private static JsonNode post(String endpoint, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + path))
                    .timeout(Duration.ofSeconds(2)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            return MissingNode.getInstance();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MissingNode.getInstance();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        members.forEach(RouterProcess::stop);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
