package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.cli.output.ReportFiles;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.watch.SessionDrainReport;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** A subcommand that works on the service of the spec file. */
abstract class ServiceCommand implements Callable<Integer> {

    @ParentCommand
    BlueGreenCommand root;

    ServiceDefinition definition() {
        return root.spec().definition();
    }

    PrintWriter out() {
        return root.terminal().out();
    }

    /**
     * Writes the SVG/HTML report of a traffic change and says where, unless this is a dry run or nothing was watched.
     *
     * @param drain the session drain after a switch (the report is written once it has ended), or {@code null}
     */
    ReportFiles.Written writeReport(SwitchReport report, ServiceState state, String kind, SessionDrainReport drain, boolean json) {
        if (report == null || root.planning()) {
            return null;
        }
        ReportFiles.Written written = ReportFiles.write(root.stateDir(), report, state, kind, drain, root.terminal().err());
        if (written != null && !json) {
            out().println("report: " + written.svg());
            out().println("        " + written.html());
        }
        return written;
    }
}
