package io.jenkins.plugins.bluegreen.drivers.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.bluegreen.drivers.DriverTypes;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class NginxDriverConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static NginxDriverConfig config(String includeFile, String upstream, String blue, String green) {
        return new NginxDriverConfig(includeFile, upstream, blue, green, 0, null, null, null, null, null);
    }

    @Test
    void readsASpecDriverBlockWithDefaults() throws Exception {
        NginxDriverConfig config = JSON.readValue("{\"type\":\"nginx\",\"includeFile\":\"/etc/nginx/bluegreen/shop.conf\","
                + "\"upstream\":\"shop\",\"blueAddress\":\"127.0.0.1:9001\",\"greenAddress\":\"127.0.0.1:9002\"}", NginxDriverConfig.class);

        assertThat(config.testCommand()).containsExactly("nginx", "-t");
        assertThat(config.reloadCommand()).containsExactly("nginx", "-s", "reload");
        assertThat(config.markerHeader()).isEqualTo("X-Color");
        assertThat(DriverTypes.all()).containsEntry("nginx", NginxDriverConfig.class);
    }

    @Test
    void rendersAndReadsBackTheUpstreamFile() {
        NginxDriverConfig config = new NginxDriverConfig("/tmp/shop.conf", "shop", "127.0.0.1:9001", "127.0.0.1:9002", 16,
                null, null, null, null, null);
        NginxDriver driver = new NginxDriver(config, new OkHttpClient());

        String green = driver.render(Color.GREEN);
        assertThat(green).contains("upstream shop {\n    server 127.0.0.1:9002;\n    keepalive 16;\n}");
        assertThat(driver.colorOf(green)).contains(Color.GREEN);
        assertThat(driver.colorOf(driver.render(Color.BLUE))).contains(Color.BLUE);
        assertThat(driver.colorOf("upstream shop { server 127.0.0.1:9001; server 127.0.0.1:9002; }")).isEmpty();
        assertThat(driver.colorOf("upstream shop { server 10.0.0.1:80; }")).isEmpty();
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> config("shop.conf", "shop", "127.0.0.1:1", "127.0.0.1:2")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("nginx.includeFile:");
        assertThatThrownBy(() -> config("/x.conf", "shop; }", "127.0.0.1:1", "127.0.0.1:2")).hasMessageStartingWith("nginx.upstream:");
        assertThatThrownBy(() -> config("/x.conf", "shop", "127.0.0.1", "127.0.0.1:2")).hasMessageStartingWith("nginx.blueAddress:");
        assertThatThrownBy(() -> config("/x.conf", "shop", "127.0.0.1:1", "127.0.0.1:1")).hasMessageStartingWith("nginx.greenAddress:");
        assertThatThrownBy(() -> new NginxDriverConfig("/x.conf", "shop", "127.0.0.1:1", "127.0.0.1:2", 0, List.of("nginx", ""),
                null, null, null, null)).hasMessageStartingWith("nginx.testCommand:");
        assertThatThrownBy(() -> new NginxDriverConfig("/x.conf", "shop", "127.0.0.1:1", "127.0.0.1:2", 0, null, null,
                "not a url", null, null)).hasMessageStartingWith("nginx.probeUrl:");
    }

    private static NginxDriverConfig lua(String upstream, String adminUrl, String tokenRef) {
        return new NginxDriverConfig("/x.conf", upstream, "127.0.0.1:1", "127.0.0.1:2", 0, null, null, null, null, null, "lua", adminUrl,
                tokenRef);
    }

    @Test
    void readsTheLuaModeFromASpecAndRendersOneUpstreamPerColourAndTheStartingColour() throws Exception {
        NginxDriverConfig config = JSON.readValue("{\"type\":\"nginx\",\"mode\":\"lua\",\"includeFile\":\"/etc/nginx/bluegreen/shop.conf\","
                + "\"upstream\":\"shop\",\"blueAddress\":\"127.0.0.1:9001\",\"greenAddress\":\"127.0.0.1:9002\",\"keepalive\":8,"
                + "\"adminUrl\":\"http://127.0.0.1:8081/\",\"tokenRef\":\"env:NGINX_ADMIN_TOKEN\"}", NginxDriverConfig.class);
        assertThat(config.adminUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(config.create(new OkHttpClient(), (field, reference) -> "t")).isInstanceOf(NginxLuaDriver.class);
        assertThat(JSON.readValue("{\"includeFile\":\"/x.conf\",\"upstream\":\"shop\",\"blueAddress\":\"127.0.0.1:1\","
                + "\"greenAddress\":\"127.0.0.1:2\"}", NginxDriverConfig.class).mode()).isEqualTo("reload");

        NginxLuaDriver driver = (NginxLuaDriver) config.create(new OkHttpClient(), (field, reference) -> "t");
        String green = driver.render(Color.GREEN);
        assertThat(green).contains("upstream shop_blue {\n    server 127.0.0.1:9001;\n    keepalive 8;\n}",
                "upstream shop_green {\n    server 127.0.0.1:9002;\n    keepalive 8;\n}", "map \"\" $bluegreen_shop_file {\n    default green;\n}");
    }

    @Test
    void badLuaSettingsNameTheFieldAndTheFix() {
        assertThatThrownBy(() -> new NginxDriverConfig("/x.conf", "shop", "127.0.0.1:1", "127.0.0.1:2", 0, null, null, null, null, null,
                "hot", null, null)).hasMessageStartingWith("nginx.mode:").hasMessageContaining("'reload'").hasMessageContaining("'lua'");
        assertThatThrownBy(() -> lua("shop", null, "env:T")).hasMessageStartingWith("nginx.adminUrl: missing");
        assertThatThrownBy(() -> lua("shop", "http://10.0.0.5:8081", "env:T")).hasMessageStartingWith("nginx.adminUrl:")
                .hasMessageContaining("not on loopback");
        assertThatThrownBy(() -> lua("shop", "http://127.0.0.1:8081/bluegreen/shop", "env:T")).hasMessageStartingWith("nginx.adminUrl:")
                .hasMessageContaining("has a path");
        assertThatThrownBy(() -> lua("shop", "http://127.0.0.1:8081", null)).hasMessageStartingWith("nginx.tokenRef: missing");
        assertThatThrownBy(() -> lua("shop-web", "http://127.0.0.1:8081", "env:T")).hasMessageStartingWith("nginx.upstream:")
                .hasMessageContaining("letters, digits and '_'");
        assertThatThrownBy(() -> new NginxDriverConfig("/x.conf", "shop", "127.0.0.1:1", "127.0.0.1:2", 0, null, null, null, null, null,
                null, "http://127.0.0.1:8081", null)).hasMessageStartingWith("nginx.adminUrl:").hasMessageContaining("set mode: lua");
    }

    @Test
    void theFilesStartingColourIsReadInAnyFormNginxAccepts() {
        NginxLuaDriver driver = (NginxLuaDriver) lua("shop", "http://127.0.0.1:8081", "env:T").create(new OkHttpClient(), (f, r) -> "t");
        assertThat(BlockDirectives.firstArguments("map $host $bluegreen_shop_file{default 'green' ;}# x",
                head -> head.size() == 3 && head.get(2).equals("$bluegreen_shop_file"), "default")).containsExactly("green");
        assertThat(driver.render(Color.BLUE)).contains("default blue;");
    }
}
