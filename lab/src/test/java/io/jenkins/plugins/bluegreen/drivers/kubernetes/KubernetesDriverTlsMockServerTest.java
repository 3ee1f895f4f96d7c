package io.jenkins.plugins.bluegreen.drivers.kubernetes;

import static io.jenkins.plugins.bluegreen.drivers.kubernetes.KubernetesDriverMockServerTest.SECRETS;
import static io.jenkins.plugins.bluegreen.drivers.kubernetes.KubernetesDriverMockServerTest.TOKEN;
import static io.jenkins.plugins.bluegreen.drivers.kubernetes.KubernetesDriverMockServerTest.json;
import static io.jenkins.plugins.bluegreen.drivers.kubernetes.KubernetesDriverMockServerTest.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API server's certificate is checked against the configured CA file, as a kubeconfig's certificate-authority.
 * The mock server speaks real TLS with a certificate made by the JDK's keytool for this test.
 */
class KubernetesDriverTlsMockServerTest {

    static final char[] PASSWORD = "test-only".toCharArray();

    @TempDir
    Path dir;
    final MockWebServer server = new MockWebServer();
    Path caFile;

    @BeforeEach
    void startWithTls() throws Exception {
        Path keyStore = dir.resolve("api-server.p12");
        keytool("-genkeypair", "-alias", "api-server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD));
        caFile = dir.resolve("cluster-ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "api-server", "-keystore", keyStore.toString(),
                "-storepass", new String(PASSWORD), "-file", caFile.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server.useHttps(tls.getSocketFactory());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theConfiguredCaIsTrustedForTheApiServer() {
        server.enqueue(json(200, service("green")));

        assertThat(driver(caFile.toString()).observeLive()).contains(Color.GREEN);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void withoutTheCaTheHandshakeFailsAndTheMessagePointsAtTheCaSetting() {
        assertThatThrownBy(() -> driver(null).observeLive())
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("TLS handshake")
                .hasMessageContaining("kubernetes.caCertificateFile")
                .message().doesNotContain(TOKEN);
    }

    private TrafficDriver driver(String caCertificateFile) {
        return new KubernetesDriverConfig(server.url("/").toString(), "shop-prod", "shop", null, "env:KUBE_TOKEN",
                caCertificateFile, "5s", null).create(new OkHttpClient(), SECRETS);
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
