package dev.iamlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

/**
 * The GitHub files that call iam-lint ({@code action.yml}, the example workflow and the workflow
 * in docs/github-code-scanning.md) parse as YAML, call the launcher with a subcommand and options
 * that exist (read from picocli's model of {@link Main}, so a renamed option fails here), and
 * upload SARIF the way code scanning needs.
 */
class GithubIntegrationFilesTest {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path ACTION = ROOT.resolve("action.yml");
  static final Path WORKFLOW = ROOT.resolve("examples/github-workflow/iam-lint.yml");
  static final Path DOC = ROOT.resolve("docs/github-code-scanning.md");

  /** Shell commands a run: step may use besides iam-lint. */
  static final Set<String> SHELL_BUILTINS = Set.of("set", "echo", "eval", "printf", "export", "cd", "mkdir");

  // ---- action.yml ----

  @Test
  void actionIsACompositeActionWithTheDocumentedInputsAndOutput() throws IOException {
    Map<String, Object> action = yaml(ACTION);
    assertEquals("composite", map(action.get("runs")).get("using"));
    assertEquals(Set.of("paths", "args", "sarif-file", "fail-level", "java-version"), map(action.get("inputs")).keySet());
    for (Object input : map(action.get("inputs")).values()) {
      assertFalse(String.valueOf(map(input).get("description")).isBlank(), "every input is described");
    }
    String output = String.valueOf(map(map(action.get("outputs")).get("sarif-file")).get("value"));
    assertEquals("${{ steps.lint.outputs.sarif-file }}", output);
    List<Map<String, Object>> steps = steps(map(action.get("runs")));
    Map<String, Object> lint = steps.stream().filter(s -> "lint".equals(s.get("id"))).findFirst().orElseThrow();
    assertTrue(String.valueOf(lint.get("run")).contains("\"${{ github.action_path }}/iam-lint\" check"),
        "the action runs the launcher of its own checkout");
    assertTrue(String.valueOf(lint.get("run")).contains("sarif-file=$IAMLINT_SARIF"), "the output is set");
    Map<String, Object> java = uses(steps, "actions/setup-java@");
    assertEquals("inputs.java-version != ''", java.get("if"), "Java is set up only when asked");
  }

  @Test
  void actionRunStepsCallOnlyExistingCommandsAndOptions() throws IOException {
    assertRunStepsValid(steps(map(yaml(ACTION).get("runs"))), ACTION);
  }

  @Test
  void actionPassesInputsThroughTheEnvironmentNotIntoTheScript() throws IOException {
    for (Map<String, Object> step : steps(map(yaml(ACTION).get("runs")))) {
      if (step.get("run") == null) continue;
      assertFalse(String.valueOf(step.get("run")).contains("${{ inputs."), "script injection: " + step.get("run"));
    }
  }

  // ---- the example workflow ----

  @Test
  void workflowRunStepsCallOnlyExistingCommandsAndOptions() throws IOException {
    assertRunStepsValid(job(yaml(WORKFLOW)), WORKFLOW);
  }

  @Test
  void workflowUploadsTheSarifItWritesAlsoWhenLintingFails() throws IOException {
    List<Map<String, Object>> steps = job(yaml(WORKFLOW));
    Map<String, Object> upload = uses(steps, "github/codeql-action/upload-sarif@");
    assertTrue(String.valueOf(upload.get("if")).contains("always()"), "upload runs when the lint step failed: " + upload);
    Map<String, Object> with = map(upload.get("with"));
    assertFalse(String.valueOf(with.get("category")).isBlank(), "a category is set");
    String lint = steps.stream().map(s -> s.get("run")).filter(r -> r != null).map(String::valueOf)
        .filter(r -> r.contains("iam-lint check")).findFirst().orElseThrow();
    Matcher sarif = Pattern.compile("(?:--format|-f)[ =]sarif (?:--output|-o)[ =](\\S+)").matcher(lint);
    assertTrue(sarif.find(), "the lint step writes SARIF to a file: " + lint);
    assertEquals(sarif.group(1), with.get("sarif_file"), "the uploaded file is the one written");
    assertTrue(String.valueOf(upload.get("if")).contains(sarif.group(1)) || !String.valueOf(upload.get("if")).contains("hashFiles"));
  }

  @Test
  void workflowGrantsSecurityEventsWrite() throws IOException {
    Map<String, Object> workflow = yaml(WORKFLOW);
    Map<String, Object> job = map(map(workflow.get("jobs")).values().iterator().next());
    Object permissions = job.containsKey("permissions") ? job.get("permissions") : workflow.get("permissions");
    assertEquals("write", map(permissions).get("security-events"));
  }

  @Test
  void workflowSetsUpJavaWithAMavenCache() throws IOException {
    List<Map<String, Object>> steps = job(yaml(WORKFLOW));
    uses(steps, "actions/checkout@");
    Map<String, Object> with = map(uses(steps, "actions/setup-java@").get("with"));
    assertEquals("maven", with.get("cache"));
    assertNotNull(with.get("java-version"));
    assertNotNull(with.get("distribution"));
  }

