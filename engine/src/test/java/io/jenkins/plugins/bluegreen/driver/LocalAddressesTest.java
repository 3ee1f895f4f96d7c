package io.jenkins.plugins.bluegreen.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Which hosts are the machine itself; address literals only, so no DNS is needed. */
class LocalAddressesTest {

    @Test
    void loopbackLinkLocalAndTheAnyAddressAreLocal() {
        assertThat(LocalAddresses.isLocal("127.0.0.1")).isTrue();
        assertThat(LocalAddresses.isLocal("127.3.4.5")).isTrue();
        assertThat(LocalAddresses.isLocal("localhost")).isTrue();
        assertThat(LocalAddresses.isLocal("::1")).isTrue();
        assertThat(LocalAddresses.isLocal("[::1]")).isTrue();
        assertThat(LocalAddresses.isLocal("::ffff:127.0.0.1")).as("IPv4-mapped loopback").isTrue();
        assertThat(LocalAddresses.isLocal("169.254.169.254")).as("cloud metadata").isTrue();
        assertThat(LocalAddresses.isLocal("fe80::1")).isTrue();
        assertThat(LocalAddresses.isLocal("0.0.0.0")).isTrue();
        assertThat(LocalAddresses.isLocal("::")).isTrue();
    }

    @Test
    void theAddressesOfThisMachinesInterfacesAreLocal() {
        for (InetAddress own : LocalAddresses.interfaceAddresses()) {
            assertThat(LocalAddresses.isLocal(own.getHostAddress().replaceFirst("%.*$", ""))).as(own.toString()).isTrue();
        }
    }

    @Test
    void otherAddressesAreNot() {
        // TEST-NET addresses are never assigned to a real interface
        assertThat(LocalAddresses.isLocal("192.0.2.10")).isFalse();
        assertThat(LocalAddresses.isLocal("198.51.100.7")).isFalse();
        assertThat(LocalAddresses.isLocal("2001:db8::7")).isFalse();
        assertThat(LocalAddresses.isLocal("no-such-host.invalid")).as("unresolvable: nothing to reach").isFalse();
        assertThat(LocalAddresses.isLocal(null)).isFalse();
    }
}
