package io.jenkins.plugins.bluegreen.drivers.dns;

import io.jenkins.plugins.bluegreen.driver.CachedAnswers;
import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.OutcomeUnknownException;
import io.jenkins.plugins.bluegreen.driver.PublicNameResolver;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.ServerAnswers;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import okhttp3.Dns;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Switches one record name between the blue and the green answer with one RFC 2136 UPDATE, signed with TSIG, that
 * deletes the old RRset and adds the new one: the primary applies it atomically. The read-back asks every
 * authoritative server directly (no recursion); the router serves a colour only when all of them answer it, so a
 * secondary that has not caught up yet keeps the switch unconfirmed.
 */
final class DnsDriver implements TrafficDriver, CachedAnswers, ServerAnswers, PublicNameResolver {

    /** The types a colour's answer is made of; a switch replaces all of them, so blue and green may differ in kind. */
    private static final int[] ANSWER_TYPES = {Type.A, Type.AAAA, Type.CNAME};

    private final DnsDriverConfig config;
    private final SecretSource secrets;

    DnsDriver(DnsDriverConfig config, SecretSource secrets) {
        this.config = config;
        this.secrets = secrets;
    }

    @Override
    public String type() {
        return DnsDriverConfig.TYPE;
    }

    // ------------------------------------------------------------------ switch

    @Override
    public void switchTo(Color color) {
        Update update = replacing(config.records(color, config.switchTtlDuration()));
        sendUpdate(update, "switch " + config.record() + " to " + color.name());
    }

    /** An UPDATE of the zone that deletes every answer type at the name and adds {@code records}. */
    private Update replacing(List<Record> records) {
        Update update = new Update(config.zoneName());
        for (int type : ANSWER_TYPES) {
            update.delete(config.recordName(), type);
        }
        records.forEach(update::add);
        return update;
    }

    private void sendUpdate(Update update, String what) {
        String where = "dns primary " + config.primary();
        SimpleResolver primary = resolver(config.primary());
        primary.setTCP(true);
        primary.setTSIGKey(config.tsig(secrets.resolve("dns.tsigSecretRef", config.tsigSecretRef())));
        Message response;
        try {
            response = primary.send(update);
        } catch (SocketTimeoutException e) {
            throw new OutcomeUnknownException(where + " did not answer the update to " + what + " within "
                    + config.timeoutDuration().toMillis() + " ms; the outcome is unknown. Run 'status' to see what the servers answer", e);
        } catch (IOException e) {
            throw new DriverException(where + " could not be reached to " + what + " (" + reason(e) + "); nothing was"
                    + " changed. Check that the server runs and dns.primary is its address", e);
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NOERROR && response.isVerified()) {
            return;
        }
        throw new DriverException(where + " did not apply the update to " + what + ": " + refusal(response) + "; nothing was changed. "
                + advice(rcode));
    }

    /** The rcode, with the TSIG error when the key was the problem, e.g. {@code NOTAUTH (BADSIG)}. */
    private static String refusal(Message response) {
        String rcode = Rcode.string(response.getRcode());
        TSIGRecord tsig = response.getTSIG();
        if (tsig != null && tsig.getError() != Rcode.NOERROR) {
            return rcode + " (" + Rcode.TSIGstring(tsig.getError()) + ")";
        }
        if (response.getRcode() == Rcode.NOERROR && !response.isVerified()) {
            return "an answer whose TSIG signature does not verify";
        }
        return rcode;
    }

    private String advice(int rcode) {
        return switch (rcode) {
            case Rcode.NOTAUTH -> "The server rejected the TSIG key '" + config.tsigKey() + "': check dns.tsigKey, dns.tsigAlgorithm"
                    + " and the secret behind dns.tsigSecretRef against the server's key (and the clocks, for BADTIME)";
            case Rcode.REFUSED -> "The server's update policy does not let key '" + config.tsigKey() + "' change " + config.record()
                    + " (BIND: update-policy or allow-update; Knot: an acl with action update)";
            case Rcode.NOTZONE -> "The server is not the primary of zone " + config.zone() + "; check dns.primary and dns.zone";
            case Rcode.NXRRSET, Rcode.YXRRSET -> "The record changed while this update was prepared; run the command again";
            default -> "Check the primary's log";
        };
    }

    // ------------------------------------------------------------------ read-back

    @Override
    public Optional<Color> observeLive() {
        Set<Color> colours = new LinkedHashSet<>();
        for (String server : servers()) {
            Answer answer = ask(server);
            if (answer.color() == null) {
                return Optional.empty();
            }
            colours.add(answer.color());
        }
        return colours.size() == 1 ? Optional.of(colours.iterator().next()) : Optional.empty();
    }

