package io.jenkins.plugins.bluegreen.cli.demo;

import io.jenkins.plugins.bluegreen.cli.ExitCodes;
import io.jenkins.plugins.bluegreen.model.Color;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs a whole release on 127.0.0.1 with nothing installed: app v1 (blue) and v2 (green), the embedded"
                + " router (or --router haproxy|nginx|caddy), a load of keep-alive requests, deploy, verify, approve (--yes implied), switch, watch, a rollback"
                + " drill, and a summary. Stops everything it started. Exit 0 only when no request failed."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to keep the demo's state and reports (default: a new temporary directory, kept afterwards).")
    Path directory;

    @Option(names = "--router", defaultValue = DemoRouter.EMBEDDED, paramLabel = "ROUTER",
            description = "The router to release through: embedded (default, nothing to install), or haproxy, nginx or caddy"
                    + " when installed here.")
    String router;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path stateDirectory = directory != null ? directory : Files.createTempDirectory("bluegreen-demo-");
        Demo.Summary summary = new Demo(out, stateDirectory, router).run();
        var load = summary.load();
        var cutover = summary.cutover().report();
        out.println();
        out.println("summary");
        out.printf("  requests   %d through the %s router: %d failed (blue %d, green %d)%n", load.requests(), router,
                load.failures(), load.onColor(Color.BLUE), load.onColor(Color.GREEN));
        load.errorSamples().stream().limit(3).forEach(error -> out.println("             failed: " + error));
        out.printf("  cutover    %s -> %s: first answer from %s after %d ms, 100%% %s after %d ms (%d probes, %d failed)%n",
                cutover.from(), cutover.to(), cutover.to().label(), cutover.timeToFirstNewMillis(), cutover.to().label(),
                cutover.timeToAllNewMillis(), cutover.samples().size(), cutover.failures());
        out.printf("             (times are measured by probes every %d ms, so 0 ms means within one probe interval)%n",
                1000 / Demo.PROBES_PER_SECOND);
        out.printf("  in flight  a %d ms request sent to blue before the switch: HTTP %d from %s after %d ms%n", Demo.IN_FLIGHT_MILLIS,
                summary.inFlight().status(), summary.inFlight().color(), summary.inFlight().millis());
        out.printf("  rollback   drill RTO %d ms back to blue, %d ms forward to green%n", summary.drill().backRtoMillis(),
                summary.drill().forwardRtoMillis());
        out.printf("  drift      %s differed from blue (%s); accepted at the approval%n", summary.drift().keyNames(),
                String.join("; ", summary.drift().lines()));
        out.printf("  standby    %s%n", summary.standby().describe());
        if (summary.report() != null) {
            out.println("  report     " + summary.report().svg());
            out.println("             " + summary.report().html());
        }
        out.println("  state      " + stateDirectory.resolve(Demo.SERVICE + ".json"));
        out.flush();
        return load.failures() == 0 && summary.inFlight().status() == 200 ? ExitCodes.OK : ExitCodes.VERIFICATION;
    }
}
