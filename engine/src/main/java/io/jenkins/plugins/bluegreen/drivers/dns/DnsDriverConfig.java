package io.jenkins.plugins.bluegreen.drivers.dns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.DriverTimeouts;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * Settings of the {@link DnsDriver}: switches one record name of one zone between a blue and a green answer with
 * RFC 2136 dynamic updates signed with TSIG, and reads it back from every authoritative server.
 *
 * @param zone the zone, e.g. {@code example.com}
 * @param record the record name, relative to the zone ({@code shop}) or absolute ({@code shop.example.com.})
 * @param blue blue's answer: one or more IPv4/IPv6 addresses (A/AAAA records), or one host name (a CNAME)
 * @param green green's answer, of the same forms
 * @param primary the primary server that takes updates, {@code host} or {@code host:port} (port 53 by default)
 * @param servers the authoritative servers to read back besides the primary ({@code host:port}); empty or
 *        {@code null}: the zone's NS set as the primary serves it, on the primary's port
 * @param tsigKey the TSIG key's name, as the server knows it
 * @param tsigAlgorithm the key's algorithm; default {@code hmac-sha256}
 * @param tsigSecretRef a secret reference to the key's base64 secret (a credentials ID in Jenkins, {@code env:}/
 *        {@code file:} in the CLI)
 * @param switchTtl the TTL that switches, rollbacks and {@code prepare} give the record; default {@code 5s}
 * @param watchResolver the caching resolver the switch watch resolves the public URL's name through,
 *        {@code host:port}; {@code null}: the system's resolver
 * @param timeout the limit of one DNS exchange; default {@code 5s}
 */
