package io.jenkins.plugins.bluegreen.jenkins.targets;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.drivers.haproxy.HaproxyDriverConfig;
import java.util.Locale;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code haproxy(socket: '127.0.0.1:9999', backend: 'shop')}: HAProxy's Runtime API (server state, weights or a map). */
public class HaproxyTarget extends RouterTarget {

    private static final long serialVersionUID = 1L;

    private final String socket;
    private String mode;
    private String backend;
    private String blueServer;
    private String greenServer;
    private boolean drain;
    private String map;
    private String mapKey;
    private String blueBackend;
    private String greenBackend;
    private String mapFile;
    private String serverStateFile;

    @DataBoundConstructor
    public HaproxyTarget(String socket) {
        this.socket = Util.fixEmptyAndTrim(socket);
    }

    @Override
    public DriverConfig toConfig() {
        return new HaproxyDriverConfig(socket, mode, backend, blueServer, greenServer, drain, map, mapKey, blueBackend,
                greenBackend, mapFile, serverStateFile, getTimeout());
    }

    public String getSocket() {
        return socket;
    }

    public String getMode() {
        return mode;
    }

    /** The mode the form's drop-down shows as chosen: the engine's default when none is set. */
    public String modeOrDefault() {
        return mode == null ? HaproxyDriverConfig.SERVER_STATE : mode.toLowerCase(Locale.ROOT);
    }

    @DataBoundSetter
    public void setMode(String mode) {
        this.mode = Util.fixEmptyAndTrim(mode);
    }

    public String getBackend() {
        return backend;
    }

    @DataBoundSetter
    public void setBackend(String backend) {
        this.backend = Util.fixEmptyAndTrim(backend);
    }

    public String getBlueServer() {
        return blueServer;
    }

    @DataBoundSetter
    public void setBlueServer(String blueServer) {
        this.blueServer = Util.fixEmptyAndTrim(blueServer);
    }

    public String getGreenServer() {
        return greenServer;
    }

    @DataBoundSetter
    public void setGreenServer(String greenServer) {
        this.greenServer = Util.fixEmptyAndTrim(greenServer);
    }

    public boolean isDrain() {
        return drain;
    }

    @DataBoundSetter
    public void setDrain(boolean drain) {
        this.drain = drain;
    }

    public String getMap() {
        return map;
    }

    @DataBoundSetter
    public void setMap(String map) {
        this.map = Util.fixEmptyAndTrim(map);
    }

    public String getMapKey() {
        return mapKey;
    }

    @DataBoundSetter
    public void setMapKey(String mapKey) {
        this.mapKey = Util.fixEmptyAndTrim(mapKey);
    }

    public String getBlueBackend() {
        return blueBackend;
    }

    @DataBoundSetter
    public void setBlueBackend(String blueBackend) {
        this.blueBackend = Util.fixEmptyAndTrim(blueBackend);
    }

    public String getGreenBackend() {
        return greenBackend;
    }

    @DataBoundSetter
    public void setGreenBackend(String greenBackend) {
        this.greenBackend = Util.fixEmptyAndTrim(greenBackend);
    }

    public String getMapFile() {
        return mapFile;
    }

    @DataBoundSetter
    public void setMapFile(String mapFile) {
        this.mapFile = Util.fixEmptyAndTrim(mapFile);
    }

    public String getServerStateFile() {
        return serverStateFile;
    }

    @DataBoundSetter
    public void setServerStateFile(String serverStateFile) {
        this.serverStateFile = Util.fixEmptyAndTrim(serverStateFile);
    }

    /** HAProxy is the default router of a new service, so it is listed first. */
    @Extension(ordinal = 100)
    @Symbol("haproxy")
    public static class DescriptorImpl extends TargetDriverDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.HaproxyTarget_DisplayName();
        }

        @Override
        protected Map<String, Object> example() {
            return Map.of("socket", "127.0.0.1:9999", "backend", "be_app", "map", "/etc/haproxy/app.map", "mapKey", "shop.example.com",
                    "blueBackend", "be_blue", "greenBackend", "be_green");
        }

        @POST
        public FormValidation doCheckSocket(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "socket", value);
        }

        @POST
        public FormValidation doCheckMode(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "mode", value);
        }

        @POST
        public FormValidation doCheckBackend(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String mode) {
            return check(item, "backend", value, "mode", mode);
        }

        @POST
        public FormValidation doCheckBlueServer(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String greenServer, @QueryParameter String mode) {
            return check(item, "blueServer", value, "greenServer", greenServer, "mode", mode);
        }

        @POST
        public FormValidation doCheckGreenServer(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String blueServer, @QueryParameter String mode) {
            return check(item, "greenServer", value, "blueServer", blueServer, "mode", mode);
        }

        @POST
        public FormValidation doCheckServerStateFile(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String mode) {
            return check(item, "serverStateFile", value, "mode", mode);
        }

        @POST
        public FormValidation doCheckMap(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "map", value, "mode", HaproxyDriverConfig.MAP);
        }

        @POST
        public FormValidation doCheckMapKey(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "mapKey", value, "mode", HaproxyDriverConfig.MAP);
        }

        @POST
        public FormValidation doCheckBlueBackend(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String greenBackend) {
            return check(item, "blueBackend", value, "greenBackend", greenBackend, "mode", HaproxyDriverConfig.MAP);
        }

        @POST
        public FormValidation doCheckGreenBackend(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String blueBackend) {
            return check(item, "greenBackend", value, "blueBackend", blueBackend, "mode", HaproxyDriverConfig.MAP);
        }

        @POST
        public FormValidation doCheckMapFile(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "mapFile", value, "mode", HaproxyDriverConfig.MAP);
        }
    }
}
