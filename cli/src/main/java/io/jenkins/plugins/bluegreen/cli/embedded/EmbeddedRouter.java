package io.jenkins.plugins.bluegreen.cli.embedded;

import io.jenkins.plugins.bluegreen.model.Color;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A reverse proxy on loopback that sends every request to one colour, switched atomically: the target is one
 * reference read once per request, so each request goes wholly to the old or the new colour, and a request already
 * proxied to the old colour finishes there (the old backend is never cut off). A second loopback port takes the
 * admin calls of {@link EmbeddedDriver}: {@code GET /live}, {@code PUT /live} with {@code blue} or {@code green},
 * {@code GET /health}.
 */
public final class EmbeddedRouter implements AutoCloseable {

    private final Map<Color, HttpURI> backends = new EnumMap<>(Color.class);
    private final AtomicReference<Color> live;
    private final Server server;
    private final ServerConnector publicConnector;
    private final ServerConnector adminConnector;

    private EmbeddedRouter(String blueUrl, String greenUrl, Color initiallyLive, int publicPort, int adminPort) {
        backends.put(Color.BLUE, HttpURI.from(blueUrl));
        backends.put(Color.GREEN, HttpURI.from(greenUrl));
        live = new AtomicReference<>(initiallyLive);
        server = new Server();
        publicConnector = loopbackConnector(publicPort);
        adminConnector = loopbackConnector(adminPort);
        server.addConnector(publicConnector);
        server.addConnector(adminConnector);
        // The proxy is the wrapped handler so the server starts and stops it (and its HTTP client) with itself.
        server.setHandler(new Handler.Wrapper(new ProxyHandler.Reverse(this::target)) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (request.getConnectionMetaData().getConnector() == adminConnector) {
                    return administer(request, response, callback);
                }
                return super.handle(request, response, callback);
            }
        });
        server.setStopTimeout(5_000);
    }

    private ServerConnector loopbackConnector(int port) {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        return connector;
    }

    /**
     * Starts the router on loopback.
     *
     * @param publicPort where users' traffic arrives, 0 for any free port
     * @param adminPort where the driver switches it, 0 for any free port
     */
    public static EmbeddedRouter start(String blueUrl, String greenUrl, Color initiallyLive, int publicPort, int adminPort)
            throws Exception {
        EmbeddedRouter router = new EmbeddedRouter(blueUrl, greenUrl, initiallyLive, publicPort, adminPort);
        router.server.start();
        return router;
    }

    public String publicUrl() {
        return "http://127.0.0.1:" + publicConnector.getLocalPort();
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + adminConnector.getLocalPort();
    }

    public Color live() {
        return live.get();
    }

    /** New requests go to {@code color} from now on; requests in flight finish where they are. */
    public void switchTo(Color color) {
        live.set(color);
    }

    private HttpURI target(Request request) {
        HttpURI backend = backends.get(live.get());
        return HttpURI.build(backend).path(request.getHttpURI().getPath()).query(request.getHttpURI().getQuery());
    }

    private boolean administer(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        if ("/health".equals(path)) {
            return answer(response, callback, HttpStatus.OK_200, "ok");
        }
        if (!"/live".equals(path)) {
            return answer(response, callback, HttpStatus.NOT_FOUND_404, "try GET or PUT /live, or GET /health");
        }
        if ("PUT".equals(method) || "POST".equals(method)) {
            String wanted = Content.Source.asString(request, StandardCharsets.UTF_8).trim().toUpperCase(Locale.ROOT);
            if (!wanted.equals("BLUE") && !wanted.equals("GREEN")) {
                return answer(response, callback, HttpStatus.BAD_REQUEST_400, "send 'blue' or 'green'");
            }
            switchTo(Color.valueOf(wanted));
        }
        return answer(response, callback, HttpStatus.OK_200, live.get().label());
    }

    private static boolean answer(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, text, callback);
        return true;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
