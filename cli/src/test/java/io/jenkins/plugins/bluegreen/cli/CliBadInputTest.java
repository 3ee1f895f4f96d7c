package io.jenkins.plugins.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
