package io.jenkins.plugins.bluegreen.reliability;

import io.jenkins.plugins.bluegreen.approval.ApprovalDecision;
import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.ReleaseLog;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.store.JsonFileStateStore;
import io.jenkins.plugins.bluegreen.store.StateStore;
import io.jenkins.plugins.bluegreen.store.etcd.EtcdSettings;
import io.jenkins.plugins.bluegreen.store.etcd.EtcdStateStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import okhttp3.OkHttpClient;

/**
 * A separate release process for the reliability tests: on each {@code switch} line of standard input it switches
 * the service once and answers one line, {@code switched} or the refusal's class and message.
 *
 * <p>Arguments: the store (a state directory, or {@link #etcd} of an etcd cluster), router file, holder name, and a
 * mode: {@code crash} halts right after the router changed; {@code approval} asks for approval, says
 * {@code awaiting approval} and waits for ever (holding the lease) until the test kills it.
 */
public final class ReleaseProcess {

    private ReleaseProcess() {}

    /** The store argument for an etcd cluster. */
    static String etcd(EtcdSettings settings) {
        return "etcd|" + settings.prefix() + "|" + settings.leaseTtl().toSeconds() + "|" + String.join(",", settings.endpoints());
    }

    static StateStore store(String argument) {
        if (!argument.startsWith("etcd|")) {
            return new JsonFileStateStore(Path.of(argument));
        }
        String[] parts = argument.split("\\|");
        EtcdSettings settings = new EtcdSettings(List.of(parts[3].split(",")), parts[1], Duration.ofSeconds(Long.parseLong(parts[2])), null, null);
        return new EtcdStateStore(settings, null, SecretSource.none(), new OkHttpClient());
    }

    public static void main(String[] args) throws Exception {
        StateStore store = store(args[0]);
        String mode = args.length > 3 ? args[3] : "";
        ServiceDefinition shop = ServiceDefinition.of("shop", new FileRouter(Path.of(args[1]), 50, mode.equals("crash")));
        BlueGreenEngine engine = new BlueGreenEngine(store, new OkHttpClient(), Clock.systemUTC(), ReleaseLog.silent());
        BlueGreenEngine.SwitchOptions options = !mode.equals("approval") ? BlueGreenEngine.SwitchOptions.unattended(args[2])
                : new BlueGreenEngine.SwitchOptions(args[2], (request, timeout) -> {
                    System.out.println("awaiting approval");
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ApprovalDecision.granted("nobody");
                }, new ApprovalPolicy(Duration.ofHours(1), ApprovalPolicy.OnTimeout.ABORT, null), false);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            try {
                engine.switchTraffic(shop, options);
                System.out.println("switched");
            } catch (RuntimeException e) {
                System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
