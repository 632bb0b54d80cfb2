package dev.iamlint.rules.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.Level;
import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.LintRequest;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.engine.Notification;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.testing.RuleFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that parses only once its template placeholders are read as strings gets the IAM001 note
 * and its checks when it is ours, and nothing when it is not (a Helm chart's templates), as a file
 * that does not parse at all.
 */
class TemplatePlaceholderOwnershipTest {

  private static final List<Rule> RULES = Engine.discoverRules(TemplatePlaceholderOwnershipTest.class.getClassLoader());

  @TempDir Path root;

  private void write(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private LintResult run() {
    return new Engine(RULES).run(LintRequest.of(root).withNow(RuleFixtures.NOW).withThreads(1));
  }

  private static List<String> findingsIn(LintResult r, String path) {
    return r.findings().stream().filter(f -> f.location().path().equals(path))
        .map(f -> f.location().span().startLine() + ":" + f.location().span().startColumn() + " " + f.ruleId() + " "
            + f.level())
        .toList();
  }

  // Engine.checkFile must ask Ownership about lenient files too: (loaded.failed() || loaded.lenient()).
  @Test
  void helmChartTemplatesAreNotOursAndSaySoOnlyInVerboseNotices() throws IOException {
    write("charts/web/Chart.yaml", """
        apiVersion: v2
        name: web
        version: 0.1.0
        """);
    write("charts/web/templates/deployment.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}
        spec:
          replicas: {{ .Values.replicaCount }}
          template:
            spec:
              containers:
                - name: web
                  image: {{ .Values.image }}
        """);
    write("charts/web/templates/service.yaml", """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          ports:
            - port: 80
        """);
    LintResult r = run();
    assertEquals(List.of(), r.findings(), "nothing in a Helm chart is AWS access as code");
    List<String> notes = r.notifications().stream().filter(n -> n.level() == Level.NOTE).map(Notification::message).toList();
    assertTrue(notes.stream().anyMatch(m -> m.startsWith("skipped charts/web/templates/deployment.yaml: ")), notes.toString());
    assertTrue(notes.stream().noneMatch(m -> m.contains("service.yaml") || m.contains("Chart.yaml")), notes.toString());
  }

  @Test
  void policiesAndLzaConfigurationWithPlaceholdersKeepTheirNoteAndChecks() throws IOException {
    write("admin.yaml", """
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
          - Effect: Deny
            Action: s3:DeleteBucket
            Resource: {{ LogBucketArn }}
        """);
    write("config/iam-config.yaml", """
        homeRegion: {{ AcceleratorHomeRegion }}
        policySets:
          - deploymentTargets:
              organizationalUnits: [Root]
            policies: []
        """);
    write("templates/build.template", """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: !Sub %TEMPLATE_BUCKET_NAME%
        """);
    LintResult r = run();
    assertEquals(List.of("4:13 IAM201 ERROR", "8:16 IAM001 NOTE"),
        findingsIn(r, "admin.yaml").stream().filter(f -> f.contains("IAM201") || f.contains("IAM001")).sorted().toList());
    assertEquals(List.of("1:14 IAM001 NOTE"), findingsIn(r, "config/iam-config.yaml"));
    assertEquals(List.of("6:24 IAM001 NOTE"), findingsIn(r, "templates/build.template"));
    Finding note = r.findings().stream().filter(f -> f.location().path().equals("templates/build.template")).findFirst().orElseThrow();
    assertTrue(note.message().contains("build placeholders (%NAME%)"), note.message());
  }
}
