package io.jenkins.plugins.bluegreen.drivers.command;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import java.util.Optional;

/** Switches and reads back by running the configured shell commands. */
final class CommandDriver implements TrafficDriver {

    private final CommandDriverConfig config;
    private final ShellCommands commands;

    CommandDriver(CommandDriverConfig config, ShellCommands commands) {
        this.config = config;
        this.commands = commands;
    }

    @Override
    public String type() {
        return CommandDriverConfig.TYPE;
    }

    @Override
    public void switchTo(Color color) {
        commands.run(config.switchCommand(), color.label(), "switch to " + color.label());
    }

    /** The last non-empty line of the observe command's stdout names the colour; anything else is unknown. */
    @Override
    public Optional<Color> observeLive() {
        String[] lines = commands.run(config.observeCommand(), null, "read the live colour").strip().split("\n");
        return Color.find(lines[lines.length - 1]);
    }

    @Override
    public Health health() {
        String command = config.healthCommand() != null ? config.healthCommand() : config.observeCommand();
        try {
            commands.run(command, null, "health check");
            return Health.ok("'" + command + "' exited 0");
        } catch (DriverException e) {
            return Health.down(e.getMessage());
        }
    }
}
