package dev.iamlint.core.analysis;

import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyReader;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.SourceFile;
import java.nio.file.Path;
import java.util.Set;

/** Policies written inline in a test, read as the engine reads them. */
final class Policies {

  private Policies() {}

  static PolicyDocument policy(PolicyKind kind, String json) {
    SourceFile file = new SourceFile(Path.of("test.json"), "test.json", Format.JSON);
    LoadedFile loaded = new Loader(Limits.DEFAULT).parse(file, json);
    if (!loaded.problems().isEmpty()) throw new AssertionError(loaded.problems().toString());
    return PolicyReader.read(file, loaded.documents().get(0), kind, Set.of(), null, null, false, "test");
  }

  /** The first statement of an identity policy holding the given statements (JSON objects, comma-separated). */
  static Statement statement(String statementsJson) {
    return identity(statementsJson).statements().get(0);
  }

  static PolicyDocument identity(String statementsJson) {
    return policy(PolicyKind.IDENTITY, "{\"Version\": \"2012-10-17\", \"Statement\": [" + statementsJson + "]}");
  }
}
