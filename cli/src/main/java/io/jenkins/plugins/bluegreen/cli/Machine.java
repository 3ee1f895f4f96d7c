package io.jenkins.plugins.bluegreen.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** One line about the machine a benchmark ran on: cores, CPU, memory, OS, JDK, router and DNS server versions. */
final class Machine {

    private Machine() {}

    static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores (" + firstValue("/proc/cpuinfo", "model name") + "), "
                + loadAverage() + memory() + ", " + osName() + ", Java " + System.getProperty("java.version") + "; "
                + version(List.of("haproxy", "-v")) + "; " + version(List.of("nginx", "-v")) + "; caddy " + version(List.of("caddy", "version"))
                + "; " + version(List.of("wrk", "--version")) + "; " + version(List.of("named", "-v")) + "; "
                + version(List.of("knotd", "--version")) + "; unbound " + version(List.of("unbound", "-V"));
    }

    /** Other work on the machine slows the figures; the 1-minute load average at the end of the run says how much. */
    private static String loadAverage() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + " at the end, ";
        } catch (IOException e) {
            return "";
        }
    }

    private static String memory() {
        String kilobytes = firstValue("/proc/meminfo", "MemTotal").replaceAll("[^0-9]", "");
        return kilobytes.isEmpty() ? "memory unknown" : String.format(Locale.ROOT, "%.0f GiB", Long.parseLong(kilobytes) / 1024.0 / 1024.0);
    }

    private static String osName() {
        String pretty = firstValue("/etc/os-release", "PRETTY_NAME");
        return pretty.isEmpty() ? System.getProperty("os.name") : pretty.replace("\"", "");
    }

    private static String firstValue(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(line.contains(":") ? ':' : '=') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux, or not readable: described as unknown below
        }
        return "";
    }

    /** The first line a tool prints about its version (wrk prints it on a usage error, so the exit code is ignored). */
    private static String version(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor(5, TimeUnit.SECONDS);
            return text.isEmpty() ? command.get(0) + " (no version)" : text.lines().findFirst().orElse("").trim();
        } catch (IOException e) {
            return command.get(0) + " not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return command.get(0) + " (interrupted)";
        }
    }
}
