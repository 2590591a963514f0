package io.rvc4j.engine.io;

import io.rvc4j.core.error.InvalidModelFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fairseq's {@code conv_feature_layers} string, e.g. {@code "[(512,10,5)] + [(512,3,2)] * 4 + [(512,2,2)] * 2"}: a
 * sum of bracketed tuple lists, each optionally repeated. Parsed by hand (fairseq evals it; we never eval).
 */
final class ConvSpec {

    private static final Pattern TERM = Pattern.compile("\\s*\\[([^\\]]*)\\]\\s*(?:\\*\\s*(\\d+))?\\s*");
    private static final Pattern TUPLE = Pattern.compile("\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");
    private static final int MAX_LAYERS = 64;

    private ConvSpec() {
    }

    static List<HubertConfig.ConvLayer> parse(String spec, String source) {
        List<HubertConfig.ConvLayer> out = new ArrayList<>();
        for (String term : spec.split("\\+")) {
            Matcher m = TERM.matcher(term);
            if (!m.matches()) {
                throw bad(spec, source);
            }
            List<HubertConfig.ConvLayer> group = new ArrayList<>();
            Matcher t = TUPLE.matcher(m.group(1));
            int end = 0;
            while (t.find()) {
                if (!m.group(1).substring(end, t.start()).matches("[\\s,]*")) {
                    throw bad(spec, source);
                }
                group.add(new HubertConfig.ConvLayer(num(t.group(1), spec, source), num(t.group(2), spec, source),
                        num(t.group(3), spec, source)));
                end = t.end();
            }
            if (group.isEmpty() || !m.group(1).substring(end).matches("[\\s,]*")) {
                throw bad(spec, source);
            }
            int times = m.group(2) == null ? 1 : num(m.group(2), spec, source);
            for (int i = 0; i < times; i++) {
                out.addAll(group);
                if (out.size() > MAX_LAYERS) {
                    throw bad(spec, source);
                }
            }
        }
        return out;
    }

    private static int num(String s, String spec, String source) {
        try {
            int v = Integer.parseInt(s);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw bad(spec, source);
    }

    private static InvalidModelFileException bad(String spec, String source) {
        return new InvalidModelFileException(source + ": cannot parse conv_feature_layers '" + PickleText.clip(spec)
                + "'");
    }
}
