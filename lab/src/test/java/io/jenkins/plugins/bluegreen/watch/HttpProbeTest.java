package io.jenkins.plugins.bluegreen.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.model.Color;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class HttpProbeTest {

    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build();

    @Test
    void readsTheColourOfARealBackendByHeaderAndByBody() throws Exception {
        try (DemoBackend green = DemoBackend.start(Color.GREEN, "2.0", 0)) {
            ProbeSample byHeader = new HttpProbe(http, green.url() + "/", ColorMarker.defaultMarker()).probe(7);
            ProbeSample byBody = new HttpProbe(http, green.url() + "/", new ColorMarker.JsonPointerMarker("/color")).probe(8);

            assertThat(byHeader).satisfies(s -> {
                assertThat(s.failed()).as(String.valueOf(s.error())).isFalse();
                assertThat(s.color()).isEqualTo(Color.GREEN);
                assertThat(s.atMillis()).isEqualTo(7);
            });
            assertThat(byBody.color()).isEqualTo(Color.GREEN);
        }
    }

    @Test
    void aServerErrorOrNoAnswerIsAFailedProbe() throws Exception {
        DemoBackend blue = DemoBackend.start(Color.BLUE, "1.0", 0);
        blue.failing(true);
        assertThat(new HttpProbe(http, blue.url() + "/", ColorMarker.defaultMarker()).probe(0))
                .satisfies(s -> assertThat(s.failed()).isTrue())
                .extracting(ProbeSample::status).isEqualTo(500);
        String url = blue.url();
        blue.close();

        ProbeSample refused = new HttpProbe(http, url + "/", ColorMarker.defaultMarker()).probe(0);
        assertThat(refused.failed()).isTrue();
        assertThat(refused.error()).contains("ConnectException");
    }
}
