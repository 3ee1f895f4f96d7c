package io.jenkins.plugins.bluegreen.view;

/**
 * A rollback or drill button as the UI shows it.
 *
 * @param label the button text, e.g. {@code Roll back to BLUE (1.4.1)}
 * @param enabled whether pressing it can work now
 * @param disabledReason why it cannot, as a sentence for a tooltip; empty when enabled
 */
public record RollbackButtonView(String label, boolean enabled, String disabledReason) {}