    @Override
    public List<ServerAnswer> serverAnswers() {
        List<ServerAnswer> answers = new ArrayList<>();
        for (String server : servers()) {
            try {
                Answer answer = ask(server);
                answers.add(new ServerAnswer(server, answer.color(), answer.describe() + ", serial " + serial(server)));
            } catch (DriverException e) {
                answers.add(new ServerAnswer(server, null, "unreadable: " + e.getMessage()));
            }
        }
        return answers;
    }

    @Override
    public Duration switchTtl() {
        return config.switchTtlDuration();
    }

    @Override
    public Duration servedTtl() {
        long longest = 0;
        for (String server : servers()) {
            longest = Math.max(longest, ask(server).ttlSeconds());
        }
        return Duration.ofSeconds(longest);
    }

    @Override
    public void setTtl(Duration ttl) {
        Answer served = ask(config.primary());
        if (served.records().isEmpty()) {
            throw new DriverException("dns primary " + config.primary() + " serves no A, AAAA or CNAME record at " + config.record()
                    + ", so there is no TTL to change; switch to a colour first");
        }
        List<Record> retimed = new ArrayList<>();
        Update update = replacing(List.of());
        for (Record record : served.records()) {
            // The update applies only if the primary still serves exactly what was read: a switch in between wins.
            // A prerequisite carries TTL 0 (RFC 2136 2.4.2).
            update.present(withTtl(record, 0));
            retimed.add(withTtl(record, ttl.toSeconds()));
        }
        retimed.forEach(update::add);
        sendUpdate(update, "set the TTL of " + config.record() + " to " + ttl.toSeconds() + " s");
    }

    private static Record withTtl(Record record, long seconds) {
        return Record.newRecord(record.getName(), record.getType(), record.getDClass(), seconds, record.rdataToWireCanonical());
    }

    /** The primary, then the configured servers, or the zone's NS set when none are configured. */
    List<String> servers() {
        Set<String> servers = new LinkedHashSet<>();
        servers.add(config.primary());
        servers.addAll(config.servers().isEmpty() ? nameServers() : config.servers());
        return List.copyOf(servers);
    }

    /** The addresses of the zone's NS set as the primary serves it (with glue), on the primary's port. */
    private List<String> nameServers() {
        String port = config.primary().substring(config.primary().lastIndexOf(':') + 1);
        List<String> addresses = new ArrayList<>();
        for (Record ns : query(config.primary(), config.zoneName(), Type.NS).getSection(Section.ANSWER)) {
            if (ns instanceof NSRecord nsRecord) {
                for (int type : new int[] {Type.A, Type.AAAA}) {
                    for (Record address : query(config.primary(), nsRecord.getTarget(), type).getSection(Section.ANSWER)) {
                        if (address instanceof ARecord a) {
                            addresses.add(a.getAddress().getHostAddress() + ":" + port);
                        } else if (address instanceof AAAARecord aaaa) {
                            addresses.add("[" + aaaa.getAddress().getHostAddress() + "]:" + port);
                        }
                    }
                }
            }
        }
        return addresses;
    }

    /** What one server answers for the name: its records of the answer types, the colour they make, their TTL. */
    record Answer(List<Record> records, Color color) {
        long ttlSeconds() {
            return records.stream().mapToLong(Record::getTTL).max().orElse(0);
        }

        String describe() {
            if (records.isEmpty()) {
                return "no record";
            }
            return records.stream().map(DnsDriver::typeAndData).collect(Collectors.joining(", ")) + " (TTL " + ttlSeconds() + " s)";
        }
    }

    private Answer ask(String server) {
        Set<Record> records = new LinkedHashSet<>();
        for (int type : ANSWER_TYPES) {
            for (Record record : query(server, config.recordName(), type).getSection(Section.ANSWER)) {
                if (record.getName().equals(config.recordName()) && isAnswerType(record.getType())) {
                    records.add(record);
                }
            }
        }
        List<Record> list = List.copyOf(records);
        Set<String> data = dataOf(list);
        Color color = data.equals(dataOf(config.records(Color.BLUE, Duration.ZERO))) ? Color.BLUE
                : data.equals(dataOf(config.records(Color.GREEN, Duration.ZERO))) ? Color.GREEN : null;
        return new Answer(list, color);
    }

