package io.jenkins.plugins.bluegreen.reliability;

import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A router whose only state is a file, so that several processes see the same router. {@code crashAfterSwitch}
 * halts the JVM right after the router changed: a crash between the switch and the state save.
 */
final class FileRouter implements TrafficDriver {

    private final Path file;
    private final long switchMillis;
    private final boolean crashAfterSwitch;

    FileRouter(Path file, long switchMillis, boolean crashAfterSwitch) {
        this.file = file;
        this.switchMillis = switchMillis;
        this.crashAfterSwitch = crashAfterSwitch;
    }

    @Override
    public String type() {
        return "file";
    }

    @Override
    public void switchTo(Color color) {
        try {
            Thread.sleep(switchMillis);
            Files.writeString(file, color.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (crashAfterSwitch) {
            Runtime.getRuntime().halt(137);
        }
    }

    @Override
    public Optional<Color> observeLive() {
        try {
            return Files.exists(file) ? Optional.of(Color.valueOf(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Health health() {
        return Health.ok("file " + file);
    }
}
