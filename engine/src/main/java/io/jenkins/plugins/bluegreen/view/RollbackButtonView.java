package io.jenkins.plugins.bluegreen.view;

/**
 * A rollback or drill button as the UI shows it.
 *
 * @param label the button text, e.g. {@code Switch back to BLUE (1.4.1)} or {@code Roll forward to GREEN (1.4.2)}
 * @param enabled whether pressing it can work now
 * @param disabledReason why it cannot, as a sentence for a tooltip; empty when enabled
 */
public record RollbackButtonView(String label, boolean enabled, String disabledReason) {}
