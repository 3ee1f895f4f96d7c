package io.jenkins.plugins.bluegreen.drivers.nginx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the first argument of one directive inside one block (the addresses of an {@code upstream}'s {@code server}
 * directives, the {@code default} of a {@code map}), from an nginx configuration in any form nginx itself reads: one
 * line or many, any whitespace between words, comments, quoted words. A person may write the driver's include file by
 * hand (docs/drivers/nginx.md shows it on one line), and the read-back must still say what nginx serves.
 */
final class BlockDirectives {

    private final String text;
    private int position;

    private BlockDirectives(String text) {
        this.text = text;
    }

    /** The address of every {@code server} directive directly inside {@code upstream <name> { ... }}, in order. */
    static List<String> upstreamServers(String configuration, String upstream) {
        return firstArguments(configuration, List.of("upstream", upstream)::equals, "server");
    }

    /**
     * The first argument of every {@code directive} directly inside a block whose head (its words, unquoted, e.g.
     * {@code map}, empty, {@code $bluegreen_shop_file}) is accepted by {@code blockHead}, in order.
     */
    static List<String> firstArguments(String configuration, Predicate<List<String>> blockHead, String directive) {
        return new BlockDirectives(configuration).argumentsOf(blockHead, directive);
    }

    private List<String> argumentsOf(Predicate<List<String>> blockHead, String directive) {
        List<String> arguments = new ArrayList<>();
        Deque<List<String>> enclosingBlocks = new ArrayDeque<>();
        List<String> words = new ArrayList<>();
        while (position < text.length()) {
            char c = text.charAt(position);
            if (Character.isWhitespace(c)) {
                position++;
            } else if (c == '#') {
                skipComment();
            } else if (c == '{') {
                enclosingBlocks.push(List.copyOf(words));
                words.clear();
                position++;
            } else if (c == '}') {
                enclosingBlocks.poll();
                words.clear();
                position++;
            } else if (c == ';') {
                if (!enclosingBlocks.isEmpty() && blockHead.test(enclosingBlocks.peek()) && words.size() >= 2 && words.get(0).equals(directive)) {
                    arguments.add(words.get(1));
                }
                words.clear();
                position++;
            } else {
                words.add(c == '"' || c == '\'' ? quotedWord(c) : bareWord());
            }
        }
        return arguments;
    }

    private void skipComment() {
        while (position < text.length() && text.charAt(position) != '\n') {
            position++;
        }
    }

    private String bareWord() {
        int start = position;
        while (position < text.length() && !Character.isWhitespace(text.charAt(position)) && "{};".indexOf(text.charAt(position)) < 0) {
            position++;
        }
        return text.substring(start, position);
    }

    /** A word in quotes, where a backslash escapes the next character (as nginx reads it). */
    private String quotedWord(char quote) {
        StringBuilder word = new StringBuilder();
        position++;
        while (position < text.length() && text.charAt(position) != quote) {
            if (text.charAt(position) == '\\' && position + 1 < text.length()) {
                position++;
            }
            word.append(text.charAt(position++));
        }
        position++;
        return word.toString();
    }
}
