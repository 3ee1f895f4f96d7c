package io.jenkins.plugins.bluegreen.cli.embedded;

import io.jenkins.plugins.bluegreen.cli.OptionRanges;
import io.jenkins.plugins.bluegreen.model.Color;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "router", mixinStandardHelpOptions = true,
        description = {"Runs the embedded router (a Jetty reverse proxy on 127.0.0.1) in the foreground until Ctrl-C, for trying"
                + " bluegreen without installing a router.", "Point a spec at it with 'driver: {type: embedded, admin: URL}'."})
public final class RouterCommand implements Callable<Integer> {

    @Option(names = "--blue", required = true, paramLabel = "URL", description = "Where blue answers, e.g. http://127.0.0.1:9001.")
    String blueUrl;

    @Option(names = "--green", required = true, paramLabel = "URL", description = "Where green answers.")
    String greenUrl;

    @Option(names = "--live", defaultValue = "blue", paramLabel = "COLOR", description = "The colour served at start (default: ${DEFAULT-VALUE}).")
    Color live;

    @Option(names = "--port", defaultValue = "8080", description = "Public port on 127.0.0.1, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--admin-port", defaultValue = "8081", description = "Admin port on 127.0.0.1, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OptionRanges.port("--port", port);
        OptionRanges.port("--admin-port", adminPort);
        CountDownLatch stopped = new CountDownLatch(1);
        try (EmbeddedRouter router = EmbeddedRouter.start(blueUrl, greenUrl, live, port, adminPort)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "bluegreen-router-stop"));
            spec.commandLine().getOut().println("embedded router: " + router.publicUrl() + " -> " + live.label()
                    + "; admin " + router.adminUrl() + System.lineSeparator()
                    + "in your spec: driver: {type: embedded, admin: " + router.adminUrl() + "}" + System.lineSeparator()
                    + "Ctrl-C stops it");
            spec.commandLine().getOut().flush();
            stopped.await();
        }
        return 0;
    }
}
