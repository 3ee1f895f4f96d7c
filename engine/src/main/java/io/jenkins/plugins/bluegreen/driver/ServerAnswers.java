package io.jenkins.plugins.bluegreen.driver;

import io.jenkins.plugins.bluegreen.model.Color;
import java.util.List;

/**
 * Optional driver capability: a router made of several servers that each answer for themselves (a DNS primary and
 * its secondaries). When they disagree the router serves no single colour; these answers say who serves what.
 */
public interface ServerAnswers {

    /** What each server answers now; a server that cannot be asked says so in its answer. */
    List<ServerAnswer> serverAnswers();

    /**
     * @param server the server, e.g. {@code 192.0.2.53:53}
     * @param color the colour its answer is, or {@code null} when it is neither (or could not be read)
     * @param answer what it answered, e.g. {@code A 192.0.2.10 (TTL 5 s), serial 7}
     */
    record ServerAnswer(String server, Color color, String answer) {
        public String describe() {
            return server + ": " + (color == null ? "" : color.name() + " ") + answer;
        }
    }
}
