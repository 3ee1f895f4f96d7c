package io.jenkins.plugins.bluegreen.drivers.nginx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads the addresses that the {@code server} directives of one {@code upstream} block name, from an nginx
 * configuration in any form nginx itself reads: one line or many, any whitespace between words, comments, quoted
 * words. A person may write the driver's include file by hand (docs/drivers/nginx.md shows it on one line), and the
 * read-back must still say what nginx serves.
 */
final class UpstreamServers {

    private final String text;
    private int position;

    private UpstreamServers(String text) {
        this.text = text;
    }

    /** The address of every {@code server} directive directly inside {@code upstream <name> { ... }}, in order. */
    static List<String> in(String configuration, String upstream) {
        return new UpstreamServers(configuration).serversOf(List.of("upstream", upstream));
    }

    private List<String> serversOf(List<String> blockHead) {
        List<String> servers = new ArrayList<>();
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
                if (blockHead.equals(enclosingBlocks.peek()) && words.size() >= 2 && words.get(0).equals("server")) {
                    servers.add(words.get(1));
                }
                words.clear();
                position++;
            } else {
                words.add(c == '"' || c == '\'' ? quotedWord(c) : bareWord());
            }
        }
        return servers;
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
