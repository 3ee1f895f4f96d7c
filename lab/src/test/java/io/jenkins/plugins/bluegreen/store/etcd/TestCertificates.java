package io.jenkins.plugins.bluegreen.store.etcd;

import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made at test time with openssl: a CA, an etcd member certificate for 127.0.0.1, a client
 * certificate without a Common Name (etcd's JSON gateway refuses one with a CN), and the same made by a rogue CA.
 * Keys are P-256, PKCS#8 PEM.
 */
final class TestCertificates {

    final Path dir;

    TestCertificates(Path dir) throws Exception {
        TestPrerequisites.requireProgram("openssl", "openssl");
        this.dir = dir;
        for (String ca : List.of("ca", "rogue-ca")) {
            openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", ca + ".key",
                    "-subj", "/CN=" + ca + " for tests", "-days", "2", "-out", ca + ".crt");
        }
        sign("server", "/CN=etcd-test-member", "ca", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n");
        sign("client", "/O=bluegreen-tests", "ca", "extendedKeyUsage=clientAuth\n");
        sign("rogue-client", "/O=bluegreen-tests", "rogue-ca", "extendedKeyUsage=clientAuth\n");
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** Trusting {@code ca}, presenting the client certificate {@code client} (or none when {@code null}). */
    EtcdTls tls(String ca, String client) {
        return EtcdTls.fromPemFiles(file(ca + ".crt").toString(), client == null ? null : file(client + ".crt").toString(),
                client == null ? null : file(client + ".key").toString());
    }

    private void sign(String name, String subject, String ca, String extensions) throws Exception {
        Files.writeString(dir.resolve(name + ".ext"), extensions);
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key");
        openssl("req", "-new", "-key", name + ".key", "-subj", subject, "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-CAcreateserial", "-days", "2",
                "-extfile", name + ".ext", "-out", name + ".crt");
    }

    private void openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
