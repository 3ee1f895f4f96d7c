package io.jenkins.plugins.bluegreen.reliability;

import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.release.ReleaseLog;
import io.jenkins.plugins.bluegreen.store.JsonFileStateStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import okhttp3.OkHttpClient;

/**
 * A separate release process for the reliability tests: on each {@code switch} line of standard input it switches
 * the service once and answers one line, {@code switched} or the refusal's class and message.
 *
 * <p>Arguments: state directory, router file, holder name, {@code crash} to halt right after the router changed.
 */
public final class ReleaseProcess {

    private ReleaseProcess() {}

    public static void main(String[] args) throws Exception {
        JsonFileStateStore store = new JsonFileStateStore(Path.of(args[0]));
        boolean crash = args.length > 3 && args[3].equals("crash");
        ServiceDefinition shop = ServiceDefinition.of("shop", new FileRouter(Path.of(args[1]), 50, crash));
        BlueGreenEngine engine = new BlueGreenEngine(store, new OkHttpClient(), Clock.systemUTC(), ReleaseLog.silent());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            try {
                engine.switchTraffic(shop, BlueGreenEngine.SwitchOptions.unattended(args[2]));
                System.out.println("switched");
            } catch (RuntimeException e) {
                System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
