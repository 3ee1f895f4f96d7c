package io.jenkins.plugins.bluegreen.drivers.command;

import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.DriverTimeouts;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.util.Map;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;

/**
 * Settings of the command driver, for routers driven by a script or CLI: shell commands switch and read back.
 * Each runs as {@code sh -c <command> bluegreen <color>}, so the colour is {@code $1}, and also in {@code BG_COLOR}.
 *
 * @param switchCommand routes traffic to the colour in {@code $1} / {@code BG_COLOR}; exit 0 means it was applied
 * @param observeCommand prints the live colour ({@code blue} or {@code green}) as the last line of its stdout
 * @param healthCommand optional: exits 0 when the router is up; default: the observe command
 * @param workingDirectory optional: where the commands run; default: the current directory
 * @param environment optional: extra environment variables (plain values, no secrets)
 * @param secretEnvironment optional: environment variables by secret reference, e.g. {@code {"LB_TOKEN": "env:LB_TOKEN"}}
 * @param timeout how long one command may run before it and its child processes are killed; default {@code 30s}
 */
public record CommandDriverConfig(
        String switchCommand,
        String observeCommand,
        String healthCommand,
        String workingDirectory,
        Map<String, String> environment,
        Map<String, String> secretEnvironment,
        String timeout) implements DriverConfig {

    static final String TYPE = "command";
    static final String COLOR_VARIABLE = "BG_COLOR";
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public CommandDriverConfig {
        required("command.switchCommand", switchCommand, "a shell command that routes to the colour in $1, e.g."
                + " 'lbctl activate shop \"$1\"'");
        required("command.observeCommand", observeCommand, "a shell command that prints the live colour, e.g."
                + " 'lbctl show shop --field active'");
        if (healthCommand != null) {
            required("command.healthCommand", healthCommand, "a shell command that exits 0 when the router is up,"
                    + " or leave it out");
        }
        if (workingDirectory != null) {
            required("command.workingDirectory", workingDirectory, "a directory, or leave it out");
        }
        environment = variables("command.environment", environment);
        secretEnvironment = variables("command.secretEnvironment", secretEnvironment);
        for (String name : secretEnvironment.keySet()) {
            if (environment.containsKey(name)) {
                throw new BadInputException("command.secretEnvironment." + name, "is also in command.environment;"
                        + " keep it in one of them");
            }
        }
        timeout = DriverTimeouts.checked("command.timeout", timeout, "30s");
    }

    @Override
    public boolean touchesLocalHost() {
        return true;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public TrafficDriver create(OkHttpClient http, SecretSource secrets) {
        return new CommandDriver(this, new ShellCommands(this, secrets, DriverTimeouts.parse("command.timeout", timeout)));
    }

    private static void required(String field, String value, String what) {
        if (value == null || value.isBlank()) {
            throw new BadInputException(field, "is missing; give " + what);
        }
    }

    private static Map<String, String> variables(String field, Map<String, String> variables) {
        if (variables == null) {
            return Map.of();
        }
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            if (!VARIABLE.matcher(variable.getKey()).matches()) {
                throw new BadInputException(field, "'" + variable.getKey() + "' is not an environment variable name;"
                        + " use letters, digits and _ , not starting with a digit");
            }
            if (variable.getKey().equals(COLOR_VARIABLE)) {
                throw new BadInputException(field + "." + COLOR_VARIABLE, "is set by the driver to the colour; remove it");
            }
            if (variable.getValue() == null) {
                throw new BadInputException(field + "." + variable.getKey(), "has no value; give one or remove it");
            }
        }
        return Map.copyOf(variables);
    }
}
