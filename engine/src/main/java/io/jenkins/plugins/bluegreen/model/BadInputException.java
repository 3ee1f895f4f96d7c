package io.jenkins.plugins.bluegreen.model;

/** Input that cannot be used; names the field and how to fix it. Nothing has been changed when it is thrown. */
public class BadInputException extends IllegalArgumentException {

    private final String field;

    public BadInputException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
