package io.jenkins.plugins.bluegreen.drivers.nginx;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The one file an nginx driver owns. Written to {@code .<name>.tmp} beside it and renamed over it, so nginx (and a
 * crash) only ever sees the old or the new content; the temporary name does not end in {@code .conf}, so an
 * {@code include *.conf} never picks it up.
 */
final class IncludeFile {

    private final Path file;

    IncludeFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** The content, or null when there is no file. */
    String read() {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new DriverException("nginx router: cannot read " + file + ": " + e.getMessage() + ". Check nginx.includeFile", e);
        }
    }

    void write(String content) {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new DriverException("nginx router: cannot write " + file + ": " + e.getMessage()
                    + ". Check that its directory exists and is writable", e);
        }
    }

    /** Puts back what {@link #read()} returned before a change: that content, or no file. */
    void restore(String previous) {
        if (previous != null) {
            write(previous);
        } else {
            deleteQuietly(file);
        }
    }

    static void deleteQuietly(Path path) {
        try {
            if (path != null) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
