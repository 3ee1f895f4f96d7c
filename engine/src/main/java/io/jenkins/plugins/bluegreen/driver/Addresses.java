package io.jenkins.plugins.bluegreen.driver;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The checks every URL- or address-typed setting gets, in the service definition and in every driver, so a spec file,
 * a Jenkins form and a step argument are refused alike, with the field named, before anything runs.
 */
public final class Addresses {

    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9_.-]+|\\[[0-9a-fA-F:.]+\\]):(\\d{1,5})");
    private static final int MAX_PORT = 65_535;

    private Addresses() {}

    /**
     * Refuses anything but an absolute {@code http://} or {@code https://} URL with a host.
     *
     * @param example a URL of the right form for the message, e.g. {@code https://shop.example.com/}
     */
    public static void requireHttpUrl(String field, String url, String example) {
        if (url == null || url.isBlank()) {
            throw new BadInputException(field, "missing; give an absolute http(s) URL, e.g. '" + example + "'");
        }
        // okhttp accepts 'http:/host' and encodes blanks in the path; a spec with either is a typo, not a URL.
        boolean hasBlanks = url.chars().anyMatch(Character::isWhitespace);
        if (hasBlanks || !url.contains("://") || HttpUrl.parse(url) == null) {
            String withScheme = "http://" + url;
            boolean onlySchemeMissing = !hasBlanks && !url.contains("://") && HttpUrl.parse(withScheme) != null;
            throw new BadInputException(field, "'" + url + "' is not an absolute http(s) URL; write the scheme and the host, e.g. '"
                    + (onlySchemeMissing ? withScheme : example) + "'");
        }
    }

    /** Whether {@code address} is {@code host:port}, the host a name, an IPv4 or a bracketed IPv6 address, the port 1 to 65535. */
    public static boolean isHostPort(String address) {
        if (address == null) {
            return false;
        }
        Matcher matcher = HOST_PORT.matcher(address);
        if (!matcher.matches()) {
            return false;
        }
        int port = Integer.parseInt(matcher.group(2));
        return port >= 1 && port <= MAX_PORT;
    }
}
