package dev.iamlint.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoaderTest {

  private static LoadedFile parse(Format f, String text) {
    return new Loader(Limits.DEFAULT).parse(new SourceFile(Path.of("x"), "x", f), text);
  }

  private static Node at(Node root, String... path) {
    Node n = root;
    for (String p : path) {
      n = n instanceof ObjectNode o ? o.get(p).orElseThrow() : ((ArrayNode) n).items().get(Integer.parseInt(p));
    }
    return n;
  }

  @Test
  void readAtMostStopsAtTheLimit(@org.junit.jupiter.api.io.TempDir Path tmp) throws java.io.IOException {
    Path f = java.nio.file.Files.write(tmp.resolve("f.json"), new byte[100]);
    assertEquals(100, Loader.readAtMost(f, 100).bytes().length);
    Loader.Bytes over = Loader.readAtMost(f, 99);
    assertEquals(null, over.bytes());
    assertEquals(100, over.size());
    Path empty = java.nio.file.Files.write(tmp.resolve("e.json"), new byte[0]);
    assertEquals(0, Loader.readAtMost(empty, 10).bytes().length);
    // A file whose size the system does not know (procfs says 0) is read to its end.
    Path proc = Path.of("/proc/self/status");
    if (java.nio.file.Files.isReadable(proc)) {
      assertTrue(new String(Loader.readAtMost(proc, 1 << 20).bytes(), java.nio.charset.StandardCharsets.UTF_8).contains("Pid:"));
      assertEquals(null, Loader.readAtMost(proc, 10).bytes(), "past the limit while read");
    }
    LoadedFile tooBig = new Loader(new Limits(99, 200, 1000, 200, 1000)).load(new SourceFile(f, "f.json", Format.JSON));
    assertTrue(tooBig.problems().get(0).message().startsWith("file is 100 bytes, over the limit of 99 bytes"),
        tooBig.problems().toString());
  }

  @Test
  void jsonSpansCoverTheTokenWithExclusiveEnd() {
    LoadedFile f = parse(Format.JSON, "{\n  \"Action\": \"*\",\n  \"Resource\": [\"a\", 12]\n}");
    Node star = at(f.documents().get(0), "Action");
    assertEquals(new Span(2, 13, 2, 16), star.span());
    assertEquals("/Action", star.pointer());
    Node twelve = at(f.documents().get(0), "Resource", "1");
    assertEquals(new Span(3, 21, 3, 23), twelve.span());
    assertEquals("/Resource/1", twelve.pointer());
    ObjectNode.Entry e = ((ObjectNode) f.documents().get(0)).entry("Resource");
    assertEquals(new Span(3, 3, 3, 13), e.keySpan());
  }

  @Test
  void crlfAndBomKeepColumns() {
    LoadedFile f = parse(Format.JSON, "{\r\n\r\n    \"A\": \"b\"\r\n}");
    assertEquals(new Span(3, 10, 3, 13), at(f.documents().get(0), "A").span());
  }

  @Test
  void aThirdOccurrenceReplacesTheSecond() {
    for (Format format : Format.values()) {
      String text = format == Format.JSON ? "{\"a\": 1,\n \"a\": 2,\n \"a\": 3}" : "a: 1\na: 2\na: 3\n";
      LoadedFile f = parse(format, text);
      assertEquals(List.of(1, 2), f.problems().stream().map(p -> p.related().startLine()).toList(), format.name());
      assertTrue(f.problems().get(1).message().contains("the value at line 2 is silently replaced"), f.problems().toString());
    }
  }

  @Test
  void duplicateKeysAreProblemsAndLastWins() {
    LoadedFile f = parse(Format.JSON, "{\"a\": 1,\n \"a\": 2}");
    assertEquals(1, f.problems().size());
    LoadProblem p = f.problems().get(0);
    assertEquals(LoadProblem.Kind.DUPLICATE_KEY, p.kind());
    assertEquals(Span.at(2, 2).startLine(), p.span().startLine());
    assertEquals(2, p.span().startColumn());
    assertEquals(2L, ((Number) ((ScalarNode) at(f.documents().get(0), "a")).value()).longValue());
  }

  @Test
  void jsonTemplateValidOnlyAsYamlIsReadAsYamlWithANote() {
    LoadedFile f = parse(Format.JSON, "{\"Resources\": {\"R\": {\"Type\": \"AWS::SNS::Topic\",},},\n \"Outputs\": {}}");
    assertTrue(!f.failed(), "CloudFormation reads templates as YAML, so a trailing comma deploys");
    assertEquals(1, f.documents().size());
    assertEquals(LoadProblem.Kind.NOT_STRICT, f.problems().get(0).kind());
    Node type = at(f.documents().get(0), "Resources", "R", "Type");
    assertEquals(new Span(1, 30, 1, 47), type.span()); // positions are those of the text
  }

  @Test
  void unquotedLzaPlaceholdersAreReadAsStringsAtTheirPositions() {
    // LZA resource-policy JSON: ACCEL_LOOKUP placeholders written unquoted, substituted by LZA first.
    LoadedFile f = parse(Format.JSON, "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\",\n"
        + " \"Resource\": ${ACCEL_LOOKUP::EKS:ClusterArn}, \"Sid\": \"s\"}]}");
    assertTrue(!f.failed(), String.valueOf(f.problems()));
    assertEquals(LoadProblem.Kind.NOT_STRICT, f.problems().get(0).kind());
    ScalarNode r = (ScalarNode) at(f.documents().get(0), "Statement", "0", "Resource");
    assertEquals("${ACCEL_LOOKUP::EKS:ClusterA}", r.text());
    assertEquals(new Span(2, 14, 2, 45), r.span()); // the placeholder as written
    assertEquals(new Span(2, 54, 2, 57), at(f.documents().get(0), "Statement", "0", "Sid").span());
    // LZA YAML configuration: {{ }} where a value starts; inside quotes it is left alone.
    LoadedFile y = parse(Format.YAML, "homeRegion: &HOME {{ AcceleratorHomeRegion }}\nname: \"a {{ b }}\"\n");
    assertTrue(!y.failed(), String.valueOf(y.problems()));
    assertEquals("{{AcceleratorHomeRegion}}", ((ScalarNode) at(y.documents().get(0), "homeRegion")).text());
    assertEquals("a {{ b }}", ((ScalarNode) at(y.documents().get(0), "name")).text());
    // Not a placeholder: still a syntax error.
    assertTrue(parse(Format.JSON, "{\"a\": $ref}").failed());
  }

  @Test
  void buildPlaceholdersStartingAValueAreReadAsTemplateValuesAtTheirPositions() {
    // AWS Solutions templates: %NAME% tokens that the build script replaces before publishing.
    String y = """
        Description: '(SO0089) - %SOLUTION_NAME% Solution. Version: %VERSION%'
        Resources:
          B:
            Properties:
              BucketName: !Sub %TEMPLATE_BUCKET_NAME%
              Key: %SOLUTION_NAME%/%VERSION%/x.zip
              Tags: [%A%, {Value: %VERSION%}, after]
              Note: Version %VERSION% stays as written
        """;
    LoadedFile f = parse(Format.YAML, y);
    assertTrue(!f.failed(), String.valueOf(f.problems()));
    assertEquals(1, f.problems().size(), String.valueOf(f.problems()));
    LoadProblem note = f.problems().get(0);
    assertEquals(LoadProblem.Kind.NOT_STRICT, note.kind());
    assertTrue(note.message().contains("build placeholders (%NAME%)"), note.message());
    assertEquals(Span.at(5, 24).startLine(), note.span().startLine()); // where the strict parse stopped
    Node root = f.documents().get(0);
    assertEquals("(SO0089) - %SOLUTION_NAME% Solution. Version: %VERSION%", ((ScalarNode) at(root, "Description")).text());
    ScalarNode bucket = (ScalarNode) at(root, "Resources", "B", "Properties", "BucketName");
    assertEquals("Sub", bucket.tag());
    assertEquals("<%TEMPLATE_BUCKET_NAM%", bucket.text());
    assertTrue(dev.iamlint.core.analysis.Templates.startsTemplated(bucket.text()));
    assertEquals(new Span(5, 19, 5, 46), bucket.span()); // the tagged value as written, tag first
    ScalarNode key = (ScalarNode) at(root, "Resources", "B", "Properties", "Key");
    assertEquals("<%SOLUTION_NAM%/%VERSION%/x.zip", key.text());
    assertEquals(new Span(6, 12, 6, 43), key.span());
    Node tags = at(root, "Resources", "B", "Properties", "Tags");
    assertEquals("<%%", ((ScalarNode) at(tags, "0")).text());
    assertEquals(new Span(7, 27, 7, 36), at(tags, "1", "Value").span());
    assertEquals(new Span(7, 39, 7, 44), at(tags, "2").span()); // positions after the placeholders
    assertEquals("Version %VERSION% stays as written", ((ScalarNode) at(root, "Resources", "B", "Properties", "Note")).text());

    LoadedFile both = parse(Format.YAML, "a: {{ Region }}\nb: %BUILD%\n");
    assertTrue(!both.failed(), String.valueOf(both.problems()));
    assertTrue(both.problems().get(0).message().contains("template ({{ }}) and build (%NAME%)"), both.problems().toString());
    LoadedFile lza = parse(Format.YAML, "a: {{ Region }}\n");
    assertEquals("holds unquoted template placeholders that the tool deploying it substitutes before reading it "
        + "(as Landing Zone Accelerator does); read with them as strings", lza.problems().get(0).message());
  }

  @Test
  void percentSignsYamlAcceptsOrThatAreNoPlaceholderAreLeftAlone() {
    // A directive: valid YAML, parsed strictly, no note.
    LoadedFile directive = parse(Format.YAML, "%YAML 1.2\n---\nVersion: '2012-10-17'\nStatement: []\n");
    assertEquals(List.of(), directive.problems());
    assertEquals("2012-10-17", ((ScalarNode) at(directive.documents().get(0), "Version")).text());
    // Not a %NAME% token (a space, nothing closing it): still the syntax error it was.
    assertTrue(parse(Format.YAML, "a: %not a placeholder%\n").failed());
    assertTrue(parse(Format.YAML, "a: %OPEN\n").failed());
    // A placeholder in a quoted value or a comment is no problem for YAML: nothing to recover.
    assertEquals(List.of(), parse(Format.YAML, "a: '%X%' # %Y%\nb: \"%Z%\"\n").problems());
  }

  @Test
  void policyValidOnlyAsYamlStaysASyntaxError() {
    LoadedFile f = parse(Format.JSON, "{\"Version\": \"2012-10-17\", \"Statement\": [],}");
    assertTrue(f.failed(), "IAM parses policies as JSON");
    assertEquals(LoadProblem.Kind.SYNTAX, f.problems().get(0).kind());
  }

  @Test
  void jsonSyntaxErrorHasParserPosition() {
    LoadedFile f = parse(Format.JSON, "{\n  \"a\": [1, 2,]\n}");
    assertTrue(f.failed());
    LoadProblem p = f.problems().get(0);
    assertEquals(LoadProblem.Kind.SYNTAX, p.kind());
    assertEquals(2, p.span().startLine());
    assertEquals(14, p.span().startColumn()); // the ']' after the trailing comma
  }

  @Test
  void yamlTagsAnchorsAndPositions() {
    String y = "Base: &b\n  Effect: Allow\nName: !Sub '${AWS::StackName}-x'\nRef: !Ref Bucket\nCopy: *b\n";
    LoadedFile f = parse(Format.YAML, y);
    assertEquals(List.of(), f.problems());
    Node root = f.documents().get(0);
    ScalarNode sub = (ScalarNode) at(root, "Name");
    assertEquals("Sub", sub.tag());
    assertEquals("${AWS::StackName}-x", sub.text());
    assertEquals(3, sub.span().startLine());
    assertEquals("Ref", ((ScalarNode) at(root, "Ref")).tag());
    assertInstanceOf(ObjectNode.class, at(root, "Copy"));
    assertEquals("Allow", ((ScalarNode) at(root, "Copy", "Effect")).text());
  }

  @Test
  void yamlScalarsResolveWithTheCoreSchema() {
    LoadedFile f = parse(Format.YAML, "v: 2012-10-17\nb: true\nn: 42\nz: ~\ns: '42'\n");
    Node r = f.documents().get(0);
    assertEquals(ScalarNode.Type.STRING, ((ScalarNode) at(r, "v")).type());
    assertEquals(ScalarNode.Type.BOOLEAN, ((ScalarNode) at(r, "b")).type());
    assertEquals(ScalarNode.Type.NUMBER, ((ScalarNode) at(r, "n")).type());
    assertEquals(ScalarNode.Type.NULL, ((ScalarNode) at(r, "z")).type());
    assertEquals(ScalarNode.Type.STRING, ((ScalarNode) at(r, "s")).type());
  }

  @Test
  void yamlErrorPointsAtTheProblemMark() {
    LoadedFile f = parse(Format.YAML, "a: 1\nb:\n\t- x\n");
    LoadProblem p = f.problems().get(0);
    assertEquals(LoadProblem.Kind.SYNTAX, p.kind());
    assertEquals(3, p.span().startLine());
    assertEquals(1, p.span().startColumn());
  }

  @Test
  void billionLaughsHitsTheNodeLimit() {
    StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char p = (char) (c - 1);
      y.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++) y.append(i == 0 ? "" : ", ").append('*').append(p);
      y.append("]\n");
    }
    LoadedFile f = parse(Format.YAML, y.toString());
    assertEquals(LoadProblem.Kind.LIMIT, f.problems().get(0).kind());
  }

  @Test
  void embeddedJsonInABlockScalarMapsToFilePositions() {
    String y = "InlinePolicy: |\n  {\n    \"Statement\": [{\"Action\": \"*\"}]\n  }\n";
    LoadedFile f = parse(Format.YAML, y);
    ScalarNode s = (ScalarNode) at(f.documents().get(0), "InlinePolicy");
    EmbeddedJson.Result r = EmbeddedJson.parse(s, Limits.DEFAULT);
    assertEquals(List.of(), r.problems());
    Node star = at(r.root(), "Statement", "0", "Action");
    assertEquals(new Span(3, 30, 3, 33), star.span());
  }

  @Test
  void embeddedJsonInAJsonStringMapsThroughEscapes() {
    String j = "{\"Doc\": \"{\\\"Statement\\\": {\\\"Action\\\": \\\"*\\\"}}\"}";
    LoadedFile f = parse(Format.JSON, j);
    ScalarNode s = (ScalarNode) at(f.documents().get(0), "Doc");
    EmbeddedJson.Result r = EmbeddedJson.parse(s, Limits.DEFAULT);
    Node star = at(r.root(), "Statement", "Action");
    int col = j.indexOf("\\\"*\\\"") + 2; // the quote after its escaping backslash
    assertEquals(1, star.span().startLine());
    assertEquals(col, star.span().startColumn());
  }

  @Test
  void decodeRejectsBinaryAndBadUtf8WithPosition() {
    assertEquals(LoadProblem.Kind.ENCODING, Loader.decode(new byte[] {'{', 0, '}'}).problem().kind());
    Loader.Decoded d = Loader.decode(new byte[] {'{', '\n', ' ', (byte) 0xC3, '}'});
    assertEquals(2, d.problem().span().startLine());
    assertEquals(2, d.problem().span().startColumn());
    assertEquals("{}", Loader.decode(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}).text());
  }

  /** A file with placeholders that still fails once they are read as strings: its real error is reported. */
  @Test
  void anErrorPastThePlaceholdersIsTheOneReported() {
    LoadedFile f = parse(Format.YAML, "homeRegion: {{ AcceleratorHomeRegion }}\nvpcs:\n  - name: a\n    region: *HOME_REGION\n");
    assertTrue(f.failed());
    LoadProblem p = f.problems().get(0);
    assertEquals(LoadProblem.Kind.SYNTAX, p.kind());
    assertEquals(4, p.span().startLine(), p.toString());
    assertTrue(p.message().contains("HOME_REGION"), p.message());
  }
}
