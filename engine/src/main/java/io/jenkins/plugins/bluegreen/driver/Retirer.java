package io.jenkins.plugins.bluegreen.driver;

import io.jenkins.plugins.bluegreen.model.Color;

/** Optional driver capability: releases the resources of a colour that no longer needs to stand by. */
public interface Retirer {

    void retire(Color color);
}
