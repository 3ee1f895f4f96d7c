package io.jenkins.plugins.bluegreen.driver;

import io.jenkins.plugins.bluegreen.model.BadInputException;

/**
 * What a router given by a Pipeline author, rather than configured by an administrator, may do: nothing on this
 * machine (no programs, files or {@link LocalAddresses local addresses}), reach only the allowed hosts, and send
 * requests of its own making (method, headers, body) only where allowed.
 *
 * @param hosts the hosts such a router may reach
 * @param customRequests whether it may set the method, headers or body of its requests
 * @param where where an administrator changes these settings, for the refusals, e.g. a menu path
 */
public record InlineRouterPolicy(HostAllowList hosts, boolean customRequests, String where) {

    /**
     * Refuses {@code config} unless the policy allows it.
     *
     * @param field the field that gave the router, e.g. {@code target}
     * @param service the service it would route, for the advice to configure it there instead
     * @throws BadInputException naming the field and the setting that decides
     */
    public void check(String field, DriverConfig config, String service) {
        String instead = "; or have an administrator configure this router for " + service + " (" + where + ")";
        if (config.touchesLocalHost()) {
            throw new BadInputException(field, "this " + config.type() + " router runs programs, uses files or calls"
                    + " addresses of the machine that runs the release (loopback, link-local such as 169.254.169.254,"
                    + " or its own); only an administrator may configure it, for " + service + " (" + where + ")");
        }
        for (String host : config.controlHosts()) {
            if (!hosts.allows(host)) {
                throw new BadInputException(field, "'" + host + "' is not among the hosts that routers given in a"
                        + " Pipeline may reach; an administrator can add it to 'Hosts inline routers may reach' (" + where
                        + ")" + instead);
            }
        }
        if (config.customisesRequests() && !customRequests) {
            throw new BadInputException(field, "a " + config.type() + " router given in a Pipeline may not set its"
                    + " own request method, headers or body; an administrator can allow it with 'Inline routers may"
                    + " shape their requests' (" + where + ")" + instead);
        }
    }
}
