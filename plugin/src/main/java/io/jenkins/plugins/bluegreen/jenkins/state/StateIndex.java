package io.jenkins.plugins.bluegreen.jenkins.state;

import hudson.XmlFile;
import hudson.model.Run;
import io.jenkins.plugins.bluegreen.jenkins.support.JenkinsFacade;
import io.jenkins.plugins.bluegreen.store.StateStoreException;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * Which build holds the newest state of each service, and at which revision: a few lines under JENKINS_HOME, so
 * loading a state reads one build and never scans history.
 */
public final class StateIndex {

    /** The name it had while the classes were in one package (0.1.0): the index of existing controllers loads as is. */
    private static final String FILE_NAME = "io.jenkins.plugins.bluegreen.jenkins.StateIndex.xml";
    private static StateIndex current;

    private final Map<String, Pointer> pointers = new HashMap<>();
    private transient XmlFile file;

    /** Where one service's newest state was saved. */
    public static final class Pointer {
        public final String job;
        final int build;
        final long revision;

        Pointer(Run<?, ?> run, long revision) {
            this.job = run.getParent().getFullName();
            this.build = run.getNumber();
            this.revision = revision;
        }

        boolean isOf(Run<?, ?> run) {
            return build == run.getNumber() && job.equals(run.getParent().getFullName());
        }

        @Override
        public String toString() {
            return job + " #" + build;
        }
    }

    /** The index of the running controller, reloaded when JENKINS_HOME changes (tests start several). */
    public static synchronized StateIndex get() {
        File location = new File(JenkinsFacade.get().rootDir(), FILE_NAME);
        if (current == null || !current.file.getFile().equals(location)) {
            // Jenkins.XSTREAM2 knows the old class names written into this file (LegacyClassNames)
            XmlFile xml = new XmlFile(Jenkins.XSTREAM2, location);
            StateIndex index = new StateIndex();
            try {
                if (xml.exists()) {
                    xml.unmarshal(index);
                }
            } catch (IOException e) {
                throw new StateStoreException("cannot read " + location + " (" + e.getMessage() + "); fix or remove the file");
            }
            index.file = xml;
            current = index;
        }
        return current;
    }

    public synchronized Pointer pointer(String service) {
        return pointers.get(service);
    }

    /** Whether {@code run} holds the newest state of any service. */
    synchronized boolean pointsTo(Run<?, ?> run) {
        return pointers.values().stream().anyMatch(pointer -> pointer.isOf(run));
    }

    synchronized void put(String service, Pointer pointer) {
        pointers.put(service, pointer);
        try {
            file.write(this);
        } catch (IOException e) {
            throw new StateStoreException("cannot write " + file + " (" + e.getMessage() + ")");
        }
    }
}