@JsonIgnoreProperties({"type"})
public record DnsDriverConfig(
        String zone,
        String record,
        List<String> blue,
        List<String> green,
        String primary,
        List<String> servers,
        String tsigKey,
        String tsigAlgorithm,
        String tsigSecretRef,
        String switchTtl,
        String watchResolver,
        String timeout) implements DriverConfig {

    static final String TYPE = "dns";
    private static final int DNS_PORT = 53;
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9_.-]+)(:(\\d{1,5}))?");
    private static final List<String> ALGORITHMS = List.of("hmac-sha256", "hmac-sha384", "hmac-sha512", "hmac-sha224", "hmac-sha1", "hmac-md5");
    private static final Duration LONGEST_SWITCH_TTL = Duration.ofDays(1);

    public DnsDriverConfig {
        Name zoneName = name("dns.zone", zone, "the zone the record is in, e.g. 'example.com'");
        zone = zoneName.toString();
        record = recordName(zoneName, record).toString();
        blue = answer("dns.blue", blue);
        green = answer("dns.green", green);
        if (Set.copyOf(blue).equals(Set.copyOf(green))) {
            throw new BadInputException("dns.green", "is the same answer as dns.blue (" + String.join(", ", blue)
                    + "); give each colour its own addresses or name");
        }
        if (record.equals(zone) && (isName(blue) || isName(green))) {
            throw new BadInputException("dns.record", "'" + record + "' is the zone apex, which cannot hold a CNAME;"
                    + " give addresses for both colours, or switch a name below the apex");
        }
        primary = hostPort("dns.primary", primary, true);
        List<String> readBack = new ArrayList<>();
        for (String server : servers == null ? List.<String>of() : servers) {
            readBack.add(hostPort("dns.servers", server, true));
        }
        servers = List.copyOf(readBack);
        if (tsigKey == null || tsigKey.isBlank()) {
            throw new BadInputException("dns.tsigKey", "missing; updates are signed with TSIG: give the key's name as the"
                    + " server knows it (BIND: key \"name\" { ... }; Knot: key: - id: name)");
        }
        name("dns.tsigKey", tsigKey, "the key's name, e.g. 'bluegreen-update'");
        tsigAlgorithm = tsigAlgorithm == null || tsigAlgorithm.isBlank() ? "hmac-sha256" : tsigAlgorithm.trim().toLowerCase(Locale.ROOT);
        if (!ALGORITHMS.contains(tsigAlgorithm)) {
            throw new BadInputException("dns.tsigAlgorithm", "'" + tsigAlgorithm + "' is not a TSIG algorithm; use one of " + ALGORITHMS);
        }
        if (tsigSecretRef == null || tsigSecretRef.isBlank()) {
            throw new BadInputException("dns.tsigSecretRef", "missing; give a reference to the key's secret (a credentials ID"
                    + " in Jenkins, 'env:NAME' or 'file:/path' in a spec file), never the secret itself");
        }
        switchTtl = switchTtl == null ? "5s" : switchTtl;
        Duration ttl = Durations.parse("dns.switchTtl", switchTtl);
        if (ttl.isZero() || ttl.toMillis() % 1000 != 0 || ttl.compareTo(LONGEST_SWITCH_TTL) > 0) {
            throw new BadInputException("dns.switchTtl", "'" + switchTtl + "' must be whole seconds from 1s to 1d (DNS TTLs"
                    + " are whole seconds), e.g. '5s'");
        }
        watchResolver = watchResolver == null ? null : hostPort("dns.watchResolver", watchResolver, false);
        timeout = DriverTimeouts.checked("dns.timeout", timeout, "5s");
    }

    private static Name name(String field, String text, String what) {
        if (text == null || text.isBlank()) {
            throw new BadInputException(field, "missing; give " + what);
        }
        try {
            return Name.fromString(text.trim(), Name.root);
        } catch (TextParseException e) {
            throw new BadInputException(field, "'" + text + "' is not a DNS name (" + e.getMessage() + "); give " + what);
        }
    }

    private static Name recordName(Name zone, String text) {
        if (text == null || text.isBlank()) {
            throw new BadInputException("dns.record", "missing; give the name to switch, e.g. 'shop' (in the zone) or 'shop."
                    + zone + "'");
        }
        Name name;
        try {
            name = Name.fromString(text.trim(), zone);
        } catch (TextParseException e) {
            throw new BadInputException("dns.record", "'" + text + "' is not a DNS name (" + e.getMessage() + ")");
        }
        if (!name.subdomain(zone)) {
            throw new BadInputException("dns.record", "'" + name + "' is not in zone '" + zone + "'; give a name in the zone,"
                    + " e.g. 'shop' or 'shop." + zone + "', or set dns.zone to the zone that holds it");
        }
        return name;
    }

    /** Addresses in their canonical form, or one absolute host name. */
    private static List<String> answer(String field, List<String> values) {
        if (values == null || values.isEmpty() || values.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw new BadInputException(field, "missing; give the colour's addresses (e.g. ['192.0.2.10', '2001:db8::10'])"
                    + " or one host name for a CNAME (e.g. 'shop-" + field.substring(field.indexOf('.') + 1) + ".example.com.')");
        }
        Set<String> canonical = new LinkedHashSet<>();
        for (String value : values) {
            InetAddress address = address(value.trim());
            if (address != null) {
                canonical.add(address.getHostAddress());
            } else if (values.size() > 1) {
                throw new BadInputException(field, "'" + value + "' is not an IP address; a colour is either addresses"
                        + " (A/AAAA records) or exactly one host name (a CNAME)");
            } else {
                canonical.add(name(field, value, "an IP address or a host name").toString());
            }
        }
        return List.copyOf(canonical);
    }

    private static InetAddress address(String text) {
        for (int family : new int[] {Address.IPv4, Address.IPv6}) {
            byte[] bytes = Address.toByteArray(text, family);
            if (bytes != null) {
                try {
                    return InetAddress.getByAddress(bytes);
                } catch (java.net.UnknownHostException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        }
        return null;
    }

    private static boolean isName(List<String> answer) {
        return address(answer.get(0)) == null;
    }

    /** {@code host:port}, the port defaulting to 53 where allowed. */
    private static String hostPort(String field, String text, boolean portOptional) {
        var matcher = text == null ? null : HOST_PORT.matcher(text.trim());
        if (matcher == null || !matcher.matches() || (!portOptional && matcher.group(3) == null)) {
            throw new BadInputException(field, "'" + text + "' is not " + (portOptional ? "host or host:port" : "host:port")
                    + ", e.g. '192.0.2.53" + (portOptional ? "' or '192.0.2.53:5353'" : ":53'"));
        }
        int port = matcher.group(3) == null ? DNS_PORT : Integer.parseInt(matcher.group(3));
        if (port < 1 || port > 65535) {
            throw new BadInputException(field, "port " + port + " is out of range 1-65535");
        }
        return matcher.group(1) + ":" + port;
    }

    static InetSocketAddress socketAddress(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
    }

    Name zoneName() {
        return Name.fromConstantString(zone);
    }

    Name recordName() {
        return Name.fromConstantString(record);
    }

    Duration switchTtlDuration() {
        return Durations.parse("dns.switchTtl", switchTtl);
    }

    Duration timeoutDuration() {
        return DriverTimeouts.parse("dns.timeout", timeout);
    }

    /** The records that make up {@code color}'s answer, with {@code ttl}. */
    List<Record> records(Color color, Duration ttl) {
        List<Record> records = new ArrayList<>();
        for (String value : color == Color.BLUE ? blue : green) {
            InetAddress address = address(value);
            long seconds = ttl.toSeconds();
            if (address == null) {
                records.add(new CNAMERecord(recordName(), DClass.IN, seconds, Name.fromConstantString(value)));
            } else if (address.getAddress().length == 4) {
                records.add(new ARecord(recordName(), DClass.IN, seconds, address));
            } else {
                records.add(new AAAARecord(recordName(), DClass.IN, seconds, address));
            }
        }
        return records;
    }

    TSIG tsig(String secret) {
        return new TSIG(TSIG.algorithmToName(tsigAlgorithm), Name.fromConstantString(tsigKey.endsWith(".") ? tsigKey : tsigKey + "."), secret);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public TrafficDriver create(OkHttpClient http, SecretSource secrets) {
        return new DnsDriver(this, secrets);
    }
}
