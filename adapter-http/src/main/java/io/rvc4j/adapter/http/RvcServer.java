package io.rvc4j.adapter.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.rvc4j.engine.Rvc;
import io.rvc4j.engine.registry.ModelInstaller;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the seed's API and the extras on one Javalin app over one engine. The engine belongs to the caller
 * (Main closes it after {@link #stop()}).
 */
final class RvcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RvcServer.class);
    /** Largest WebSocket message: 4 s of 8-channel f32 PCM at 48 kHz is 6 MB; 8 MB leaves room. */
    private static final long MAX_WS_MESSAGE_BYTES = 8L * 1024 * 1024;
    private static final long MAX_WS_TEXT_BYTES = 64L * 1024;
    private static final String SHUTTING_DOWN = "the server is shutting down";

    private final ServerConfig config;
    private final BodyLimit bodyLimit;
    private final AccessGuard guard;
    private final InFlight inFlight = new InFlight();
    private final WorkQueue queue;
    private final StreamRegistry streams;
    private final SeedRoutes seed;
    private final StreamRoutes streamRoutes;
    private final CoverRoutes cover;
    private final ModelRoutes models;
    private final HealthRoutes health;
    private final DocsRoutes docs = new DocsRoutes();
    private final List<String> routes = new CopyOnWriteArrayList<>();
    private final Javalin app;
    /** The device the engine actually runs on (the config may say {@code auto}). */
    private final Supplier<String> deviceInUse;
    private boolean stopped;

    RvcServer(Rvc rvc, ServerConfig config) {
        this.config = config;
        this.bodyLimit = new BodyLimit(config.maxUploadBytes(), config.maxModelUploadBytes());
        this.guard = new AccessGuard(config, bodyLimit);
        this.queue = new WorkQueue(config.workers(), config.queueSize());
        this.streams = new StreamRegistry(config.maxStreams(), config.sessionTtl(), config.streamIdle());
        this.seed = new SeedRoutes(rvc, config.defaults(), queue);
        this.streamRoutes = new StreamRoutes(rvc, config.defaults(), streams);
        this.cover = new CoverRoutes(rvc, config.defaults(), queue);
        this.models = new ModelRoutes(rvc, new ModelInstaller(config.modelsDir(), config.maxModelUploadBytes()));
        this.health = new HealthRoutes(rvc, config, guard, queue, streams);
        this.deviceInUse = () -> rvc.checkHealth().health().device().name();
        this.app = Javalin.create(this::configure);
    }

    private void configure(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        // Javalin's and Jetty's limits are route-blind, so they get the larger limit; BodyLimit, the server's outermost
        // handler (Javalin nests its servlet context inside it), holds each route to its own while the body is read.
        cfg.http.maxRequestSize = bodyLimit.largest();
        cfg.jetty.multipartConfig.maxFileSize(bodyLimit.largest(), SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxTotalRequestSize(bodyLimit.largest(), SizeUnit.BYTES);
        cfg.jetty.modifyServer(server -> server.setHandler(bodyLimit));
        cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
        cfg.jetty.modifyServletContextHandler(handler -> handler.addEventListener(inFlight));
        cfg.jetty.modifyWebSocketServletFactory(factory -> {
            factory.setMaxBinaryMessageSize(MAX_WS_MESSAGE_BYTES);
            factory.setMaxTextMessageSize(MAX_WS_TEXT_BYTES);
            // Our own idle rule (StreamRegistry) closes with a message; Jetty's would just drop the socket.
            factory.setIdleTimeout(config.streamIdle().plus(Duration.ofSeconds(30)));
        });
        configureCors(cfg, config.corsOrigins());
        cfg.events.handlerAdded(h -> routes.add(h.getHttpMethod() + " " + h.getPath()));
        cfg.events.wsHandlerAdded(h -> routes.add("WS " + h.getPath()));

        cfg.routes.before(guard::check);
        cfg.routes.get("/", seed::root);
        cfg.routes.get("/models", seed::models);
        cfg.routes.post("/models", models::upload);
        cfg.routes.delete("/models/{name}", models::delete);
        cfg.routes.post("/convert", seed::convert);
        cfg.routes.post("/convert/stream", streamRoutes::create);
        cfg.routes.ws("/ws/{session_id}", streamRoutes::socket);
        cfg.routes.post("/cover", cover::cover);
        cfg.routes.get("/health", health::live);
        cfg.routes.get("/ready", health::ready);
        cfg.routes.get("/openapi.json", docs::openApi);
        cfg.routes.get("/docs", docs::page);
        cfg.routes.get("/docs/{asset}", docs::asset);
        ApiErrors.register(cfg.routes);
    }

    private static void configureCors(JavalinConfig cfg, List<String> origins) {
        if (origins.isEmpty()) {
            return;
        }
        cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
            if (origins.contains("*")) {
                rule.anyHost();
            } else {
                rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
            }
            rule.exposeHeader("Content-Disposition");
            rule.exposeHeader("Retry-After");
        }));
    }

    RvcServer start() {
        app.start(config.host(), config.port());
        LOG.info("rvc-server listening on {}:{} (models: {}, device: {} (asked: {}), API key {})", config.host(),
                port(), config.modelsDir().toAbsolutePath(), deviceInUse.get(), config.device(),
                config.apiKey().isPresent() ? "on" : "off");
        return this;
    }

    /** Every route as {@code METHOD /path} ({@code WS /path} for sockets), in registration order. */
    List<String> routes() {
        return List.copyOf(routes);
    }

    int port() {
        return app.port();
    }

    /**
     * Graceful stop: refuse new work (503); let admitted conversions (running, queued, or still uploading) finish and
     * their responses go out; let live streams convert and send what they have received, then end them with a message
     * (1001); all within the grace period, after which what is left is cut off. Then stop Jetty. Idempotent.
     */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        guard.startDraining();
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        streams.endAll(SHUTTING_DOWN);
        try {
            boolean drained = queue.drain(config.shutdownGrace().toMillis()) && inFlight.awaitIdle(deadline)
                    && streams.awaitClosed(deadline);
            if (!drained) {
                LOG.warn("stopping with work still in flight after {} s", config.shutdownGrace().toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        streams.closeAll(SHUTTING_DOWN);
        streams.close();
        app.stop();
        queue.close();
    }

    @Override
    public void close() {
        stop();
    }
}
