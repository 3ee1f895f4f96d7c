package io.jenkins.plugins.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad arguments and bad specs exit 2 with a message naming the field, and leave the state file byte for byte as it was. */
class CliBadInputTest {

    private static final String GOOD = "service: shop\nurls: {blue: http://127.0.0.1:9, green: http://127.0.0.1:10}\ndriver: {type: noop}\n";

    @TempDir
    Path dir;

    private Path state;
    private Path spec;
    private byte[] before;

    @BeforeEach
    void recordAState() throws Exception {
        state = dir.resolve("state");
        spec = dir.resolve("bluegreen.yaml");
        Files.writeString(spec, GOOD);
        assertThat(new CliRun(spec, state).run("deploy", "--version", "1.0", "--", "true").exit()).isZero();
        before = Files.readAllBytes(state.resolve("shop.json"));
    }

    private CliRun.Result runWithSpec(String specText, String... args) throws Exception {
        Files.writeString(spec, specText);
        return new CliRun(spec, state).run(args);
    }

    private void assertBadInputNaming(CliRun.Result result, String field) throws Exception {
        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains(field);
        assertThat(Files.readAllBytes(state.resolve("shop.json"))).isEqualTo(before);
    }

    @Test
    void aMissingSpecFile() throws Exception {
        CliRun.Result result = new CliRun(dir.resolve("missing.yaml"), state).run("deploy", "--version", "2.0", "--", "true");
        assertBadInputNaming(result, "--spec");
        assertThat(result.err()).contains("missing.yaml does not exist");
    }

    @Test
    void anUnknownFieldWithASuggestion() throws Exception {
        CliRun.Result result = runWithSpec(GOOD + "keepOlt: 1h\n", "deploy", "--version", "2.0", "--", "true");
        assertBadInputNaming(result, "keepOlt");
        assertThat(result.err()).contains("did you mean 'keepOld'?");
    }

    @Test
    void aBadDuration() throws Exception {
        assertBadInputNaming(runWithSpec(GOOD + "keepOld: forever\n", "switch", "--yes"), "keepOld: 'forever' is not a duration");
        Files.writeString(spec, GOOD);
        assertBadInputNaming(new CliRun(spec, state).run("switch", "--approve-timeout", "5 minutes"), "--approve-timeout");
        assertBadInputNaming(new CliRun(spec, state).run("switch", "--yes", "--approve-timeout", "5m"), "--approve-timeout");
    }

    @Test
    void anUnknownDriverType() throws Exception {
        CliRun.Result result = runWithSpec(GOOD.replace("type: noop", "type: nop"), "status");
        assertBadInputNaming(result, "driver.type: unknown type 'nop'; did you mean 'noop'?");
    }

    @Test
    void aBadCheck() throws Exception {
        CliRun.Result result = runWithSpec(GOOD + "checks: [{type: http, path: /}, {type: http, path: /x, expectedStatus: 999}]\n", "verify");
        assertBadInputNaming(result, "checks[1].expectedStatus");
    }

    @Test
    void colourAndPublicUrlsThatAreNotUrlsAreRefusedBeforeAnythingRuns() throws Exception {
        Path ran = dir.resolve("deploy-command-ran");
        CliRun.Result deploy = runWithSpec(GOOD.replace("green: http://127.0.0.1:10", "green: \"not a url\""),
                "deploy", "--version", "2.0", "--", "touch", ran.toString());
        assertBadInputNaming(deploy, "urls.green: 'not a url' is not an absolute http(s) URL");
        assertThat(ran).doesNotExist();

        CliRun.Result noScheme = runWithSpec(GOOD + "publicUrl: 127.0.0.1:30746/\n", "switch", "--yes", "--force");
        assertBadInputNaming(noScheme, "publicUrl: '127.0.0.1:30746/' is not an absolute http(s) URL");
        assertThat(noScheme.err()).contains("e.g. 'http://127.0.0.1:30746/'").doesNotContain("\tat ");
    }

