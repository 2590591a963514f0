package io.rvc4j.adapter.http;

import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.engine.Rvc;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /convert/stream} and {@code WS /ws/{session_id}}: the seed's message order (JSON parameters, then binary
 * audio; binary converted audio back; {@code {"error": ...}} on failure) with a defined PCM contract
 * ({@link StreamSetup}), an ack with the effective settings and latency, and {@code {"type": "end"}} at the end.
 */
final class StreamRoutes {
    private static final String LIVE = "rvc.live";

    private final Rvc rvc;
    private final ParamDefaults defaults;
    private final StreamRegistry registry;

    StreamRoutes(Rvc rvc, ParamDefaults defaults, StreamRegistry registry) {
        this.rvc = rvc;
        this.defaults = defaults;
        this.registry = registry;
    }

    /**
     * Validates the seed's JSON parameters now (422 / 404 here rather than on the socket) and issues a session. Unlike
     * the seed's code, these parameters are kept: the socket's first message only overrides what it names.
     */
    void create(Context ctx) {
        JsonFields fields = JsonFields.parse(ctx.body(), "the request body");
        RequestParams params = new RequestParams(fields);
        ModelRef model = params.model(defaults);
        params.conversion(defaults.base());
        StreamSetup.parse(fields);
        rvc.registry().resolve(model);
        StreamRegistry.Pending session = registry.issue(model, fields);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session_id", session.id());
        body.put("websocket_url", "/ws/" + session.id());
        ctx.json(body);
    }

    void socket(WsConfig ws) {
        ws.onConnect(ctx -> {
            Optional<StreamRegistry.Pending> session = registry.claim(ctx.pathParam("session_id"));
            if (session.isEmpty()) {
                ctx.send(JsonFields.MAPPER.writeValueAsString(ApiErrors.body(
                        "unknown, expired or already used session id; get one from POST /convert/stream", null)));
                ctx.closeSession(LiveStream.CLOSE_POLICY, "unknown session");
                return;
            }
            LiveStream live = new LiveStream(session.get(), rvc, defaults, ctx.session);
            ctx.attribute(LIVE, live);
            registry.activate(live);
        });
        ws.onMessage(ctx -> live(ctx).ifPresent(l -> l.onText(ctx.message())));
        ws.onBinaryMessage(ctx -> live(ctx).ifPresent(l -> l.onBinary(ctx.data())));
        ws.onClose(ctx -> live(ctx).ifPresent(l -> {
            registry.deactivate(l);
            l.onClosed();
        }));
        ws.onError(ctx -> live(ctx).ifPresent(l -> {
            registry.deactivate(l);
            l.onClosed();
        }));
    }

    private static Optional<LiveStream> live(WsContext ctx) {
        return Optional.ofNullable(ctx.attribute(LIVE));
    }
}
