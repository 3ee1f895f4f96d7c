package io.jenkins.plugins.bluegreen.drivers.haproxy;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.OutcomeUnknownException;
import io.jenkins.plugins.bluegreen.driver.SessionDrain;
import io.jenkins.plugins.bluegreen.driver.SessionPolicy;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Switches through HAProxy's Runtime API. HAProxy applies a runtime change without touching client connections,
 * so in-flight and keep-alive requests are never cut. Runtime changes are lost on reload unless persisted, which is
 * why the driver can also rewrite the map file or the server-state file after each switch.
 *
 * <p>Session drain (server-state mode): the old server goes to {@code drain}, in which HAProxy still honours the
 * persistence cookie of sessions pinned to it and sends every other request elsewhere; {@link #endDrain} then puts it
 * in {@code maint}.
 */
public final class HaproxyDriver implements TrafficDriver, SessionDrain {

    /**
     * Admin-state bits that stop new traffic to a server: forced, inherited, resolution and hostname maintenance,
     * forced and inherited drain. Not 0x04, which only records that haproxy.cfg said {@code disabled}.
     */
    private static final int NOT_SERVING_ADMIN_STATES = 0x01 | 0x02 | 0x20 | 0x40 | 0x08 | 0x10;
    private static final int OP_STATE_STARTING = 1;
    private static final int OP_STATE_RUNNING = 2;

    /**
     * How long a read of the routing state answers later reads. A switch asks for health, then the live colour, then
     * checks names: one exchange serves all three. Any write drops the read first.
     */
    static final long SNAPSHOT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final HaproxyDriverConfig config;
    private final RuntimeApi api;
    private volatile Snapshot snapshot;

    /** HAProxy's answer to {@link #stateCommand()}, and when it was read. */
    private record Snapshot(String answer, long readAtNanos) {}

    public HaproxyDriver(HaproxyDriverConfig config) {
        this.config = config;
        this.api = new RuntimeApi(config.socket(), config.timeoutDuration());
    }

    @Override
    public String type() {
        return "haproxy";
    }

    /** Every Runtime API exchange shares one deadline for connect, write and answer; the files it writes are local. */
    @Override
    public boolean boundsItsOwnCalls() {
        return true;
    }

    @Override
    public void switchTo(Color color) {
        apply(color, switchCommands(color));
    }

    @Override
    public Optional<String> sessionDrainRefusal(SessionPolicy policy) {
        if (!HaproxyDriverConfig.SERVER_STATE.equals(config.mode())) {
            return Optional.of("HAProxy keeps cookie-pinned sessions on a server in drain state, which needs haproxy.mode"
                    + " 'server-state' (not '" + config.mode() + "')");
        }
        if (config.drain()) {
            return Optional.of("haproxy.drain leaves the old server draining for good, while sessions drain ends the drain;"
                    + " remove haproxy.drain");
        }
        return Optional.empty();
    }

    @Override
    public void switchKeepingSessions(Color to, SessionPolicy policy) {
        apply(to, "set server " + serverPath(to) + " state ready; set server " + serverPath(to.other()) + " state drain");
    }

    @Override
    public OldColorTraffic oldColorTraffic(Color draining) {
        // 'show stat <backend> 4 -1': the backend's servers as CSV; stot counts every request (stream) a server got.
        String command = "show stat " + config.backend() + " 4 -1";
        String answer = api.send(command);
        List<String> lines = answer.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            throw new DriverException("haproxy router at " + config.socket() + ": '" + command + "' answered " + oneLine(answer));
        }
        List<String> columns = Arrays.asList(lines.get(0).substring(2).split(","));
        int name = columns.indexOf("svname");
        int total = columns.indexOf("stot");
        int current = columns.indexOf("scur");
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            if (values.length > Math.max(name, Math.max(total, current)) && values[name].equals(config.server(draining))) {
                return new OldColorTraffic(Long.parseLong(values[total]), Long.parseLong(values[current]));
            }
        }
        throw new DriverException("haproxy router at " + config.socket() + ": server '" + config.server(draining)
                + "' is not in backend '" + config.backend() + "'. Check haproxy.blueServer/greenServer against haproxy.cfg");
    }

    @Override
    public void endDrain(Color draining) {
        apply(draining.other(), "set server " + serverPath(draining) + " state maint");
    }

    /** Sends {@code commands}, which leave {@code color} serving, after checking the names; then persists. */
    private void apply(Color color, String commands) {
        // HAProxy runs every command of a line even after one fails: a misnamed new server would leave the old one
        // in maintenance and nothing serving. So the names are checked first, and nothing is sent if one is wrong.
        if (HaproxyDriverConfig.MAP.equals(config.mode())) {
            requireBackendExists(config.backendOf(color));
        } else {
            serverColor();
        }
        snapshot = null;
        // The state is read in the same exchange, after the change: it is the read-back and what persist() writes.
        List<String> answers = sendAll(commands + "; " + stateCommand());
        String refused = String.join(" ", answers.subList(0, answers.size() - 1)).strip();
        if (!refused.isEmpty()) {
            throw new DriverException("haproxy router at " + config.socket() + " refused '" + commands + "': " + oneLine(refused)
                    + ". Check the " + (HaproxyDriverConfig.MAP.equals(config.mode()) ? "map, key and backend names"
                    : "backend and server names") + " against haproxy.cfg");
        }
        remember(answers.get(answers.size() - 1));
        persist(color);
    }

    /**
     * What shows the routing: the map, or the servers' state (of every backend when the server-state file is kept,
     * since HAProxy loads that file for all backends).
     */
    private String stateCommand() {
        if (HaproxyDriverConfig.MAP.equals(config.mode())) {
            return "show map " + config.map();
        }
        return config.serverStateFile() != null ? "show servers state" : "show servers state " + config.backend();
    }

    /** The routing state: a read younger than {@link #SNAPSHOT_NANOS}, else a fresh one. */
    private String state() {
        Snapshot last = snapshot;
        if (last != null && System.nanoTime() - last.readAtNanos() < SNAPSHOT_NANOS) {
            return last.answer();
        }
        return remember(api.send(stateCommand()));
    }

    private String remember(String stateAnswer) {
        snapshot = new Snapshot(stateAnswer, System.nanoTime());
        return stateAnswer;
    }

    /** Sends {@code a; b; ...} in one exchange; HAProxy ends each command's answer with an empty line. */
    private List<String> sendAll(String commands) {
        List<String> answers = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : api.send(commands).split("\n", -1)) {
            if (line.isEmpty()) {
                answers.add(current.toString());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        int expected = commands.split(";").length;
        if (answers.size() < expected) {
            throw new OutcomeUnknownException("haproxy router at " + config.socket() + " answered " + answers.size() + " of "
                    + expected + " commands in '" + commands + "'; the outcome is unknown. Run 'status' to see what HAProxy serves");
        }
        return answers.subList(0, expected);
    }

    /** Both changes go in one write: the new colour is ready before the old one stops taking traffic. */
    String switchCommands(Color color) {
        return switch (config.mode()) {
            case HaproxyDriverConfig.SERVER_STATE -> "set server " + serverPath(color) + " state ready; set server "
                    + serverPath(color.other()) + " state " + (config.drain() ? "drain" : "maint");
            case HaproxyDriverConfig.WEIGHTS -> "set weight " + serverPath(color) + " 100; set weight " + serverPath(color.other()) + " 0";
            default -> "set map " + config.map() + " " + config.mapKey() + " " + config.backendOf(color);
        };
    }

    private String serverPath(Color color) {
        return config.backend() + "/" + config.server(color);
    }

    /** A map value naming a missing backend makes HAProxy answer 503, so refuse before setting it. */
    private void requireBackendExists(String backend) {
        List<String> backends = api.send("show backend").lines().map(String::strip).toList();
        if (!backends.contains(backend)) {
            throw new DriverException("haproxy router at " + config.socket() + ": backend '" + backend + "' does not exist,"
                    + " so setting it in map " + config.map() + " would answer 503; nothing was changed. Check haproxy.blueBackend/greenBackend");
        }
    }

    @Override
    public Optional<Color> observeLive() {
        return HaproxyDriverConfig.MAP.equals(config.mode()) ? mapColor() : serverColor();
    }

    private Optional<Color> mapColor() {
        String value = mapValue(state());
        if (value == null) {
            return Optional.empty();
        }
        return value.equals(config.blueBackend()) ? Optional.of(Color.BLUE)
                : value.equals(config.greenBackend()) ? Optional.of(Color.GREEN) : Optional.empty();
    }

    /** {@code show map} lines are {@code <entry id> <key> <value>}. */
    private String mapValue(String answer) {
        for (String line : answer.lines().toList()) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length >= 3 && parts[1].equals(config.mapKey())) {
                return parts[2];
            }
        }
        if (!answer.isBlank() && !answer.startsWith("0x")) {
            throw new DriverException("haproxy router at " + config.socket() + ": 'show map " + config.map() + "' answered "
                    + oneLine(answer) + ". Check haproxy.map against the map HAProxy loaded ('show map' lists them)");
        }
        return null;
    }

    private Optional<Color> serverColor() {
        String command = stateCommand();
        String answer = state();
        List<String> lines = answer.lines().filter(l -> !l.isBlank()).toList();
        String header = lines.stream().filter(l -> l.startsWith("# ")).findFirst().orElseThrow(() -> new DriverException(
                "haproxy router at " + config.socket() + ": '" + command + "' answered " + oneLine(answer)
                        + ". Check that backend '" + config.backend() + "' exists"));
        List<String> columns = Arrays.asList(header.substring(2).strip().split("\\s+"));
        boolean blue = serving(lines, columns, config.blueServer());
        boolean green = serving(lines, columns, config.greenServer());
        return blue == green ? Optional.empty() : Optional.of(blue ? Color.BLUE : Color.GREEN);
    }

    private boolean serving(List<String> lines, List<String> columns, String server) {
        int backend = columns.indexOf("be_name");
        int name = columns.indexOf("srv_name");
        int opState = columns.indexOf("srv_op_state");
        int adminState = columns.indexOf("srv_admin_state");
        int weight = columns.indexOf("srv_uweight");
        for (String line : lines) {
            String[] values = line.strip().split("\\s+");
            if (line.startsWith("#") || values.length <= Math.max(Math.max(backend, name), Math.max(opState, Math.max(adminState, weight)))
                    || !values[backend].equals(config.backend()) || !values[name].equals(server)) {
                continue;
            }
            int op = Integer.parseInt(values[opState]);
            return (op == OP_STATE_RUNNING || op == OP_STATE_STARTING)
                    && (Integer.parseInt(values[adminState]) & NOT_SERVING_ADMIN_STATES) == 0
                    && Integer.parseInt(values[weight]) > 0;
        }
        throw new DriverException("haproxy router at " + config.socket() + ": server '" + server + "' is not in backend '"
                + config.backend() + "'. Check haproxy.blueServer/greenServer against haproxy.cfg");
    }

    @Override
    public Health health() {
        try {
            List<String> answers = sendAll("show info; " + stateCommand());
            remember(answers.get(1));
            String info = answers.get(0);
            String version = field(info, "Version");
            return version == null ? Health.down("haproxy at " + config.socket() + " answered 'show info' with " + oneLine(info))
                    : Health.ok("HAProxy " + version + ", up " + field(info, "Uptime"));
        } catch (DriverException e) {
            return Health.down(e.getMessage());
        }
    }

    private static String field(String info, String name) {
        return info.lines().filter(l -> l.startsWith(name + ":")).map(l -> l.substring(name.length() + 1).strip())
                .findFirst().orElse(null);
    }

    /** Writes what a reload needs to keep the colour: the map file, or the server-state file. */
    private void persist(Color color) {
        try {
            if (config.mapFile() != null) {
                writeAtomically(Path.of(config.mapFile()), withMapEntry(Path.of(config.mapFile()), color));
            } else if (config.serverStateFile() != null) {
                writeAtomically(Path.of(config.serverStateFile()), state());
            }
        } catch (IOException e) {
            throw new DriverException("haproxy router at " + config.socket() + ": the switch is applied but could not be"
                    + " persisted for the next reload: " + e.getMessage() + ". Check that "
                    + (config.mapFile() != null ? "haproxy.mapFile" : "haproxy.serverStateFile") + " is writable", e);
        }
    }

    private String withMapEntry(Path file, Color color) throws IOException {
        List<String> lines = new ArrayList<>(Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of());
        String entry = config.mapKey() + " " + config.backendOf(color);
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).strip().split("\\s+");
            if (parts.length >= 1 && parts[0].equals(config.mapKey())) {
                lines.set(i, entry);
                replaced = true;
            }
        }
        if (!replaced) {
            lines.add(entry);
        }
        return String.join("\n", lines) + "\n";
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*\\n\\s*", " | ");
        return line.isEmpty() ? "nothing" : "'" + (line.length() > 300 ? line.substring(0, 300) + "..." : line) + "'";
    }
}
