package dev.iamlint.core.report;

import java.io.IOException;
import java.io.Writer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;

/**
 * Pretty-printed JSON written token by token with Jackson's streaming generator: the JSON and
 * SARIF reports. No tree and no data binding: a report of 100,000 findings never exists as one
 * tree or one string, and setting up an {@code ObjectMapper} (a hundred milliseconds of class
 * loading in a fresh JVM) is not on the path of every run.
 *
 * <p>Two-space indent, {@code "key": value}, and {@code "\n"} on every platform: reports are
 * compared as golden files and diffed in pull requests, so the bytes must not depend on the
 * machine.
 */
final class JsonOut {

  private static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
  private static final DefaultPrettyPrinter PRETTY = prettyPrinter();

  /** What a report writes between the generator's opening and closing. */
  @FunctionalInterface
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private JsonOut() {}

  /** Writes one JSON value and a trailing newline; does not close {@code out}. */
  static void write(Writer out, Body body) throws IOException {
    ObjectWriteContext pretty = new ObjectWriteContext.Base() {
      @Override
      public PrettyPrinter getPrettyPrinter() {
        return PRETTY.createInstance(); // stateful (the indent level): one per generator
      }

      @Override
      public boolean hasPrettyPrinter() {
        return true;
      }
    };
    try (JsonGenerator g = FACTORY.createGenerator(pretty, out)) {
      body.write(g);
    } catch (JacksonException e) {
      if (e.getCause() instanceof IOException io) throw io;
      throw new IOException(e.getMessage(), e);
    }
    out.write('\n');
    out.flush();
  }

  /** A string property, or {@code null} when there is no value (as the reports always wrote it). */
  static void string(JsonGenerator g, String name, String value) {
    if (value == null) {
      g.writeNullProperty(name);
    } else {
      g.writeStringProperty(name, value);
    }
  }

  /** {@code "name": {"text": value}}: SARIF's message objects. */
  static void text(JsonGenerator g, String name, String value) {
    g.writeObjectPropertyStart(name);
    string(g, "text", value);
    g.writeEndObject();
  }

  private static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators = Separators.createDefaultInstance()
        .withObjectNameValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator("");
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter(separators);
    pp.indentArraysWith(indenter);
    pp.indentObjectsWith(indenter);
    return pp;
  }
}
