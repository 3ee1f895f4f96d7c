package io.jenkins.plugins.bluegreen.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.lab.EtcdLab;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real etcd member speaking TLS, checking client certificates ({@code --client-cert-auth}) and with user
 * authentication on: the right certificate and password work; each wrong one fails at once with a message naming
 * the setting to fix.
 */
class EtcdTlsAndAuthTest {

    private static final SecretSource SECRETS = (field, reference) -> Map.of("env:ETCD_PASSWORD", "right-password",
            "env:WRONG", "wrong-password").get(reference);

    @TempDir
    static Path dir;
    static TestCertificates certificates;
    static EtcdLab etcd;

    @BeforeAll
    static void startTlsMemberWithAuthentication() throws Exception {
        TestPrerequisites.requireProgram("etcd", "etcd-server");
        certificates = new TestCertificates(dir);
        etcd = EtcdLab.start(1, new EtcdLab.ServerTls(certificates.file("server.crt"), certificates.file("server.key"),
                certificates.file("ca.crt")));
        EtcdClient admin = new EtcdClient(new EtcdSettings(etcd.endpoints()), certificates.tls("ca", "client"), SECRETS, new OkHttpClient());
        admin.post("/v3/auth/role/add", EtcdClient.object().put("name", "root"));
        admin.post("/v3/auth/user/add", EtcdClient.object().put("name", "root").put("password", "right-password"));
        admin.post("/v3/auth/user/grant", EtcdClient.object().put("user", "root").put("role", "root"));
        admin.post("/v3/auth/enable", EtcdClient.object());
    }

    @AfterAll
    static void stop() {
        if (etcd != null) {
            etcd.close();
        }
    }

    private static EtcdStateStore store(EtcdTls tls, String password) {
        return new EtcdStateStore(new EtcdSettings(etcd.endpoints(), "/tls/", Duration.ofSeconds(5), "root", password), tls,
                SECRETS, new OkHttpClient());
    }

    @Test
    void theRightCertificateAndPasswordSaveLoadAndLock() {
        EtcdStateStore store = store(certificates.tls("ca", "client"), "env:ETCD_PASSWORD");

        ServiceState saved = store.save(store.load("shop"));
        try (var lease = store.acquire("shop", "alice", Duration.ZERO)) {
            assertThat(lease.holder()).isEqualTo("alice");
        }
        assertThat(store.load("shop").revision()).isEqualTo(saved.revision()).isPositive();
    }

    @Test
    void aWrongPasswordNamesThePasswordSetting() {
        EtcdStateStore store = store(certificates.tls("ca", "client"), "env:WRONG");

        assertThatThrownBy(() -> store.load("shop")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("store.password: etcd at " + etcd.endpoints().get(0) + " refused user 'root'")
                .hasMessageContaining("authentication failed").hasMessageNotContaining("wrong-password");
    }

    @Test
    void noUserNamesTheUserSetting() {
        EtcdStateStore store = new EtcdStateStore(new EtcdSettings(etcd.endpoints()), certificates.tls("ca", "client"), SECRETS,
                new OkHttpClient());

        assertThatThrownBy(() -> store.load("shop")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("store.username: etcd at " + etcd.endpoints().get(0) + " requires authentication");
    }

    @Test
    void aClientCertificateFromAnotherCaNamesTheCertificateSetting() {
        EtcdStateStore store = store(certificates.tls("ca", "rogue-client"), "env:ETCD_PASSWORD");

        assertThatThrownBy(() -> store.load("shop")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(EtcdTls.CERT + ": " + etcd.endpoints().get(0) + " refused the client certificate");
    }

    @Test
    void noClientCertificateNamesTheCertificateSetting() {
        EtcdStateStore store = store(certificates.tls("ca", null), "env:ETCD_PASSWORD");

        assertThatThrownBy(() -> store.load("shop")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(EtcdTls.CERT + ": ");
    }

    @Test
    void anUntrustedMemberCertificateNamesTheCaSetting() {
        EtcdStateStore store = store(certificates.tls("rogue-ca", "client"), "env:ETCD_PASSWORD");

        assertThatThrownBy(() -> store.load("shop")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(EtcdTls.CA + ": " + etcd.endpoints().get(0) + " presented a certificate this client does not trust");
    }

    @Test
    void aKeyInTheOldOpensslFormatIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path sec1 = dir.resolve("sec1.key");
        new ProcessBuilder("openssl", "ec", "-in", certificates.file("client.key").toString(), "-out", sec1.toString())
                .redirectErrorStream(true).start().waitFor();

        assertThatThrownBy(() -> EtcdTls.fromPemFiles(null, certificates.file("client.crt").toString(), sec1.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(EtcdTls.KEY + ": '" + sec1 + "' is not an unencrypted PKCS#8 PEM key")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void settingsNameWhatIsWrong() {
        assertThatThrownBy(() -> new EtcdSettings(List.of("etcd-1:2379"))).hasMessageStartingWith("store.endpoints: 'etcd-1:2379' is not an etcd client URL");
        assertThatThrownBy(() -> new EtcdSettings(List.of("http://a:2379", "https://b:2379"))).hasMessageStartingWith("store.endpoints: mixes http and https");
        assertThatThrownBy(() -> new EtcdSettings(List.of("http://a:2379"), null, Duration.ofMillis(1500), null, null))
                .hasMessageStartingWith("store.leaseTtl: must be whole seconds, at least 2s");
        assertThatThrownBy(() -> new EtcdSettings(List.of("http://a:2379"), null, null, "root", null))
                .hasMessageStartingWith("store.password: give both");
    }
}
