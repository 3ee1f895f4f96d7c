package io.jenkins.plugins.bluegreen.cli.spec;

import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.store.JsonFileStateStore;
import io.jenkins.plugins.bluegreen.store.StateStore;
import io.jenkins.plugins.bluegreen.store.etcd.EtcdSettings;
import io.jenkins.plugins.bluegreen.store.etcd.EtcdStateStore;
import io.jenkins.plugins.bluegreen.store.etcd.EtcdTls;
import java.nio.file.Path;
import okhttp3.OkHttpClient;

/**
 * Where the spec says the state and lock live: the JSON files in {@code --state-dir} (the default), or an etcd
 * cluster shared with other machines ({@code store: {type: etcd, ...}}).
 *
 * @param etcd the cluster, or {@code null} for the file store
 * @param ca PEM file of the CA that signed the members' certificates, or {@code null}
 * @param cert PEM file of the client certificate, or {@code null}
 * @param key PKCS#8 PEM file of its key, or {@code null}
 */
public record StoreSpec(EtcdSettings etcd, String ca, String cert, String key) {

    public static final StoreSpec FILES = new StoreSpec(null, null, null, null);

    public StateStore open(Path stateDir, SecretSource secrets, OkHttpClient http) {
        if (etcd == null) {
            return new JsonFileStateStore(stateDir);
        }
        EtcdTls tls = etcd.tls() ? EtcdTls.fromPemFiles(ca, cert, key) : null;
        return new EtcdStateStore(etcd, tls, secrets, http);
    }
}
