package io.jenkins.plugins.bluegreen.lab;

/** The benchmark document is made of {@code ## } sections; a bench that runs on its own replaces only its own. */
public final class BenchSections {

    private BenchSections() {}

    /** {@code document} with the section under {@code heading} replaced by {@code section}, or the section appended when it has none. */
    public static String withSection(String document, String heading, String section) {
        int start = document.indexOf(heading);
        if (start < 0) {
            return document.isBlank() ? section : document.stripTrailing() + "\n\n" + section;
        }
        int next = document.indexOf("\n## ", start + heading.length());
        return document.substring(0, start) + section + (next < 0 ? "" : "\n" + document.substring(next + 1));
    }
}
