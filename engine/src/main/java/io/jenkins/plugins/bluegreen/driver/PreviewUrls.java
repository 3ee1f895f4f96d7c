package io.jenkins.plugins.bluegreen.driver;

import io.jenkins.plugins.bluegreen.model.Color;
import java.util.Optional;

/**
 * Optional driver capability: a URL where one colour can be tried before it takes public traffic (a preview
 * Service, a side port on the router). Shown to approvers when the environment has no URL of its own.
 */
public interface PreviewUrls {

    Optional<String> previewUrl(Color color);
}
