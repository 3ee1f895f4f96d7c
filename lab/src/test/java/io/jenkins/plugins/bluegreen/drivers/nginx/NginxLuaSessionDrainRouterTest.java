package io.jenkins.plugins.bluegreen.drivers.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.lab.NginxLab;
import io.jenkins.plugins.bluegreen.lab.SessionDrainContract;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import io.jenkins.plugins.bluegreen.model.Color;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Session drain through a real nginx in lua mode (two workers sharing the dict): the sessions route's cookie check
 * keeps pinned requests on the draining colour; ending the drain or a rollback is one admin call.
 */
class NginxLuaSessionDrainRouterTest extends SessionDrainContract {

    NginxLuaSessionDrainRouterTest() {
        super("nginx", NginxLab::startLuaWithSessionCookie);
    }

    @BeforeEach
    void requireLuaModule() {
        TestPrerequisites.require(NginxLab.luaInstalled(), "nginx's lua module is not installed (" + NginxLab.LUA_MODULES + ")",
                "install it (apt-get install libnginx-mod-http-lua)");
    }

    @Test
    void theRouteSetsTheSessionCookieOnEveryAnswer() {
        assertThat(answerWithCookie(null)).isEqualTo(Color.BLUE);
        assertThat(answerWithCookie("green")).as("outside a drain the cookie changes nothing").isEqualTo(Color.BLUE);
    }
}
