package io.jenkins.plugins.bluegreen.drivers.dns;

import static io.jenkins.plugins.bluegreen.drivers.DriverSpecBlocks.assertRefused;
import static io.jenkins.plugins.bluegreen.drivers.DriverSpecBlocks.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class DnsDriverConfigTest {

    private static DnsDriverConfig config(String record, List<String> blue, List<String> green) {
        return new DnsDriverConfig("example.com", record, blue, green, "192.0.2.53", null, "bluegreen-update", null,
                "env:TSIG_SECRET", null, null, null);
    }

    @Test
    void readsASpecDriverBlockWithDefaults() {
        DnsDriverConfig config = parse("""
                {"type": "dns", "zone": "example.com", "record": "shop", "blue": ["192.0.2.10", "2001:DB8::10"],
                 "green": ["192.0.2.20"], "primary": "192.0.2.53", "servers": ["192.0.2.54:5353"],
                 "tsigKey": "bluegreen-update", "tsigSecretRef": "file:/run/secrets/tsig"}""", DnsDriverConfig.class);

        assertThat(config.zone()).isEqualTo("example.com.");
        assertThat(config.record()).isEqualTo("shop.example.com.");
        assertThat(config.primary()).isEqualTo("192.0.2.53:53");
        assertThat(config.servers()).containsExactly("192.0.2.54:5353");
        assertThat(config.blue()).containsExactly("192.0.2.10", "2001:db8:0:0:0:0:0:10");
        assertThat(config.tsigAlgorithm()).isEqualTo("hmac-sha256");
        assertThat(config.switchTtlDuration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.timeoutDuration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.touchesLocalHost()).isFalse();
        assertThat(config.records(Color.BLUE, Duration.ofSeconds(5))).extracting(DnsDriverConfigTest::describe)
                .containsExactly("shop.example.com. 5 A 192.0.2.10", "shop.example.com. 5 AAAA 2001:db8:0:0:0:0:0:10");
    }

    @Test
    void aColourMayBeOneNameForACname() {
        DnsDriverConfig config = config("shop.example.com.", List.of("shop-blue.cdn.example.net"), List.of("192.0.2.20"));

        assertThat(config.blue()).containsExactly("shop-blue.cdn.example.net.");
        assertThat(config.records(Color.BLUE, Duration.ofSeconds(5))).extracting(DnsDriverConfigTest::describe)
                .containsExactly("shop.example.com. 5 CNAME shop-blue.cdn.example.net.");
    }

    private static String describe(Record record) {
        return record.getName() + " " + record.getTTL() + " " + Type.string(record.getType()) + " " + record.rdataToString();
    }

    @Test
    void aRecordOutsideTheZoneIsRefusedNamingTheField() {
        assertThatThrownBy(() -> config("shop.example.org.", List.of("192.0.2.10"), List.of("192.0.2.20")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("dns.record: 'shop.example.org.' is not in zone 'example.com.'; give a name in the zone, e.g. 'shop'"
                        + " or 'shop.example.com.', or set dns.zone to the zone that holds it");
    }

    @Test
    void badInputNamesTheField() {
        List<String> blue = List.of("192.0.2.10");
        List<String> green = List.of("192.0.2.20");
        assertRefused(() -> config("shop", blue, blue), "dns.green");
        assertRefused(() -> config("shop", List.of("192.0.2.10", "blue.example.net"), green), "dns.blue");
        assertRefused(() -> config("shop", List.of(), green), "dns.blue");
        assertRefused(() -> config("@", List.of("shop-blue.example.net"), green), "dns.record");
        assertRefused(() -> new DnsDriverConfig(null, "shop", blue, green, "192.0.2.53", null, "k", null, "env:S", null, null, null), "dns.zone");
        assertRefused(() -> new DnsDriverConfig("example.com", "shop", blue, green, "192.0.2.53:99999", null, "k", null, "env:S", null, null, null),
                "dns.primary");
        assertRefused(() -> new DnsDriverConfig("example.com", "shop", blue, green, "192.0.2.53", List.of("ns2 example"), "k", null,
                "env:S", null, null, null), "dns.servers");
        assertRefused(() -> new DnsDriverConfig("example.com", "shop", blue, green, "192.0.2.53", null, null, null, "env:S", null, null, null),
                "dns.tsigKey");
        assertRefused(() -> new DnsDriverConfig("example.com", "shop", blue, green, "192.0.2.53", null, "k", "hmac-sha3", "env:S", null,
                null, null), "dns.tsigAlgorithm");
        assertRefused(() -> new DnsDriverConfig("example.com", "shop", blue, green, "192.0.2.53", null, "k", null, null, null, null, null),
                "dns.tsigSecretRef");
        assertRefused(() -> new DnsDriverConfig("example.com", "shop", blue, green, "192.0.2.53", null, "k", null, "env:S", "500ms", null,
                null), "dns.switchTtl");
        assertRefused(() -> new DnsDriverConfig("example.com", "shop", blue, green, "192.0.2.53", null, "k", null, "env:S", null,
                "127.0.0.1", null), "dns.watchResolver");
        assertRefused(() -> new DnsDriverConfig("example.com", "shop", blue, green, "192.0.2.53", null, "k", null, "env:S", null, null,
                "0s"), "dns.timeout");
    }
}
