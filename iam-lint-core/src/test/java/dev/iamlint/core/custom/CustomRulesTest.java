package dev.iamlint.core.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.LintException;
import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.LintRequest;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.engine.Notification;
import dev.iamlint.core.report.SarifReporter;
import dev.iamlint.core.Level;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.rule.RuleDocs;
import dev.iamlint.core.testing.RuleJarBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declarative rules and rule jars through the engine: matching, settings, validation, failures. */
class CustomRulesTest {

  @TempDir Path root;

  private static final String ADMIN_S3 = """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
      """;

  private static final String NO_DELETE = """
      customRules:
        - id: ACME001
          name: no-s3-delete-bucket
          level: error
          message: "{action}: S3 buckets are deleted by the platform pipeline only"
          match: { actions: [s3:DeleteBucket] }
      """;

  private void write(String path, String text) throws IOException {
    Path f = root.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  private LintResult run() {
    return run(LintRequest.of(root));
  }

  private LintResult run(LintRequest request) {
    return new Engine(List.of()).run(request.withThreads(1));
  }

  private static List<Finding> of(LintResult r, String id) {
    return r.findings().stream().filter(f -> f.ruleId().equals(id)).toList();
  }

  @Test
  void aServiceWildcardGrantsTheDeclaredActionAndTheMessageNamesIt() throws IOException {
    write(".iam-lint.yaml", NO_DELETE);
    write("policies/storage.json", ADMIN_S3);
    List<Finding> found = of(run(), "ACME001");
    assertEquals(1, found.size(), found.toString());
    Finding f = found.get(0);
    assertEquals(Level.ERROR, f.level());
    assertEquals("no-s3-delete-bucket", f.ruleName());
    assertEquals("s3:DeleteBucket: S3 buckets are deleted by the platform pipeline only", f.message());
    assertEquals("policies/storage.json", f.location().path());
    assertEquals(1, f.location().span().startLine());
    assertEquals("/Statement/0/Action", f.location().pointer());
  }

  @Test
  void levelsOffAndSuppressionsWorkAsForBuiltInRules() throws IOException {
    write("policies/storage.json", ADMIN_S3);
    write(".iam-lint.yaml", NO_DELETE + "rules:\n  no-s3-delete-bucket: note\n");
    assertEquals(Level.NOTE, of(run(), "ACME001").get(0).level());
    write(".iam-lint.yaml", NO_DELETE + "rules:\n  acme001: off\n");
    assertEquals(List.of(), of(run(), "ACME001"));
    assertEquals(List.of(), run(LintRequest.of(root).withRuleLevels(java.util.Map.of("ACME001", "off"))).findings());
    write(".iam-lint.yaml", NO_DELETE + "suppressions:\n  - { rule: ACME001, paths: [\"policies/**\"], reason: reviewed }\n");
    assertTrue(of(run(), "ACME001").get(0).suppressed());
  }

  @Test
  void aRuleWithoutOptionsTakesNone() throws IOException {
    write(".iam-lint.yaml", NO_DELETE + "rules:\n  ACME001:\n    options: { sensitiveActions: [s3:*] }\n");
    LintException e = assertThrows(LintException.class, this::run);
    assertTrue(e.getMessage().contains("ACME001 has no option 'sensitiveActions' (it takes no options)"), e.getMessage());
  }

  @Test
  void effectDenyMatchesDenyStatementsOnly() throws IOException {
    write(".iam-lint.yaml", """
        customRules:
          - id: ACME010
            name: no-deny-on-logging
            message: logging may not be denied here
            match: { effect: Deny, actions: ["logs:PutLogEvents"] }
        """);
    write("a.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"logs:*\", \"Resource\": \"*\"}]}");
    write("b.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"logs:*\", \"Resource\": \"*\"}]}");
    List<Finding> found = of(run(), "ACME010");
    assertEquals(List.of("a.json"), found.stream().map(f -> f.location().path()).toList());
  }

  @Test
  void pathsAndPermissionSetKindNarrowTheRule() throws IOException {
    write(".iam-lint.yaml", """
        customRules:
          - id: ACME020
            name: no-user-creation-in-team-policies
            message: teams may not create IAM users
            paths: ["teams/**"]
            match: { actions: [iam:CreateUser] }
          - id: ACME021
            name: no-user-creation-in-permission-sets
            kinds: [permissionSet]
            message: permission sets may not create IAM users
            match: { actions: [iam:CreateUser] }
        """);
    String policy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"iam:*\", \"Resource\": \"*\"}]}";
    write("teams/a.json", policy);
    write("other/b.json", policy);
    write("identity-center/admin.yaml", """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          UserAdmin:
            Type: AWS::SSO::PermissionSet
            Properties:
              InstanceArn: arn:aws:sso:::instance/ssoins-1111111111111111
              Name: UserAdmin
              InlinePolicy:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: iam:Create*
                    Resource: "*"
        """);
    LintResult r = run();
    assertEquals(List.of("teams/a.json"), of(r, "ACME020").stream().map(f -> f.location().path()).toList());
    List<Finding> ps = of(r, "ACME021");
    assertEquals(List.of("identity-center/admin.yaml"), ps.stream().map(f -> f.location().path()).toList());
    assertEquals(12, ps.get(0).location().span().startLine());
  }

  @Test
  void resourcesAndPrincipalsMatchByPatternEitherWay() throws IOException {
    write(".iam-lint.yaml", """
        customRules:
          - id: ACME030
            name: no-prod-reads-by-account-4444
            kinds: [resource]
            message: account 444455556666 may not read production buckets
            match: { principals: ["arn:aws:iam::444455556666:*"], actions: [s3:GetObject], resources: ["arn:aws:s3:::prod-*"] }
          - id: ACME031
            name: no-prod-bucket-deletes
            message: production buckets are not deleted by hand
            match: { actions: [s3:DeleteBucket], resources: ["arn:aws:s3:::prod-*"] }
        """);
    write("bucket-policy.json", """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod-site/*"},
          {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject",
           "Resource": "arn:aws:s3:::prod-site/*"}]}
        """);
    write("dev.json", """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "s3:DeleteBucket", "Resource": "arn:aws:s3:::dev-*"},
          {"Effect": "Allow", "Action": "s3:DeleteBucket", "NotResource": "arn:aws:s3:::prod-*"}]}
        """);
    write("ops.json", """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "s3:DeleteBucket", "NotResource": "arn:aws:s3:::dev-*"}]}
        """);
    LintResult r = run();
    List<Finding> pub = of(r, "ACME030");
    assertEquals(1, pub.size(), pub.toString());
    assertEquals("/Statement/0/Principal", pub.get(0).location().pointer());
    assertEquals(List.of("ops.json"), of(r, "ACME031").stream().map(f -> f.location().path()).toList());
  }

  @Test
  void presentAndMissingConditionKeys() throws IOException {
    write(".iam-lint.yaml", """
        customRules:
          - id: ACME040
            name: decrypt-via-service
            message: kms:Decrypt only through a service
            match: { actions: [kms:Decrypt], missingConditionKeys: [kms:ViaService] }
          - id: ACME041
            name: no-tag-conditions
            message: no request tag conditions
            match: { presentConditionKeys: ["aws:RequestTag/*"] }
        """);
    write("a.json", """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "kms:*", "Resource": "*",
           "Condition": {"StringEquals": {"KMS:viaservice": "s3.eu-west-1.amazonaws.com"}}},
          {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
           "Condition": {"StringEquals": {"aws:RequestTag/team": "a"}}}]}
        """);
    LintResult r = run();
    assertEquals(List.of("/Statement/1/Action"), of(r, "ACME040").stream().map(f -> f.location().pointer()).toList());
    List<Finding> tag = of(r, "ACME041");
    assertEquals(1, tag.size());
    assertEquals(5, tag.get(0).location().span().startLine());
  }

  @Test
  void declarationsAreValidatedWithPositions() throws IOException {
    write(".iam-lint.yaml", NO_DELETE.replace("ACME001", "IAM901"));
    assertMessage("reserved for iam-lint's own rules", ".iam-lint.yaml:2:");
    write(".iam-lint.yaml", NO_DELETE.replace("no-s3-delete-bucket", "full-admin-grant"));
    assertMessage("name 'full-admin-grant' is the name of the built-in rule IAM201", ".iam-lint.yaml:3:");
    write(".iam-lint.yaml", NO_DELETE.replace("ACME001", "acme1"));
    assertMessage("/customRules/0/id", ".iam-lint.yaml:2:");
    write(".iam-lint.yaml", NO_DELETE + NO_DELETE.replace("customRules:\n", "").replace("ACME001", "ACME002"));
    assertMessage("'no-s3-delete-bucket' is already used at line 3", ".iam-lint.yaml:8:");
    write(".iam-lint.yaml", NO_DELETE.replace("actions:", "action:"));
    assertMessage("unknown key 'action'", "did you mean 'actions'");
    write(".iam-lint.yaml", NO_DELETE.replace("[s3:DeleteBucket]", "[s3-DeleteBucket]"));
    assertMessage("/customRules/0/match/actions/0", ".iam-lint.yaml:6:");
  }

  private void assertMessage(String... parts) {
    LintException e = assertThrows(LintException.class, this::run);
    for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
  }

  @Test
  void anActionTheCatalogueLacksIsAWarningWithASuggestion() throws IOException {
    write(".iam-lint.yaml", NO_DELETE.replace("s3:DeleteBucket", "s3:DeleteBuckt"));
    write("a.json", ADMIN_S3);
    LintResult r = run();
    Notification n = r.notifications().stream().filter(x -> x.message().contains("s3:DeleteBuckt")).findFirst().orElseThrow();
    assertEquals(Level.WARNING, n.level());
    assertTrue(n.message().contains("did you mean s3:DeleteBucket"), n.message());
    assertTrue(n.message().startsWith(".iam-lint.yaml:6:"), n.message());
  }

  @Test
  void aConfiguredCustomIdThatNoLoadedRuleHasIsAWarning() throws IOException {
    write(".iam-lint.yaml", """
        rules:
          ACME777: error
        suppressions:
          - { rule: ACME-0778, reason: the rule jar is shared }
        """);
    write("a.json", ADMIN_S3);
    LintResult r = run(LintRequest.of(root).withRuleLevels(java.util.Map.of("ACME779", "off")));
    List<String> warnings = r.notifications().stream().filter(n -> n.level() == Level.WARNING).map(Notification::message).toList();
    assertEquals(3, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("ACME777") && warnings.get(0).contains("the rule jar with the ACME rules is not loaded"),
        warnings.toString());
    assertTrue(r.executionSuccessful());
  }

  @Test
  void aTypoOfALoadedRuleOrABuiltInIdIsAnError() throws IOException {
    write(".iam-lint.yaml", NO_DELETE + "rules:\n  ACME002: error\n");
    assertMessage("unknown rule 'ACME002' (did you mean 'ACME001'?)");
    write(".iam-lint.yaml", NO_DELETE + "rules:\n  IAM999: error\n");
    assertMessage("unknown rule 'IAM999'");
    write(".iam-lint.yaml", NO_DELETE + "rules:\n  no-s3-delete-buckets: error\n");
    assertMessage("did you mean 'no-s3-delete-bucket'");
  }

  @Test
  void sarifAndExplainDescribeADeclaredRule() throws IOException {
    write(".iam-lint.yaml", NO_DELETE.replace("    match:", "    securitySeverity: 7.5\n    helpUri: https://wiki.example.com/acme001\n    match:"));
    write("a.json", ADMIN_S3);
    LintResult r = run();
    RuleDescriptor d = r.rules().stream().filter(x -> x.id().equals("ACME001")).findFirst().orElseThrow();
    assertTrue(d.tags().contains("security") && d.tags().contains("custom"), d.tags().toString());
    String page = RuleDocs.render(d);
    assertTrue(page.startsWith("# ACME001 no-s3-delete-bucket"), page);
    assertTrue(page.contains("`s3:DeleteBucket`"), page);
    StringWriter sarif = new StringWriter();
    new SarifReporter("0.1.0").write(r, sarif);
    assertTrue(sarif.toString().contains("\"helpUri\": \"https://wiki.example.com/acme001\""), sarif.toString());
    assertTrue(sarif.toString().contains("\"security-severity\": \"7.5\""), sarif.toString());
  }

  // ------------------------------------------------------------------------------- rule jars

  private Path jar(String name, String className, String id, String ruleName) {
    return new RuleJarBuilder()
        .rule(className, RuleJarBuilder.statementRule(className, id, ruleName, "s3:*", "no S3 administration"))
        .resource(className.substring(0, className.lastIndexOf('.')).replace('.', '/') + "/docs/" + id + "-" + ruleName + ".md",
            "## What it does\n\nReports s3:*.\n")
        .build(root.resolve("tools").resolve(name));
  }

  @Test
  void aRuleJarFromTheRequestOrTheConfigurationRuns() throws IOException {
    Path jar = jar("acme-rules.jar", "com.acme.iam.NoS3Admin", "ACME101", "no-s3-admin");
    write("a.json", ADMIN_S3);
    LintResult r = run(LintRequest.of(root).withPlugins(List.of(jar)));
    List<Finding> found = of(r, "ACME101");
    assertEquals(1, found.size());
    assertEquals(Level.ERROR, found.get(0).level());
    RuleDescriptor d = r.rules().stream().filter(x -> x.id().equals("ACME101")).findFirst().orElseThrow();
    assertTrue(d.docBody().contains("Reports s3:*."), "the doc page resource is read from the jar");
    assertEquals(null, d.helpUri());

    write("config/.iam-lint.yaml", "plugins: [../tools/acme-rules.jar]\nrules:\n  ACME101: warning\n");
    LintResult viaConfig = run(LintRequest.of(root).withConfigFile(root.resolve("config/.iam-lint.yaml")));
    assertEquals(Level.WARNING, of(viaConfig, "ACME101").get(0).level());
  }

  @Test
  void aMissingOrEmptyRuleJarIsAnError() throws IOException {
    write(".iam-lint.yaml", "plugins:\n  - tools/absent.jar\n");
    assertMessage(".iam-lint.yaml:2:5: plugins: rule jar not found");
    Path empty = new RuleJarBuilder().resource("README.txt", "nothing").build(root.resolve("tools/empty.jar"));
    write(".iam-lint.yaml", "plugins: [tools/empty.jar]\n");
    assertMessage("registers no rule");
    assertTrue(Files.exists(empty));
  }

  @Test
  void aRuleJarMayNotTakeABuiltInIdOrName() {
    Path reserved = jar("reserved.jar", "com.acme.iam.Reserved", "IAM950", "acme-thing");
    LintException e = assertThrows(LintException.class, () -> run(LintRequest.of(root).withPlugins(List.of(reserved))));
    assertTrue(e.getMessage().contains("reserved for iam-lint's own rules"), e.getMessage());
    Path hijack = jar("hijack.jar", "com.acme.iam.Hijack", "ACME102", "full-admin-grant");
    e = assertThrows(LintException.class, () -> run(LintRequest.of(root).withPlugins(List.of(hijack))));
    assertTrue(e.getMessage().contains("name 'full-admin-grant' is the name of the built-in rule IAM201"), e.getMessage());
  }

  @Test
  void aRuleThatThrowsFailsTheRunAndTheOtherRulesStillReport() throws IOException {
    Path jar = new RuleJarBuilder()
        .rule("com.acme.iam.Broken", RuleJarBuilder.throwingRule("com.acme.iam.Broken", "ACME900", "broken-rule", "boom"))
        .build(root.resolve("tools/broken.jar"));
    write(".iam-lint.yaml", NO_DELETE);
    write("a.json", ADMIN_S3);
    LintResult r = run(LintRequest.of(root).withPlugins(List.of(jar)));
    assertFalse(r.executionSuccessful());
    assertEquals(1, r.ruleFailures().size());
    Notification n = r.ruleFailures().get(0);
    assertEquals("rule ACME900 broken-rule failed on a.json: IllegalStateException: boom", n.message());
    assertEquals("ACME900", n.failure().ruleId());
    assertTrue(n.failure().stackTrace().contains("com.acme.iam.Broken.onStatement"), n.failure().stackTrace());
    assertEquals(1, of(r, "ACME001").size(), "the other rules' findings are still reported");
    StringWriter sarif = new StringWriter();
    new SarifReporter("0.1.0").write(r, sarif);
    assertTrue(sarif.toString().contains("\"executionSuccessful\": false"));
    assertTrue(sarif.toString().contains("\"associatedRule\""), sarif.toString());
    StringWriter json = new StringWriter();
    new dev.iamlint.core.report.JsonReporter("0.1.0").write(r, json);
    assertTrue(json.toString().contains("\"ruleId\": \"ACME900\""), json.toString());
  }

  @Test
  void aRuleJarWithAMissingClassFailsAsThatRule() throws IOException {
    String rule = RuleJarBuilder.throwingRule("com.acme.iam.Linked", "ACME910", "linked-rule", "x")
        .replace("throw new IllegalStateException(\"x\");", "new com.acme.iam.Helper().run();");
    Path jar = new RuleJarBuilder()
        .source("com.acme.iam.Helper", "package com.acme.iam;\npublic final class Helper { public void run() {} }\n")
        .rule("com.acme.iam.Linked", rule)
        .omit("com.acme.iam.Helper")
        .build(root.resolve("tools/linked.jar"));
    write(".iam-lint.yaml", NO_DELETE);
    write("a.json", ADMIN_S3);
    LintResult r = run(LintRequest.of(root).withPlugins(List.of(jar)));
    assertEquals(1, r.ruleFailures().size(), r.notifications().toString());
    String m = r.ruleFailures().get(0).message();
    assertTrue(m.startsWith("rule ACME910 linked-rule failed on a.json: IllegalStateException: NoClassDefFoundError: com/acme/iam/Helper"), m);
    assertEquals(1, of(r, "ACME001").size());
  }

  @Test
  void aRuleFromTheClassPathMayNotTakeABuiltInIdEither() throws Exception {
    // The Maven plugin's <dependencies> put a user's rules on iam-lint's own class path, where
    // ServiceLoader finds them with the built-in ones: the same checks apply.
    Path jar = jar("classpath.jar", "com.acme.iam.OnClassPath", "IAM960", "acme-on-class-path");
    try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
        getClass().getClassLoader())) {
      dev.iamlint.core.rule.Rule rule = (dev.iamlint.core.rule.Rule) loader.loadClass("com.acme.iam.OnClassPath")
          .getConstructor().newInstance();
      LintException e = assertThrows(LintException.class, () -> new Engine(List.of(rule)));
      assertTrue(e.getMessage().contains("reserved for iam-lint's own rules"), e.getMessage());
    }
  }

  @Test
  void everyActionMatchesAnyGrantWithoutExpandingTheCatalogue() throws IOException {
    write(".iam-lint.yaml", """
        customRules:
          - id: ACME050
            name: nothing-on-prod-buckets-by-hand
            message: "{action} on a production bucket"
            match: { actions: ["*"], resources: ["arn:aws:s3:::prod-*"] }
        """);
    write("a.json", """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::prod-site/*"},
          {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
          {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::dev-site/*"}]}
        """);
    List<Finding> found = of(run(), "ACME050");
    assertEquals(List.of("/Statement/0/Action/0", "/Statement/1/NotAction"),
        found.stream().map(f -> f.location().pointer()).toList());
    assertEquals("s3:GetObject on a production bucket", found.get(0).message());
  }

  @Test
  void theSchemaAndTheLoaderAgreeOnTheIdFormat() throws IOException {
    tools.jackson.databind.JsonNode schema = tools.jackson.databind.json.JsonMapper.builder().build().readTree(
        dev.iamlint.core.config.ConfigLoader.class.getResourceAsStream(dev.iamlint.core.config.ConfigLoader.SCHEMA_RESOURCE));
    String declared = schema.get("definitions").get("customRule").get("properties").get("id").get("pattern").asString();
    assertEquals("^" + dev.iamlint.core.rule.RuleIds.ID.pattern() + "$", declared);
    String names = schema.get("definitions").get("ruleName").get("pattern").asString();
    for (String id : List.of("ACME001", "acme-0001", "IAM201", "full-admin-grant")) {
      assertTrue(id.matches(names), id);
    }
    assertFalse("ACME01".matches(names.replace("|[a-z0-9]+(-[a-z0-9]+)*", "")));
    assertTrue(dev.iamlint.core.rule.RuleIds.isCustomId("acme-0001"));
    assertFalse(dev.iamlint.core.rule.RuleIds.isCustomId("IAM201"));
  }

  @Test
  void aJarWhoseRulesTheParentAlreadyHasAddsNone() throws Exception {
    // The Maven plugin with the jar in its <dependencies> and in plugins: loads its rules once.
    Path jar = jar("twice.jar", "com.acme.iam.Twice", "ACME103", "loaded-once");
    try (java.net.URLClassLoader parent = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
        getClass().getClassLoader())) {
      List<dev.iamlint.core.rule.Rule> rules = RuleJars.load(List.of(new RuleJars.Jar(jar, "test")), parent, java.util.Set.of());
      assertEquals(List.of(), rules);
    }
    assertEquals(1, RuleJars.load(List.of(new RuleJars.Jar(jar, "test")), getClass().getClassLoader(), java.util.Set.of()).size());
  }
}
