package io.jenkins.plugins.bluegreen.verify;

import io.jenkins.plugins.bluegreen.model.CheckResult;
import okhttp3.OkHttpClient;

/** One verification check against one environment. Must end within its own timeout and never throw. */
public interface Check {

    /** Display name, e.g. {@code http GET /health}. */
    String name();

    CheckResult run(CheckTarget target, OkHttpClient http);
}
