package io.jenkins.plugins.bluegreen.lab;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds router programs (haproxy, nginx, caddy, wrk) on PATH or in the usual system directories. */
public final class RouterBinaries {

    private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin");

    private RouterBinaries() {}

    public static Optional<Path> find(String program) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(SYSTEM_DIRS);
        return dirs.stream().filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable).findFirst();
    }

    /** The program's path, or an exception saying how to install it. */
    public static Path require(String program) {
        return find(program).orElseThrow(() -> new IllegalStateException(program + " is not installed (looked on PATH and in "
                + String.join(", ", SYSTEM_DIRS) + "); install it, e.g. 'apt-get install " + program + "'"));
    }
}
