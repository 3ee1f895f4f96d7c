package io.jenkins.plugins.bluegreen.lab;

/** The benchmark document's {@code ## } sections that a bench can write on their own, keeping the rest. */
final class BenchSections {

    private BenchSections() {}

    /** {@code document} with the section under {@code heading} replaced by {@code section}, or the section appended. */
    static String replace(String document, String heading, String section) {
        int start = document.indexOf(heading);
        if (start < 0) {
            return document.isBlank() ? section : document.stripTrailing() + "\n\n" + section;
        }
        int next = document.indexOf("\n## ", start + heading.length());
        return document.substring(0, start) + section + (next < 0 ? "" : "\n" + document.substring(next + 1));
    }
}