    @Test
    void everyUrlOrAddressOfEveryDriverIsCheckedWhenTheSpecIsRead() throws Exception {
        Map<String, String> driverBlocks = new LinkedHashMap<>();
        driverBlocks.put("driver.switchRequest.url", "{type: http, switchRequest: {url: 'lb.example.com/pools/${color}'},"
                + " observeRequest: {url: 'https://lb.example.com/live'}, colorRegex: 'live=(\\w+)'}");
        driverBlocks.put("driver.observeRequest.url", "{type: http, switchRequest: {url: 'https://lb.example.com/pools/${color}'},"
                + " observeRequest: {url: 'https://lb example.com/live'}, colorRegex: 'live=(\\w+)'}");
        driverBlocks.put("driver.apiServer", "{type: kubernetes, apiServer: '10.0.0.1:6443', namespace: shop, service: shop}");
        driverBlocks.put("driver.adminUrl", "{type: caddy, adminUrl: 'localhost:2019', proxyId: shop, blueDial: '127.0.0.1:9001',"
                + " greenDial: '127.0.0.1:9002'}");
        driverBlocks.put("driver.greenDial", "{type: caddy, proxyId: shop, blueDial: '127.0.0.1:9001', greenDial: '127.0.0.1:90020'}");
        driverBlocks.put("driver.socket", "{type: haproxy, socket: '127.0.0.1:99999', backend: app}");
        driverBlocks.put("driver.probeUrl", "{type: nginx, includeFile: /tmp/shop.conf, upstream: shop, blueAddress: '127.0.0.1:9001',"
                + " greenAddress: '127.0.0.1:9002', probeUrl: '127.0.0.1:8080/'}");
        driverBlocks.put("driver.blueAddress", "{type: nginx, includeFile: /tmp/shop.conf, upstream: shop, blueAddress: '127.0.0.1:0',"
                + " greenAddress: '127.0.0.1:9002'}");
        driverBlocks.put("driver.admin", "{type: embedded, admin: '127.0.0.1:8081'}");
        for (Map.Entry<String, String> block : driverBlocks.entrySet()) {
            CliRun.Result result = runWithSpec(GOOD.replace("driver: {type: noop}", "driver: " + block.getValue()), "status");
            assertBadInputNaming(result, block.getKey() + ": '");
        }
    }

    @Test
    void numericOptionsOutsideTheirRangeNameTheOptionAndTheRange() throws Exception {
        CliRun cli = new CliRun(spec, state);
        assertBadInputNaming(cli.run("history", "--limit", "-3"), "--limit: -3 is out of range; use 1 or more");
        assertBadInputNaming(cli.run("history", "--limit", "0"), "--limit: 0 is out of range; use 1 or more");
        assertBadInputNaming(cli.run("switch", "--approve-timeout", "0s"), "--approve-timeout: 0s is out of range; use 1s or more");
        assertBadInputNaming(cli.run("bench", "--connections", "0"), "--connections: 0 is out of range; use 1 to ");
        assertBadInputNaming(cli.run("bench", "--runs", "21"), "--runs: 21 is out of range; use 1 to 20");
        assertBadInputNaming(cli.run("bench", "--duration", "2s"), "--duration: use whole seconds from 4s to 5m");
        String[] router = {"router", "--blue", "http://127.0.0.1:9", "--green", "http://127.0.0.1:10"};
        assertBadInputNaming(cli.run(with(router, "--port", "70000")), "--port: 70000 is out of range; use 0 (any free port) to 65535");
        assertBadInputNaming(cli.run(with(router, "--admin-port", "65536")), "--admin-port: 65536 is out of range; use 0 (any free port) to 65535");
    }

    private static String[] with(String[] args, String... more) {
        return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void verifyWithoutChecks() throws Exception {
        assertBadInputNaming(new CliRun(spec, state).run("verify"), "checks");
    }

    @Test
    void mistypedCommandsAndOptionsGetSuggestions() throws Exception {
        CliRun.Result command = new CliRun(spec, state).run("stauts");
        assertBadInputNaming(command, "Did you mean: bluegreen status");
        CliRun.Result option = new CliRun(spec, state).run("verify", "--taget", "both");
        assertBadInputNaming(option, "--target");
        assertBadInputNaming(new CliRun(spec, state).run("verify", "--target", "everything"), "--target");
        assertBadInputNaming(new CliRun(spec, state).run("deploy"), "--version");
    }

    @Test
    void aMissingDriverSettingIsNamedByItsPathInTheSpecAsTheDriverDocsShow() throws Exception {
        CliRun.Result result = runWithSpec(GOOD.replace("driver: {type: noop}", "driver: {type: haproxy, backend: app}"), "status");
        assertBadInputNaming(result, "driver.socket: missing; give the stats socket");
        assertThat(Files.readString(Path.of("..", "docs", "drivers", "haproxy.md"))).contains("`driver.socket: missing; give the stats socket");
    }

    @Test
    void everyCommandsSummaryInTheHelpIsAWholeSentence() {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        BlueGreenCommand.commandLine(new Terminal(nowhere, nowhere, false, () -> null, Map.of()), null).getSubcommands()
                .forEach((name, command) -> assertThat(command.getCommandSpec().usageMessage().description()[0]).as(name).endsWith("."));
    }

    @Test
    void helpForEveryCommand() {
        CliRun cli = new CliRun(spec, state);
        assertThat(cli.run("--help").out()).contains("Exit codes:").contains("switch").contains("demo");
        for (String command : new String[] {"status", "deploy", "verify", "switch", "rollback", "drill", "retire", "history",
            "reconcile", "plan", "demo", "router", "bench"}) {
            CliRun.Result help = cli.run(command, "--help");
            assertThat(help.exit()).as(command + ": " + help.err()).isZero();
            assertThat(help.out()).as(command).contains("Usage: bluegreen " + command);
        }
    }
}
