package io.jenkins.plugins.bluegreen.jenkins.targets;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import io.jenkins.plugins.bluegreen.driver.InlineRouterPolicy;

/** The controller's rules for routers a Pipeline gives inline; the global configuration holds them. */
public interface InlineTargetRules extends ExtensionPoint {

    InlineRouterPolicy inlinePolicy();

    static InlineRouterPolicy current() {
        return ExtensionList.lookupSingleton(InlineTargetRules.class).inlinePolicy();
    }
}
