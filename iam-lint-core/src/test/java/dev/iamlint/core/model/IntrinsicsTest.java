package dev.iamlint.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Fn::Join read as the Fn::Sub template that gives the same value. */
class IntrinsicsTest {

  private static Node value(Format format, String text) {
    LoadedFile f = new Loader(Limits.DEFAULT).parse(new SourceFile(Path.of("t"), "t", format), text);
    if (!f.problems().isEmpty()) throw new AssertionError(f.problems().toString());
    return ((ObjectNode) f.documents().get(0)).get("Resource").orElseThrow();
  }

  private static String join(String yaml) {
    return Intrinsics.joinTemplate(value(Format.YAML, "Resource: " + yaml + "\n"));
  }

  @Test
  void literalsAndRefsReadAsASubTemplate() {
    assertEquals("arn:aws:rds:${AWS::Region}:${AWS::AccountId}:db:test*",
        join("!Join ['', ['arn:aws:rds:', !Ref 'AWS::Region', ':', !Ref 'AWS::AccountId', ':db:test*']]"));
    assertEquals("arn:${AWS::Partition}:s3:::${Bucket}/*",
        join("!Join [':', ['arn', !Ref AWS::Partition, 's3', '', '', !Join ['', [!Ref Bucket, '/*']]]]"));
    // the long form, a number among the pieces
    assertEquals("arn:aws:iam::123456789012:role/${Name}", Intrinsics.joinTemplate(value(Format.JSON,
        "{\"Resource\": {\"Fn::Join\": [\"\", [\"arn:aws:iam::\", 123456789012, \":role/\", {\"Ref\": \"Name\"}]]}}")));
  }

  @Test
  void subPiecesGiveTheirTemplateAndGetAttItsSubSpelling() {
    assertEquals("arn:aws:s3:::${AWS::StackName}-logs/${Prefix}/*",
        join("!Join ['/', [!Sub 'arn:aws:s3:::${AWS::StackName}-logs', !Sub ['${P}', {P: !Ref Prefix}], '*']]")
            .replace("${P}", "${Prefix}"));
    assertEquals("${Bucket.Arn}/*", join("!Join ['', [!GetAtt Bucket.Arn, '/*']]"));
    assertEquals("${Bucket.Arn}/*", Intrinsics.joinTemplate(value(Format.JSON,
        "{\"Resource\": {\"Fn::Join\": [\"\", [{\"Fn::GetAtt\": [\"Bucket\", \"Arn\"]}, \"/*\"]]}}")));
  }

  @Test
  void otherFunctionsAreSubstitutionsForAnyText() {
    String imported = join("!Join ['', ['arn:aws:s3:::', !ImportValue shared-bucket, '/*']]");
    assertEquals("arn:aws:s3:::${Fn::ImportValue}/*", imported);
    String branch = join("!Join ['', ['arn:aws:s3:::', !If [IsProd, prod, dev], '/*']]");
    assertEquals("arn:aws:s3:::${Fn::If}/*", branch);
    assertEquals("arn:aws:s3:::${Fn::Select}", Intrinsics.joinTemplate(value(Format.JSON,
        "{\"Resource\": {\"Fn::Join\": [\"\", [\"arn:aws:s3:::\", {\"Fn::Select\": [0, [\"a\", \"b\"]]}]]}}")));
    // a template substitution, not an IAM policy variable
    for (String t : new String[] {imported, branch}) {
      assertTrue(Templates.hasTemplateSubstitution(t), t);
      assertFalse(Templates.hasPolicyVariable(t), t);
    }
  }

  @Test
  void joinsThatCannotBeReadStayComputed() {
    assertNull(join("!Join [!Ref Sep, ['a', 'b']]"), "delimiter is a function");
    assertNull(join("!Join ['', !Ref ListParam]"), "list is a function");
    assertNull(join("!Join ['', !Split [',', 'a,b']]"));
    assertNull(join("!Join ['', ['a', [b]]]"), "an item that is a list");
    assertNull(join("!Join ['']"));
    assertNull(join("!Sub 'x'"), "not a join");
    ValueList computed = ValueList.of(null, value(Format.YAML, "Resource: !Join [!Ref Sep, ['a', 'b']]\n"));
    assertTrue(computed.hasComputed());
    assertTrue(computed.isEmpty());
  }

  @Test
  void aValueListHoldsTheJoinAtItsSpanAndIsNotComputed() {
    Node node = value(Format.YAML, "Resource:\n  - arn:aws:s3:::b\n"
        + "  - !Join ['', ['arn:aws:rds:', !Ref 'AWS::Region', ':', !Ref 'AWS::AccountId', ':db:test*']]\n"
        + "  - !If [C, !Join ['', ['arn:aws:s3:::', !Ref B]], !Ref AWS::NoValue]\n");
    ValueList list = ValueList.of(null, node);
    assertFalse(list.hasComputed());
    assertEquals(3, list.values().size());
    Str joined = list.values().get(1);
    assertEquals("arn:aws:rds:${AWS::Region}:${AWS::AccountId}:db:test*", joined.text());
    assertEquals(new Span(3, 5, 3, 94), joined.span());
    assertEquals("/Resource/1", joined.pointer());
    assertEquals("arn:aws:s3:::${B}", list.values().get(2).text());
    assertTrue(ValueList.of(null, value(Format.YAML, "Resource: [!Join ['', [a, b]], !GetAtt R.Arn]\n")).hasComputed(),
        "another function beside the join");
  }
}