  @Test
  void theDocShowsTheExampleWorkflowVerbatim() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("(?s)```yaml\n(.*?)```").matcher(doc);
    assertTrue(block.find(), "docs/github-code-scanning.md has a yaml block");
    assertEquals(Files.readString(WORKFLOW, StandardCharsets.UTF_8), block.group(1),
        "the first yaml block of docs/github-code-scanning.md must be examples/github-workflow/iam-lint.yml");
  }

  // ---- checks ----

  /** Every command of every run: step is iam-lint (launcher, subcommand, options) or a shell builtin. */
  static void assertRunStepsValid(List<Map<String, Object>> steps, Path file) {
    int calls = 0;
    for (Map<String, Object> step : steps) {
      if (step.get("run") == null) continue;
      for (String command : commands(String.valueOf(step.get("run")))) {
        List<String> words = words(command);
        while (!words.isEmpty() && words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) words.remove(0);
        if (words.isEmpty()) continue;
        String program = unquote(words.get(0));
        if (program.equals("iam-lint") || program.endsWith("/iam-lint")) {
          assertIamLintCall(command, words, file);
          calls++;
        } else {
          assertTrue(SHELL_BUILTINS.contains(program), file.getFileName() + ": unexpected command '" + program + "' in " + command);
        }
      }
    }
    assertTrue(calls > 0, file.getFileName() + " calls iam-lint");
  }

  static void assertIamLintCall(String command, List<String> words, Path file) {
    assertTrue(Files.isRegularFile(ROOT.resolve("iam-lint")), "the launcher iam-lint is at the repository root");
    CommandLine main = new CommandLine(new Main());
    assertTrue(words.size() > 1, file.getFileName() + ": no subcommand in " + command);
    String sub = unquote(words.get(1));
    assertTrue(main.getSubcommands().containsKey(sub), file.getFileName() + ": no subcommand '" + sub + "'");
    assertEquals("check", sub, file.getFileName() + ": " + command);
    Set<String> options = main.getSubcommands().get(sub).getCommandSpec().options().stream()
        .flatMap(o -> Arrays.stream(o.names())).collect(Collectors.toCollection(TreeSet::new));
    // Options written directly or inside a ${VAR:+--option "$VAR"} expansion.
    String rest = command.substring(command.indexOf(words.get(1)) + words.get(1).length());
    Matcher m = Pattern.compile("(?:^|[\\s+\"'(])(--?[A-Za-z][A-Za-z0-9-]*)").matcher(rest);
    List<String> used = new ArrayList<>();
    while (m.find()) used.add(m.group(1));
    assertFalse(used.isEmpty(), command);
    for (String option : used) {
      assertTrue(options.contains(option),
          file.getFileName() + ": 'iam-lint " + sub + "' has no option " + option + " (it has " + options + ")");
    }
    assertTrue(Pattern.compile("(--format|-f)[ =]sarif\\b").matcher(rest).find(), "writes SARIF: " + command);
  }

  /** The commands of a script: continuation lines joined, then split at new lines, ';', '&&', '||'. */
  static List<String> commands(String script) {
    List<String> out = new ArrayList<>();
    for (String line : script.replace("\\\n", " ").split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) continue;
      for (String part : l.split(";|&&|\\|\\|")) {
        if (!part.isBlank()) out.add(part.strip());
      }
    }
    return out;
  }

  /** Shell words: split at blanks outside quotes and ${...} / $(...) groups; quotes kept. */
  static List<String> words(String command) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    int depth = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '{' || c == '(') {
        depth++;
      } else if ((c == '}' || c == ')') && depth > 0) {
        depth--;
      } else if (Character.isWhitespace(c) && depth == 0) {
        if (cur.length() > 0) out.add(cur.toString());
        cur.setLength(0);
        continue;
      }
      cur.append(c);
    }
    if (cur.length() > 0) out.add(cur.toString());
    return out;
  }

  static String unquote(String word) {
    return word.replace("\"", "").replace("'", "");
  }

  // ---- YAML ----

  static Map<String, Object> yaml(Path file) throws IOException {
    Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file, StandardCharsets.UTF_8));
    return map(doc);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    if (!(o instanceof Map)) fail("expected a mapping, not " + o);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> steps(Map<String, Object> holder) {
    Object steps = holder.get("steps");
    if (!(steps instanceof List)) fail("expected steps, not " + steps);
    return (List<Map<String, Object>>) steps;
  }

  /** The steps of the workflow's only job. */
  static List<Map<String, Object>> job(Map<String, Object> workflow) {
    Map<String, Object> jobs = map(workflow.get("jobs"));
    assertEquals(1, jobs.size(), "one job");
    return steps(map(jobs.values().iterator().next()));
  }

  static Map<String, Object> uses(List<Map<String, Object>> steps, String prefix) {
    return steps.stream().filter(s -> String.valueOf(s.get("uses")).startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no step uses " + prefix));
  }
}