    private static boolean isAnswerType(int type) {
        return type == Type.A || type == Type.AAAA || type == Type.CNAME;
    }

    /** Type and data, without name and TTL, so answers compare by what they point to. */
    private static Set<String> dataOf(List<Record> records) {
        return records.stream().map(DnsDriver::typeAndData).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String typeAndData(Record record) {
        return Type.string(record.getType()) + " " + record.rdataToString();
    }

    private long serial(String server) {
        for (Record record : query(server, config.zoneName(), Type.SOA).getSection(Section.ANSWER)) {
            if (record instanceof SOARecord soa) {
                return soa.getSerial();
            }
        }
        throw new DriverException("dns server " + server + " gave no SOA for zone " + config.zone());
    }

    /** A non-recursive query that the server must answer authoritatively. */
    private Message query(String server, Name name, int type) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        query.getHeader().unsetFlag(Flags.RD);
        Message response;
        try {
            response = resolver(server).send(query);
        } catch (IOException e) {
            throw new DriverException("dns server " + server + " did not answer a query for " + name + " "
                    + Type.string(type) + " (" + reason(e) + "). Check that it runs and is listed correctly", e);
        }
        int rcode = response.getRcode();
        if ((rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) || !response.getHeader().getFlag(Flags.AA)) {
            throw new DriverException("dns server " + server + " is not authoritative for zone " + config.zone() + ": it answered "
                    + Rcode.string(rcode) + (response.getHeader().getFlag(Flags.AA) ? "" : " without the AA flag")
                    + ". List only the zone's primary and secondaries in dns.servers");
        }
        return response;
    }

    /** Some socket errors carry no message (an ICMP port unreachable); their type then says what happened. */
    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private SimpleResolver resolver(String server) {
        SimpleResolver resolver = new SimpleResolver(DnsDriverConfig.socketAddress(server));
        resolver.setTimeout(config.timeoutDuration());
        return resolver;
    }

    // ------------------------------------------------------------------ health and watch

    /** The primary answers SOA for the zone to a query signed with the key, and signs its answer with it. */
    @Override
    public Health health() {
        String where = "dns primary " + config.primary();
        SimpleResolver primary = resolver(config.primary());
        try {
            primary.setTSIGKey(config.tsig(secrets.resolve("dns.tsigSecretRef", config.tsigSecretRef())));
            Message query = Message.newQuery(Record.newRecord(config.zoneName(), Type.SOA, DClass.IN));
            query.getHeader().unsetFlag(Flags.RD);
            Message response = primary.send(query);
            List<Record> soa = response.getSection(Section.ANSWER).stream().filter(r -> r instanceof SOARecord).toList();
            if (response.getRcode() != Rcode.NOERROR || !response.isVerified()) {
                return Health.down(where + " refused a query signed with TSIG key '" + config.tsigKey() + "': " + refusal(response)
                        + ". " + advice(response.getRcode()));
            }
            if (soa.isEmpty() || !response.getHeader().getFlag(Flags.AA)) {
                return Health.down(where + " is not authoritative for zone " + config.zone() + "; check dns.primary and dns.zone");
            }
            return Health.ok(where + " serves zone " + config.zone() + " (serial " + ((SOARecord) soa.get(0)).getSerial()
                    + ") and accepts TSIG key '" + config.tsigKey() + "'");
        } catch (IOException e) {
            return Health.down(where + " did not answer a SOA query for " + config.zone() + " (" + reason(e) + ")");
        } catch (RuntimeException e) {
            return Health.down(where + ": " + e.getMessage());
        }
    }

    @Override
    public Dns watchDns() {
        if (config.watchResolver() == null) {
            return Dns.SYSTEM;
        }
        return hostname -> {
            SimpleResolver resolver = resolver(config.watchResolver());
            List<InetAddress> addresses = new ArrayList<>();
            try {
                Name name = Name.fromString(hostname, Name.root);
                for (int type : new int[] {Type.A, Type.AAAA}) {
                    Message response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
                    for (Record record : response.getSection(Section.ANSWER)) {
                        if (record instanceof ARecord a) {
                            addresses.add(a.getAddress());
                        } else if (record instanceof AAAARecord aaaa) {
                            addresses.add(aaaa.getAddress());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UnknownHostException(hostname + ": resolver " + config.watchResolver() + " did not answer (" + reason(e) + ")");
            }
            if (addresses.isEmpty()) {
                throw new UnknownHostException(hostname + ": resolver " + config.watchResolver() + " has no address for it");
            }
            return addresses;
        };
    }
}
