package dev.iamlint.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.LintException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlobsTest {

  static final List<String> PATTERNS = List.of("**/*.json", "*.yaml", "**/*.yml", "**/*.template", "build/**",
      "node_modules/**", "policies/admin.json", "*", "**/*", "a/b/**", "**/cdk.out/**", "*.{json,yaml}",
      "policies/*.json", "scp-?.json", "**/[ab].json", "x\\*.json", ".json", "**/.json", "deep/**/*.json",
      "./local.json", "dir/", "a//b/**", "**", "cdk.out/**/*.template.json");

  static final List<String> PATHS = List.of("a.json", "dir/a.json", "dir/sub/a.json", ".json", "dir/.json", "json",
      "a.jsonx", "a.yaml", "dir/a.yaml", "a.yml", "dir/a.yml", "build", "build/x.json", "build/sub/x.yaml",
      "buildx/a.json", "rebuild/a.json", "node_modules/p/a.json", "policies/admin.json", "policies/admin.jsonx",
      "policies/admin.json/x", "xpolicies/admin.json", "a/b", "a/b/c.json", "a/bc/d.json", "cdk.out/a.json",
      "app/cdk.out/t.template", "scp-1.json", "scp-12.json", "a.json.bak", "dir//a.json", "dir/a.json/",
      "deep/a.json", "deep/x/a.json", "local.json", "x*.json", "Policies/Admin.JSON", "é/ü.json", "t.template",
      "dir", "cdk.out/App.template.json", "cdk.out/assembly-prod/Stack.template.json");

  @Test
  void everyShapeAnswersAsTheFileSystemsMatcherDoes() {
    for (String pattern : PATTERNS) {
      Globs globs = Globs.of(List.of(pattern));
      List<String> expanded = expand(pattern);
      for (String path : PATHS) {
        boolean expected = false;
        for (String e : expanded) {
          expected |= FileSystems.getDefault().getPathMatcher("glob:" + e).matches(Path.of(path));
        }
        assertEquals(expected, globs.matches(path), "pattern " + pattern + " on " + path);
      }
    }
  }

  @Test
  void theDefaultsTakePolicyFilesAtAnyDepth() {
    Globs include = Globs.of(List.of("**/*.json", "**/*.yaml", "**/*.yml", "**/*.template"));
    assertTrue(include.matches("a.json"));
    assertTrue(include.matches("accounts/prod/scp.yml"));
    assertFalse(include.matches("README.md"));
    assertFalse(include.matches("a.json.orig"));
    Globs exclude = Globs.of(List.of("build/**"));
    assertTrue(exclude.matches("build/out.json"));
    assertTrue(exclude.matches("build"));
    assertFalse(exclude.matches("builds/out.json"));
  }

  @Test
  void anEmptyListMatchesNothingAndABadGlobIsAUsageError() {
    assertTrue(Globs.of(List.of()).isEmpty());
    assertFalse(Globs.of(List.of()).matches("a.json"));
    LintException e = assertThrows(LintException.class, () -> Globs.of(List.of("policies/[a.json")));
    assertTrue(e.getMessage().startsWith("invalid glob 'policies/[a.json'"), e.getMessage());
  }

  /** The patterns Globs.of adds for one, as its documentation says. */
  private static List<String> expand(String p) {
    String pat = p.startsWith("./") ? p.substring(2) : p;
    List<String> out = new ArrayList<>(List.of(pat));
    if (pat.startsWith("**/")) out.add(pat.substring(3));
    if (pat.endsWith("/**")) out.add(pat.substring(0, pat.length() - 3));
    if (!pat.contains("/") && !pat.startsWith("**")) out.add("**/" + pat);
    for (String v : List.copyOf(out)) {
      if (v.contains("/**/")) out.add(v.replace("/**/", "/"));
    }
    out.removeIf(String::isEmpty);
    return out;
  }
}
