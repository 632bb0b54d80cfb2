package dev.iamlint.core.rule;

import dev.iamlint.core.Level;
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
    String className,
    String helpUri,
    List<String> supersededBy,
    List<RuleInfo.Option> options) {

  public RuleDescriptor {
    helpUri = helpUri == null || helpUri.isBlank() ? null : helpUri;
    supersededBy = List.copyOf(supersededBy);
    options = List.copyOf(options);
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
    Set<String> tags = new LinkedHashSet<>(List.of(info.tags()));
    Map<String, String> messages = new LinkedHashMap<>();
    Map<String, Level> levels = new LinkedHashMap<>();
    for (RuleInfo.Message m : info.messages()) {
      messages.put(m.id(), m.text());
      if (m.level().length > 0) levels.put(m.id(), m.level()[0]);
    }
    return new RuleDescriptor(info.id(), info.name(), info.level(), info.securitySeverity(), List.copyOf(tags),
        info.since(), info.summary(), info.description(), messages, levels, readDoc(ruleClass, info), ruleClass.getName(),
        info.helpUri(), List.of(info.supersededBy()), List.of(info.options()));
  }

  /** The file name stem of the doc page, e.g. {@code IAM201-full-admin-grant}. */
  public String docStem() {
    return id + "-" + name;
  }

  /** True when findings of this rule are security alerts (GitHub code scanning's {@code security} tag). */
  public boolean security() {
    return tags.contains("security");
  }

  /** The declared option of this name, or null. */
  public RuleInfo.Option option(String name) {
    for (RuleInfo.Option o : options) {
      if (o.name().equals(name)) return o;
    }
    return null;
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
