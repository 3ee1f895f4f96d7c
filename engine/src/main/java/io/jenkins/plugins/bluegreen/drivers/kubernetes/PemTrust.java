package io.jenkins.plugins.bluegreen.drivers.kubernetes;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/** Trusts exactly the CA certificates of a PEM file, as a kubeconfig's {@code certificate-authority} does. */
final class PemTrust {

    private PemTrust() {}

    /** {@code client}, trusting only the certificates in {@code pemFile}. */
    static OkHttpClient trusting(OkHttpClient client, String field, String pemFile) {
        try (InputStream in = Files.newInputStream(Path.of(pemFile))) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new BadInputException(field, "'" + pemFile + "' holds no certificate; give the cluster's CA certificate in PEM form");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            X509TrustManager trustManager = (X509TrustManager) factory.getTrustManagers()[0];
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trustManager}, null);
            return client.newBuilder().sslSocketFactory(tls.getSocketFactory(), trustManager).build();
        } catch (IOException e) {
            throw new BadInputException(field, "cannot read '" + pemFile + "' (" + e.getMessage()
                    + "); give a readable PEM file with the cluster's CA certificate");
        } catch (GeneralSecurityException e) {
            throw new BadInputException(field, "'" + pemFile + "' is not a PEM certificate (" + e.getMessage()
                    + "); give the cluster's CA certificate, e.g. the certificate-authority-data of a kubeconfig, decoded");
        }
    }
}
