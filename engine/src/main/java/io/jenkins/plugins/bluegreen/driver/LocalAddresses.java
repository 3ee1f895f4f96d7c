package io.jenkins.plugins.bluegreen.driver;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which hosts are the machine that runs the engine: loopback ({@code 127.0.0.0/8}, {@code ::1}, {@code localhost}),
 * link-local ({@code 169.254.0.0/16}, where clouds answer metadata requests, and {@code fe80::/10}), the any-address
 * ({@code 0.0.0.0}, {@code ::}), and every address of its own network interfaces. A call from a shared CI controller
 * to such an address reaches the controller itself or its cloud identity, so only its administrators may configure it.
 */
public final class LocalAddresses {

    private LocalAddresses() {}

    /**
     * Whether {@code host} (a name or an address literal, IPv6 with or without brackets) resolves to an address of this
     * machine. Every address a name resolves to counts. A name that does not resolve is not local: nothing can be
     * reached through it (which hosts a Pipeline may name is decided by {@link HostAllowList}).
     */
    public static boolean isLocal(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return false;
        }
        Set<InetAddress> own = null;
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()) {
                return true;
            }
            own = own == null ? interfaceAddresses() : own;
            if (own.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The addresses of this machine's network interfaces (as they are now; they can change). */
    static Set<InetAddress> interfaceAddresses() {
        try {
            List<NetworkInterface> interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
            return interfaces.stream().flatMap(NetworkInterface::inetAddresses).collect(Collectors.toSet());
        } catch (SocketException e) {
            return Set.of();
        }
    }
}
