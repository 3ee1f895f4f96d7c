package io.jenkins.plugins.bluegreen.drivers.haproxy;

import io.jenkins.plugins.bluegreen.lab.HaproxyLab;
import io.jenkins.plugins.bluegreen.lab.SessionDrainContract;

/** Session drain through a real HAProxy: cookie persistence ({@code cookie SRV insert indirect nocache}) and {@code state drain}. */
class HaproxySessionDrainRouterTest extends SessionDrainContract {

    HaproxySessionDrainRouterTest() {
        super("haproxy", HaproxyLab::startWithSessionCookie);
    }
}
