package io.jenkins.plugins.bluegreen.drivers.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.lab.NginxLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The snippet users paste is the one the router tests run against real nginx (modulo indentation). */
class NginxDocumentedSnippetTest {

    @Test
    void theDocumentedLuaSnippetIsTheTestedOne() throws Exception {
        String doc = normalized(Files.readString(Path.of("../docs/drivers/nginx.md")));

        assertThat(doc).contains(normalized(NginxLab.ROUTE.replace("SERVICE", "shop")));
        assertThat(doc).contains(normalized(NginxLab.SESSIONS_ROUTE.replace("SERVICE", "shop").replace("COOKIE", "SRV")));
        assertThat(doc).contains(normalized(NginxLab.ADMIN_SERVER.replace("PORT", "8081").replace("SHA1", "<sha1 of the token>")));
    }

    private static String normalized(String text) {
        return text.lines().map(line -> line.strip().replaceAll("\\s+", " ")).filter(line -> !line.isEmpty())
                .collect(Collectors.joining("\n"));
    }
}
