package io.jenkins.plugins.bluegreen.driver;

import io.jenkins.plugins.bluegreen.model.Color;

/** Optional driver capability: deploys a version to a colour itself (e.g. sets a Kubernetes Deployment's image). */
public interface Provisioner {

    void provision(Color color, String version);
}
