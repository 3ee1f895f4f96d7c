package io.jenkins.plugins.bluegreen.cli;

/** Entry point of the {@code bluegreen} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.out.println("bluegreen: commands come with the CLI issue");
    }
}
