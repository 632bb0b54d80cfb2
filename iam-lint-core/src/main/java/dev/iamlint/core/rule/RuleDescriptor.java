package dev.iamlint.core.rule;

import dev.iamlint.core.engine.Level;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule's metadata, read from its {@link RuleInfo} and its doc body resource.
 *
 * @param docBody the hand-written doc page body (markdown in ruff's shape), or "" if missing
 */
public record RuleDescriptor(
    String id,
    String name,
    Level level,
    double securitySeverity,
    List<String> tags,
    String since,
    String summary,
    String description,
    Map<String, String> messages,
    Map<String, Level> messageLevels,
    String docBody,
    String className) {

  /** Where rule docs are published (SARIF helpUri). */
  public static final String DOCS_BASE = "https://github.com/iam-lint/iam-lint/blob/main/docs/rules/";

  public RuleDescriptor {
    tags = List.copyOf(tags);
    messages = Map.copyOf(messages);
    messageLevels = Map.copyOf(messageLevels);
  }

  /** The default level of findings with this message. */
  public Level levelOf(String messageId) {
    return messageLevels.getOrDefault(messageId, level);
  }

  /** Reads the annotation and doc body of a rule class. */
  public static RuleDescriptor of(Class<?> ruleClass) {
    RuleInfo info = ruleClass.getAnnotation(RuleInfo.class);
    if (info == null) {
      throw new IllegalArgumentException(ruleClass.getName() + " has no @RuleInfo");
    }
    Set<String> tags = new LinkedHashSet<>();
    tags.add("security");
    tags.addAll(List.of(info.tags()));
    Map<String, String> messages = new LinkedHashMap<>();
    Map<String, Level> levels = new LinkedHashMap<>();
    for (RuleInfo.Message m : info.messages()) {
      messages.put(m.id(), m.text());
      if (m.level() != Level.NONE) levels.put(m.id(), m.level());
    }
    return new RuleDescriptor(info.id(), info.name(), info.level(), info.securitySeverity(), List.copyOf(tags),
        info.since(), info.summary(), info.description(), messages, levels, readDoc(ruleClass, info), ruleClass.getName());
  }

  /** The file name stem of the doc page, e.g. {@code IAM201-full-admin-grant}. */
  public String docStem() {
    return id + "-" + name;
  }

  public String helpUri() {
    return DOCS_BASE + docStem() + ".md";
  }

  /** Renders a message template with its arguments ({0}, {1}, …; no MessageFormat quoting rules). */
  public String message(String messageId, Object... args) {
    String template = messages.get(messageId);
    if (template == null) {
      throw new IllegalArgumentException(id + " has no message '" + messageId + "'");
    }
    StringBuilder sb = new StringBuilder(template.length() + 32);
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      int close = c == '{' ? template.indexOf('}', i) : -1;
      if (close > i + 1) {
        String idx = template.substring(i + 1, close);
        if (idx.chars().allMatch(Character::isDigit)) {
          int n = Integer.parseInt(idx);
          sb.append(n < args.length ? String.valueOf(args[n]) : "{" + idx + "}");
          i = close;
          continue;
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static String readDoc(Class<?> ruleClass, RuleInfo info) {
    String resource = "docs/" + info.id() + "-" + info.name() + ".md";
    try (InputStream in = ruleClass.getResourceAsStream(resource)) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
