package io.jenkins.plugins.bluegreen.store.etcd;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * The TLS side of an etcd connection: the CA that signed the members' certificates, and the client certificate etcd's
 * {@code --client-cert-auth} asks for. The CLI reads PEM files; the plugin hands over a Jenkins certificate
 * credential's key store. Errors name the setting, never a key.
 */
public final class EtcdTls {

    public static final String CA = "store.tls.ca";
    public static final String CERT = "store.tls.cert";
    public static final String KEY = "store.tls.key";

    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private final X509TrustManager trust;
    private final KeyManager[] keys;

    private EtcdTls(X509TrustManager trust, KeyManager[] keys) {
        this.trust = trust;
        this.keys = keys;
    }

    /**
     * @param caFile PEM CA certificates, or {@code null} for the JVM's trusted CAs
     * @param certFile PEM client certificate (chain), or {@code null} for none
     * @param keyFile its PKCS#8 PEM private key ({@code BEGIN PRIVATE KEY}), given with {@code certFile}
     */
    public static EtcdTls fromPemFiles(String caFile, String certFile, String keyFile) {
        if ((certFile == null) != (keyFile == null)) {
            throw new BadInputException(certFile == null ? CERT : KEY, "give the client certificate and its key together");
        }
        KeyStore clientKeys = null;
        if (certFile != null) {
            List<Certificate> chain = List.copyOf(certificates(CERT, read(CERT, certFile), certFile));
            clientKeys = emptyKeyStore();
            try {
                clientKeys.setKeyEntry("client", privateKey(read(KEY, keyFile), keyFile), IN_MEMORY, chain.toArray(Certificate[]::new));
            } catch (GeneralSecurityException e) {
                throw new BadInputException(KEY, "'" + keyFile + "' does not match the certificate in '" + certFile + "' (" + e.getMessage() + ")");
            }
        }
        return of(caFile == null ? null : read(CA, caFile), caFile, clientKeys, IN_MEMORY);
    }

    /**
     * @param caPem PEM CA certificates, or {@code null} for the JVM's trusted CAs
     * @param caOrigin where {@code caPem} came from, named in errors
     * @param clientKeys the client certificate and key, or {@code null}
     */
    public static EtcdTls of(String caPem, String caOrigin, KeyStore clientKeys, char[] password) {
        try {
            TrustManagerFactory trustFactory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (caPem == null) {
                trustFactory.init((KeyStore) null);
            } else {
                KeyStore trusted = emptyKeyStore();
                int index = 0;
                for (Certificate certificate : certificates(CA, caPem, caOrigin)) {
                    trusted.setCertificateEntry("ca-" + index++, certificate);
                }
                trustFactory.init(trusted);
            }
            KeyManager[] keys = null;
            if (clientKeys != null) {
                KeyManagerFactory keyFactory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyFactory.init(clientKeys, password);
                keys = keyFactory.getKeyManagers();
            }
            return new EtcdTls((X509TrustManager) trustFactory.getTrustManagers()[0], keys);
        } catch (GeneralSecurityException e) {
            throw new BadInputException(clientKeys == null ? CA : CERT, "cannot use the TLS material (" + e.getMessage() + ")");
        }
    }

    OkHttpClient apply(OkHttpClient client) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[] {trust}, null);
            return client.newBuilder().sslSocketFactory(context.getSocketFactory(), trust).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no TLS", e);
        }
    }

    private static String read(String field, String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new BadInputException(field, "cannot read '" + file + "' (" + e.getClass().getSimpleName() + "); give a readable PEM file");
        }
    }

    private static Collection<? extends Certificate> certificates(String field, String pem, String origin) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (!certificates.isEmpty()) {
                return certificates;
            }
        } catch (GeneralSecurityException e) {
            // reported below
        }
        throw new BadInputException(field, "'" + origin + "' holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }

    private static PrivateKey privateKey(String pem, String origin) {
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new BadInputException(KEY, "'" + origin + "' is not an unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----);"
                    + " convert it with: openssl pkcs8 -topk8 -nocrypt -in " + origin + " -out client-pkcs8.key");
        }
        String base64 = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"));
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(KEY, "'" + origin + "' is not valid PEM (" + e.getMessage() + ")");
        }
        for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new BadInputException(KEY, "'" + origin + "' holds no EC, RSA or Ed25519 private key");
    }

    private static KeyStore emptyKeyStore() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JVM cannot make a key store", e);
        }
    }
}
