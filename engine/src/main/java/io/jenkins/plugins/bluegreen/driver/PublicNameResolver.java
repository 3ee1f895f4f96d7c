package io.jenkins.plugins.bluegreen.driver;

import okhttp3.Dns;

/**
 * Optional driver capability: users find the service by a name the router publishes (DNS), through a caching
 * resolver. The switch watch resolves the public URL's name through {@link #watchDns()} for every probe and connects
 * to what it gets, so its timeline shows traffic moving as the caches expire.
 */
public interface PublicNameResolver {

    Dns watchDns();
}
