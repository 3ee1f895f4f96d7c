package io.jenkins.plugins.bluegreen.jenkins.support;

import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Form validation with the engine's own rules, worded for the form: the message shows under the field it is about, so
 * it leaves out the engine's internal field name ({@code leaseWait: ...}), and an empty field the engine needs is
 * "Required".
 */
public final class FormChecks {

    private FormChecks() {}

    /** The engine's message without its field name. */
    public static String problem(BadInputException e) {
        return e.getMessage().substring(e.field().length() + 2);
    }

    /** Runs {@code engineCheck} on the trimmed value (empty: {@code null}). */
    public static FormValidation validate(Consumer<String> engineCheck, String value) {
        try {
            engineCheck.accept(Util.fixEmptyAndTrim(value));
            return FormValidation.ok();
        } catch (BadInputException e) {
            return refused(value, e);
        }
    }

    /**
     * Checks one field by letting the engine build the whole configuration with it.
     *
     * @param field the form field being checked
     * @param value what it holds
     * @param formFields every field of the form; a refusal naming another of them is that field's to show
     * @param aliases engine field names (or their prefixes) that the form calls differently, e.g. {@code urls.blue} to
     *        {@code blueUrl}; otherwise the last part of the engine's name is the form's
     * @param build builds the configuration, throwing the engine's {@link BadInputException}
     */
    public static FormValidation check(String field, Object value, Set<String> formFields, Map<String, String> aliases, Runnable build) {
        try {
            build.run();
            return FormValidation.ok();
        } catch (BadInputException e) {
            String about = formField(e.field(), aliases);
            if (about.equals(field)) {
                return refused(value, e);
            }
            return formFields.contains(about) ? FormValidation.ok() : FormValidation.error(problem(e));
        }
    }

    static String formField(String engineField, Map<String, String> aliases) {
        String name = engineField.replaceFirst("\\[\\d+]$", "");
        return aliases.entrySet().stream()
                .filter(alias -> name.equals(alias.getKey()) || name.startsWith(alias.getKey() + "."))
                .max(Comparator.comparingInt(alias -> alias.getKey().length()))
                .map(Map.Entry::getValue)
                .orElse(name.substring(name.lastIndexOf('.') + 1));
    }

    private static FormValidation refused(Object value, BadInputException e) {
        boolean empty = value == null || value instanceof String text && text.isBlank();
        return FormValidation.error(empty ? Messages.FormChecks_Required() : problem(e));
    }
}
