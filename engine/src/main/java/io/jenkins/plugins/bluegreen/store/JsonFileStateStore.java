package io.jenkins.plugins.bluegreen.store;

import io.jenkins.plugins.bluegreen.model.ServiceName;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One human-readable JSON file per service in a directory. A save writes a temporary file, forces it to disk and
 * renames it over the old one, so a crash never leaves a half-written state; the previous good version is kept as
 * {@code <service>.json.bak}. Leases are OS file locks, so they hold across processes and die with a crashed one.
 */
public class JsonFileStateStore implements StateStore {

    private static final ConcurrentHashMap<Path, Object> WRITE_MONITORS = new ConcurrentHashMap<>();
    private static final LeaseRegistry IN_PROCESS_LEASES = new LeaseRegistry();
    private static final Duration LEASE_POLL = Duration.ofMillis(25);
    private static final Duration HOLDER_NAME_WAIT = Duration.ofMillis(200);

    private final Path directory;
    private final Runnable beforeRename;

    public JsonFileStateStore(Path directory) {
        this(directory, () -> {});
    }

    /** @param beforeRename a test hook run after the temporary file is written and before it replaces the state */
    JsonFileStateStore(Path directory, Runnable beforeRename) {
        this.directory = directory.toAbsolutePath().normalize();
        this.beforeRename = beforeRename;
    }

    public Path directory() {
        return directory;
    }

    public Path stateFile(String service) {
        return directory.resolve(ServiceName.requireValid("service", service) + ".json");
    }

    public Path backupFile(String service) {
        return directory.resolve(service + ".json.bak");
    }

    @Override
    public ServiceState load(String service) {
        Path file = stateFile(service);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return ServiceState.initial(service);
        } catch (IOException e) {
            throw new StateStoreException("cannot read " + file + ": " + e.getMessage() + "; check its permissions", e);
        }
        try {
            return StateJson.read(text, file.toString());
        } catch (StateStoreException e) {
            Path backup = backupFile(service);
            throw new StateStoreException(e.getMessage() + ". Nothing was changed. "
                    + (Files.exists(backup)
                            ? "The previous good state is " + backup + "; inspect it and restore it with: cp " + backup + " " + file
                            : "There is no backup; fix the file by hand or move it away to start the service afresh"));
        }
    }

    @Override
    public ServiceState save(ServiceState state) {
        Path file = stateFile(state.service());
        synchronized (WRITE_MONITORS.computeIfAbsent(file, f -> new Object())) {
            createDirectory();
            try (FileChannel lockChannel = FileChannel.open(directory.resolve("." + state.service() + ".write-lock"),
                            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockChannel.lock()) {
                long actual = load(state.service()).revision();
                if (actual != state.revision()) {
                    throw new StaleStateException(state.service(), state.revision(), actual);
                }
                ServiceState saved = state.withRevision(actual + 1);
                replace(state.service(), StateJson.write(saved));
                return saved;
            } catch (IOException e) {
                throw new StateStoreException("cannot lock " + directory + " to save " + state.service() + ": " + e.getMessage(), e);
            }
        }
    }

    private void replace(String service, String json) {
        Path file = stateFile(service);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (Files.exists(file)) {
                Path backupTemp = file.resolveSibling(file.getFileName() + ".bak.tmp");
                Files.copy(file, backupTemp, StandardCopyOption.REPLACE_EXISTING);
                move(backupTemp, backupFile(service));
            }
            beforeRename.run();
            move(temp, file);
            forceDirectory();
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new StateStoreException("cannot save " + file + " (" + e.getMessage() + "); the previous state is intact."
                    + " Free disk space or fix permissions in " + directory + " and run the operation again", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void forceDirectory() {
        // Makes the rename itself durable; not every platform can open a directory, which is harmless.
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the next save truncates it anyway
        }
    }

    private void createDirectory() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StateStoreException("cannot create the state directory " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Lease acquire(String service, String holder, Duration wait) {
        ServiceName.requireValid("service", service);
        createDirectory();
        long deadline = System.nanoTime() + wait.toNanos();
        Path leaseFile = directory.resolve(service + ".lease");
        String key = leaseFile.toString();
        IN_PROCESS_LEASES.take(key, service, holder, wait);
        try {
            FileChannel channel = FileChannel.open(leaseFile,
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = lockBefore(channel, deadline, service);
            channel.truncate(0);
            // Not forced to disk: only contenders read the name, while the lock is held, and a crash that would lose
            // it releases the lock too. Forcing it would put an fsync before every switch's router call.
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
            return IN_PROCESS_LEASES.lease(key, service, holder, () -> {
                try (channel) {
                    // Cleared while still locked, so a refused contender never reads a former holder's name.
                    channel.truncate(0);
                    lock.release();
                } catch (IOException ignored) {
                    // closing the channel releases the lock anyway
                }
            });
        } catch (IOException | RuntimeException e) {
            IN_PROCESS_LEASES.release(key, holder);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StateStoreException("cannot take the lease file of " + service + " in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static FileLock lockBefore(FileChannel channel, long deadline, String service) throws IOException {
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() >= deadline) {
                String holder = readHolder(channel);
                channel.close();
                throw new LeaseHeldException(service, holder.isEmpty() ? "another process" : holder);
            }
            try {
                Thread.sleep(LEASE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                channel.close();
                throw new LeaseHeldException(service, "another process (interrupted while waiting)");
            }
        }
    }

    /** The holder writes its name just after locking; a contender arriving in between waits a moment for it. */
    private static String readHolder(FileChannel channel) throws IOException {
        long giveUp = System.nanoTime() + HOLDER_NAME_WAIT.toNanos();
        while (true) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
            channel.read(buffer, 0);
            buffer.flip();
            String holder = StandardCharsets.UTF_8.decode(buffer).toString().trim();
            if (!holder.isEmpty() || System.nanoTime() > giveUp) {
                return holder;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return holder;
            }
        }
    }
}
