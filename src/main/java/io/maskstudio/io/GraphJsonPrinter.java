package io.maskstudio.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

import java.io.IOException;

/**
 * Pretty printer for graph files: one line per mask row and per layer, {@code "shape": [8, 8]} inline,
 * so a small mask reads (and diffs) like a picture of itself.
 */
final class GraphJsonPrinter extends DefaultPrettyPrinter {

    GraphJsonPrinter() {
        super(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        DefaultIndenter lf = new DefaultIndenter("  ", "\n");
        indentArraysWith(lf);
        indentObjectsWith(lf);
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
        return new GraphJsonPrinter();
    }

    /** Shape arrays and the objects inside "layers" (with everything in them) go on one line. */
    private static boolean inline(JsonGenerator g) {
        for (JsonStreamContext x = g.getOutputContext(); x != null && x.getParent() != null; x = x.getParent()) {
            JsonStreamContext p = x.getParent();
            if (x.inArray() && p.inObject() && "shape".equals(p.getCurrentName())) return true;
            if (x.inObject() && p.inArray() && p.getParent() != null && "layers".equals(p.getParent().getCurrentName())) return true;
        }
        return false;
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        if (inline(g)) g.writeRaw('{'); else super.writeStartObject(g);
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        if (!inline(g)) super.beforeObjectEntries(g);
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        if (inline(g)) g.writeRaw(", "); else super.writeObjectEntrySeparator(g);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        if (inline(g)) g.writeRaw('}'); else super.writeEndObject(g, entries);
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        if (inline(g)) g.writeRaw('['); else super.writeStartArray(g);
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        if (!inline(g)) super.beforeArrayValues(g);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        if (inline(g)) g.writeRaw(", "); else super.writeArrayValueSeparator(g);
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        if (inline(g)) g.writeRaw(']'); else super.writeEndArray(g, values);
    }
}
