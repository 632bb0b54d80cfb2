package dev.iamlint.core.config;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.iamlint.core.LintException;
import dev.iamlint.core.catalog.EditDistance;
import dev.iamlint.core.RuleOptions;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.LoadProblem;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import dev.iamlint.core.source.TreeCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Finds, parses and validates {@code .iam-lint.yaml} against the JSON Schema shipped in the jar
 * (also published as {@code schema/iam-lint-config.schema.json} for editors). Every error names
 * the file, line and column of the offending key or value.
 */
public final class ConfigLoader {

  /** File names looked up at the lint root, in order. */
  public static final List<String> FILE_NAMES = List.of(".iam-lint.yaml", ".iam-lint.yml");

  /** The schema resource in the jar. */
  public static final String SCHEMA_RESOURCE = "/dev/iamlint/core/config/iam-lint-config.schema.json";

  private ConfigLoader() {}

  /** The configuration file to use: the explicit one, or one at the root, or null. */
  public static Path locate(Path root, Path explicit) {
    if (explicit != null) {
      Path p = explicit.isAbsolute() ? explicit : root.resolve(explicit);
      if (!Files.isRegularFile(p)) {
        throw new LintException("configuration file not found: " + explicit);
      }
      return p;
    }
    for (String name : FILE_NAMES) {
      Path p = root.resolve(name);
      if (Files.isRegularFile(p)) return p;
    }
    return null;
  }

  /** Loads and validates; throws {@link LintException} naming every problem with its position. */
  public static Config load(Path file, Path root) {
    return load(file, root, TreeCache.NONE);
  }

  /**
   * {@link #load(Path, Path)} through the parse cache: the file's tree, and whether these very
   * bytes passed the schema before. Building the schema validator is most of what loading a
   * configuration costs (~50 ms of a one-file run), and a repository's configuration rarely
   * changes between commits.
   */
  public static Config load(Path file, Path root, TreeCache cache) {
    String rel = relative(root, file);
    SourceFile source = new SourceFile(file, rel, Format.YAML);
    byte[] bytes = Loader.bytesOrNull(file, Limits.DEFAULT.maxFileBytes());
    if (bytes != null ? onlyComments(bytes) : onlyComments(file)) return empty(source);
    Loader loader = new Loader(Limits.DEFAULT);
    // Oversized or unreadable: the loader reads it again to say so as it always has.
    LoadedFile loaded = bytes != null ? loader.load(source, bytes, cache) : loader.load(source);
    if (!loaded.problems().isEmpty()) {
      LoadProblem p = loaded.problems().get(0);
      throw new LintException(rel + ":" + p.span().startLine() + ":" + p.span().startColumn() + ": " + p.message());
    }
    if (loaded.documents().isEmpty() || loaded.documents().get(0) instanceof ScalarNode s && s.type() == ScalarNode.Type.NULL) {
      return empty(source);
    }
    if (loaded.documents().size() > 1) {
      Node second = loaded.documents().get(1);
      throw new LintException(where(rel, second.span()) + "only one YAML document is allowed in the configuration");
    }
    Node root0 = loaded.documents().get(0);
    if (bytes == null || !cache.passed(SchemaSource.CHECK, bytes)) {
      List<String> errors = validate(root0, rel);
      if (!errors.isEmpty()) {
        throw new LintException(String.join("\n", errors));
      }
      if (bytes != null) cache.recordPass(SchemaSource.CHECK, bytes);
    }
    return convert(source, (ObjectNode) root0, rel);
  }

  private static Config empty(SourceFile source) {
    return new Config(source, List.of(), List.of(), null, null, Map.of(), Map.of(), Config.Temporary.DEFAULT,
        Config.ScpGuardrails.DEFAULT, null, List.of(), null, Limits.DEFAULT, List.of(), List.of());
  }

  /**
   * True for a file of blank lines and comments only: a freshly created or fully commented-out
   * {@code .iam-lint.yaml} means "all defaults", while the YAML loader would call it an empty file.
   */
  static boolean onlyComments(Path file) {
    try {
      return onlyComments(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | UncheckedIOException e) {
      return false; // let the loader report it with its usual message
    }
  }

  private static boolean onlyComments(byte[] bytes) {
    try {
      // strictly, as Files.readString decodes: a file that is not UTF-8 is left to the loader
      return onlyComments(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString());
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  private static boolean onlyComments(String text) {
    if (text.startsWith("\uFEFF")) text = text.substring(1);
    return text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
  }


  // ---------------------------------------------------------------------------------------------

  /** The forms {@code now} accepts, as shown to users (CheckCommand's --now says the same). */
  static final String INSTANT_FORMS = "2026-06-30 or 2026-06-30T12:00:00Z";

  /** Where {@code now} and a suppression's {@code expires} are, as JSON Pointers. */
  private static final Pattern NOW = Pattern.compile("/now");
  private static final Pattern EXPIRES = Pattern.compile("/suppressions/[0-9]+/expires");
  private static final Pattern CUSTOM_RULE = Pattern.compile("/customRules/[0-9]+(/organization)?");
  private static final Pattern RULE_NAME = Pattern.compile("/rules|/suppressions/[0-9]+/rule");

  /** An error of the ruleName pattern (a key of rules:, or a suppression's rule). */
  private static boolean ruleNamePattern(Error e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    return ("propertyNames".equals(e.getKeyword()) || "pattern".equals(e.getKeyword()) || m.contains("name is not valid"))
        && m.contains("does not match the regex pattern");
  }

  /**
   * The schema's text and the name of its check in the parse cache: what a validation's verdict
   * depends on besides the file's bytes, the schema, this class (which filters and words the
   * errors) and the validator's code (networknt's, and Jackson's tree it reads). Cheap, unlike
   * {@link SchemaHolder}.
   */
  private static final class SchemaSource {
    static final byte[] BYTES = readSchemaBytes();
    static final String CHECK = TreeCache.checkName("config-schema", BYTES, ConfigLoader.class, SchemaRegistry.class,
        JsonNode.class);

    private static byte[] readSchemaBytes() {
      try (InputStream in = ConfigLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
        if (in == null) throw new IllegalStateException("missing " + SCHEMA_RESOURCE);
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final class SchemaHolder {
    static final JsonNode JSON = readSchema();
    static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(JSON);

    /**
     * Parsed as every file is and converted as the configuration is: a Jackson mapper, built only
     * for this, would set up its date formats, calendar and time-zone data first (~20 ms of every
     * run with a configuration file).
     */
    private static JsonNode readSchema() {
      String text = new String(SchemaSource.BYTES, StandardCharsets.UTF_8);
      SourceFile source = new SourceFile(Path.of(SCHEMA_RESOURCE.substring(1)), SCHEMA_RESOURCE.substring(1), Format.JSON);
      LoadedFile loaded = new Loader(Limits.DEFAULT).parse(source, text);
      if (loaded.failed() || loaded.documents().size() != 1) {
        throw new IllegalStateException("the bundled schema " + SCHEMA_RESOURCE + " cannot be read: " + loaded.problems());
      }
      return toJson(loaded.documents().get(0));
    }
  }

  static List<String> validate(Node root, String rel) {
    List<Error> errors = SchemaHolder.SCHEMA.validate(toJson(root));
    Set<String> out = new LinkedHashSet<>();
    for (Error e : errors) {
      String pointer = pointer(e.getInstanceLocation());
      // A rule name of the wrong form (IAM2O1) is left to the rule settings, which know the
      // rules and say "did you mean IAM201"; the schema's pattern still guides editors.
      if (RULE_NAME.matcher(pointer).matches() && ruleNamePattern(e)) continue;
      // Either match or organization, and an organization rule's scope: customRules() says which.
      if (CUSTOM_RULE.matcher(pointer).matches() && (Set.of("oneOf", "anyOf", "not", "if", "then").contains(e.getKeyword())
          || ("required".equals(e.getKeyword()) && Set.of("match", "organization", "organizationalUnits", "accounts")
              .contains(e.getProperty())))) {
        continue;
      }
      Node at = find(root, pointer);
      Span span = at == null ? root.span() : at.span();
      String message;
      if ("additionalProperties".equals(e.getKeyword()) && e.getProperty() != null && at instanceof ObjectNode o) {
        ObjectNode.Entry entry = o.entry(e.getProperty());
        if (entry != null) span = entry.keySpan();
        message = unknownKey(e.getProperty(), pointer, allowedKeys(e));
      } else if (NOW.matcher(pointer).matches()) {
        message = badTime(pointer, at);
      } else if (EXPIRES.matcher(pointer).matches()) {
        message = badDate(pointer, at);
      } else if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
        message = (pointer.isEmpty() ? "" : pointer + ": ") + "missing required key '" + e.getProperty() + "'";
      } else {
        message = stripLocation(e.getMessage());
        message = (pointer.isEmpty() ? "" : pointer + ": ") + message;
      }
      out.add(where(rel, span) + message);
    }
    // What the schema says with oneOf / anyOf / if-then for declared rules, in words (its own
    // messages for those keywords are skipped above).
    if (root instanceof ObjectNode r && r.get("customRules").orElse(null) instanceof ArrayNode list) {
      for (Node item : list.items()) {
        if (item instanceof ObjectNode o) out.addAll(customRuleShape(o, rel));
      }
    }
    return new ArrayList<>(out);
  }

  /** Exactly one of match and organization; an organization rule has a scope and no kinds. */
  private static List<String> customRuleShape(ObjectNode o, String rel) {
    List<String> out = new ArrayList<>();
    String ruleAt = "customRules: " + o.string("id").map(ScalarNode::text).orElse("a rule") + ": ";
    ObjectNode.Entry org = o.entry("organization");
    if (!o.has("match") && org == null) {
      out.add(where(rel, o.span()) + ruleAt + "missing key 'match' (what a statement must be) or 'organization' "
          + "(actions no permission set may be allowed in given OUs or accounts)");
    } else if (o.has("match") && org != null) {
      out.add(where(rel, org.keySpan()) + ruleAt + "give either 'match' or 'organization', not both");
    } else if (org != null) {
      ObjectNode.Entry kinds = o.entry("kinds");
      if (kinds != null) {
        out.add(where(rel, kinds.keySpan()) + ruleAt + "'kinds' applies to 'match' rules; an 'organization' rule "
            + "looks at the policies of permission sets");
      }
      if (org.value() instanceof ObjectNode on && !on.has("organizationalUnits") && !on.has("accounts")) {
        out.add(where(rel, org.keySpan()) + ruleAt + "'organization' needs 'organizationalUnits' or 'accounts' "
            + "(organizationalUnits: [Root] for the whole organization)");
      }
    }
    return out;
  }

  /** "unknown key 'failLevl'; did you mean 'failLevel'?", else the list of allowed keys. */
  static String unknownKey(String key, String pointer, List<String> allowed) {
    String message = "unknown key '" + key + "'" + (pointer.isEmpty() ? "" : " in " + pointer);
    if (allowed.isEmpty()) return message + "; see schema/iam-lint-config.schema.json";
    String near = EditDistance.nearest(key, allowed, Math.max(1, Math.min(3, key.length() / 3)));
    return near != null ? message + "; did you mean '" + near + "'?" : message + "; allowed: " + String.join(", ", allowed);
  }

  /**
   * The keys the schema allows where an additionalProperties error was raised: the error's schema
   * location ends in {@code .../additionalProperties}, and its parent schema holds the properties.
   */
  private static List<String> allowedKeys(Error e) {
    NodePath fragment = e.getSchemaLocation() == null ? null : e.getSchemaLocation().getFragment();
    if (fragment == null || fragment.getNameCount() == 0) return List.of();
    JsonNode node = SchemaHolder.JSON;
    for (int i = 0; i < fragment.getNameCount() - 1 && node != null; i++) {
      Object el = fragment.getElement(i);
      node = el instanceof Integer idx ? node.get(idx) : node.get(String.valueOf(el));
    }
    JsonNode properties = node == null ? null : node.get("properties");
    return properties == null || !properties.isObject() ? List.of() : List.copyOf(properties.propertyNames());
  }

  /** The message for a {@code now} that is not a time, naming the forms accepted. */
  private static String badTime(String pointer, Node at) {
    return pointer + ": " + quoted(at) + " is not a date or date-time; write it as " + INSTANT_FORMS
        + " (a date alone is midnight UTC)";
  }

  /** The message for an {@code expires} that is not a date. */
  private static String badDate(String pointer, Node at) {
    return pointer + ": " + quoted(at) + " is not a date; write it as 2027-03-31 (year-month-day)";
  }

  private static String quoted(Node n) {
    return n instanceof ScalarNode s ? "'" + s.text() + "'" : "a " + (n instanceof ObjectNode ? "mapping" : "list");
  }

  private static String stripLocation(String m) {
    if (m == null) return "invalid value";
    // networknt prefixes messages with the instance location ("$.failLevel: ...").
    int colon = m.indexOf(": ");
    if (m.startsWith("$") && colon > 0) return m.substring(colon + 2);
    return m;
  }

  private static String pointer(NodePath path) {
    if (path == null) return "";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object el = path.getElement(i);
      sb.append('/').append(Node.escapePointerToken(String.valueOf(el)));
    }
    return sb.toString();
  }

  /** The node at a JSON Pointer, or the deepest existing ancestor. */
  static Node find(Node root, String pointer) {
    if (pointer.isEmpty()) return root;
    Node cur = root;
    for (String raw : pointer.substring(1).split("/", -1)) {
      String token = raw.replace("~1", "/").replace("~0", "~");
      Node next = null;
      if (cur instanceof ObjectNode o) {
        next = o.get(token).orElse(null);
      } else if (cur instanceof ArrayNode a) {
        try {
          int idx = Integer.parseInt(token);
          if (idx >= 0 && idx < a.items().size()) next = a.items().get(idx);
        } catch (NumberFormatException ignored) {
          next = null;
        }
      }
      if (next == null) return cur;
      cur = next;
    }
    return cur;
  }

  static JsonNode toJson(Node n) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (n instanceof ObjectNode o) {
      tools.jackson.databind.node.ObjectNode out = f.objectNode();
      for (ObjectNode.Entry e : o.entries()) out.set(e.key(), toJson(e.value()));
      return out;
    }
    if (n instanceof ArrayNode a) {
      tools.jackson.databind.node.ArrayNode out = f.arrayNode();
      for (Node item : a.items()) out.add(toJson(item));
      return out;
    }
    ScalarNode s = (ScalarNode) n;
    return switch (s.type()) {
      case NULL -> f.nullNode();
      case BOOLEAN -> f.booleanNode((Boolean) s.value());
      // Jackson gives small JSON integers as Integer (the schema is JSON): integers stay integers,
      // or the validator's messages would say "a minimum value of 1.0"
      case NUMBER -> s.value() instanceof Long || s.value() instanceof Integer || s.value() instanceof Short
          || s.value() instanceof Byte ? f.numberNode(((Number) s.value()).longValue())
          : s.value() instanceof java.math.BigInteger b ? f.numberNode(b)
          : s.value() instanceof java.math.BigDecimal d ? f.numberNode(d)
          : f.numberNode(((Number) s.value()).doubleValue());
      case STRING -> f.stringNode(s.text());
    };
  }

  // ---------------------------------------------------------------------------------------------

  private static Config convert(SourceFile source, ObjectNode root, String rel) {
    List<String> errors = new ArrayList<>();
    FailLevel failLevel = root.string("failLevel").map(s -> FailLevel.parse(s.text())).orElse(null);
    Instant now = null;
    Node nowNode = root.get("now").orElse(null);
    if (nowNode instanceof ScalarNode s) {
      try {
        now = parseInstant(s.text());
      } catch (DateTimeParseException e) {
        errors.add(where(rel, s.span()) + badTime("/now", s));
      }
    }
    Map<String, Config.RuleConfig> rules = new LinkedHashMap<>();
    root.object("rules").ifPresent(r -> {
      for (ObjectNode.Entry e : r.entries()) {
        if (e.value() instanceof ScalarNode s) {
          rules.put(e.key(), new Config.RuleConfig(s.text(), RuleOptions.EMPTY, e.keySpan()));
        } else if (e.value() instanceof ObjectNode o) {
          String level = o.string("level").map(ScalarNode::text).orElse(null);
          Map<String, Object> opts = o.object("options").map(ConfigLoader::plainMap).orElse(Map.of());
          rules.put(e.key(), new Config.RuleConfig(level, new RuleOptions(opts), e.keySpan()));
        }
      }
    });
    Map<String, List<String>> kinds = new LinkedHashMap<>();
    root.object("kinds").ifPresent(k -> {
      for (ObjectNode.Entry e : k.entries()) kinds.put(e.key(), strings(e.value()));
    });
    Config.Temporary temporary = root.object("temporary").map(t -> new Config.Temporary(
        strings(t.get("paths").orElse(null)), strings(t.get("permissionSets").orElse(null)),
        t.string("tag").map(ScalarNode::text).orElse(Config.Temporary.DEFAULT.tag()))).orElse(Config.Temporary.DEFAULT);
    Config.ScpGuardrails guardrails = root.object("scpGuardrails").map(g -> {
      boolean replace = g.get("replaceDefault").map(n -> n instanceof ScalarNode s && Boolean.TRUE.equals(s.value())).orElse(false);
      List<Config.Guardrail> list = new ArrayList<>();
      g.get("baseline").filter(ArrayNode.class::isInstance).ifPresent(b -> {
        for (Node item : ((ArrayNode) b).items()) {
          if (item instanceof ObjectNode o) {
            list.add(new Config.Guardrail(o.string("name").map(ScalarNode::text).orElse(""), strings(o.get("actions").orElse(null))));
          }
        }
      });
      return new Config.ScpGuardrails(replace, list);
    }).orElse(Config.ScpGuardrails.DEFAULT);
    Config.Organization org = root.object("organization").map(ConfigLoader::organization).orElse(null);
    List<Config.Suppression> suppressions = new ArrayList<>();
    root.get("suppressions").filter(ArrayNode.class::isInstance).ifPresent(a -> {
      int index = -1;
      for (Node item : ((ArrayNode) a).items()) {
        index++;
        if (!(item instanceof ObjectNode o)) continue;
        LocalDate expires = null;
        ScalarNode ex = o.get("expires").filter(ScalarNode.class::isInstance).map(ScalarNode.class::cast).orElse(null);
        if (ex != null) {
          try {
            expires = LocalDate.parse(ex.text());
          } catch (DateTimeParseException e) {
            errors.add(where(rel, ex.span()) + badDate("/suppressions/" + index + "/expires", ex));
          }
        }
        suppressions.add(new Config.Suppression(o.string("rule").map(ScalarNode::text).orElse(""),
            strings(o.get("paths").orElse(null)), o.string("reason").map(ScalarNode::text).orElse(""), expires, o.span()));
      }
    });
    String baseline = root.string("baseline").map(ScalarNode::text).orElse(null);
    Limits limits = root.object("limits").map(l -> new Limits(
        num(l, "maxFileBytes", Limits.DEFAULT.maxFileBytes()),
        (int) num(l, "maxDepth", Limits.DEFAULT.maxDepth()),
        (int) num(l, "maxStringLength", Limits.DEFAULT.maxStringLength()),
        (int) num(l, "maxNumberLength", Limits.DEFAULT.maxNumberLength()),
        num(l, "maxNodes", Limits.DEFAULT.maxNodes()))).orElse(Limits.DEFAULT);
    List<Config.CustomRule> customRules = customRules(root, rel, errors);
    if (!errors.isEmpty()) throw new LintException(String.join("\n", errors));
    return new Config(source, strings(root.get("include").orElse(null)), strings(root.get("exclude").orElse(null)),
        failLevel, now, rules, kinds, temporary, guardrails, org, suppressions, baseline, limits,
        customRules, fileRefs(root.get("plugins").orElse(null)));
  }

  /**
   * The {@code customRules:} list. The schema has checked the shapes; this checks that ids and
   * names are unique within the list (the engine checks them against every other rule).
   */
  private static List<Config.CustomRule> customRules(ObjectNode root, String rel, List<String> errors) {
    List<Config.CustomRule> out = new ArrayList<>();
    Node list = root.get("customRules").orElse(null);
    if (!(list instanceof ArrayNode a)) return out;
    Map<String, Span> seen = new LinkedHashMap<>();
    for (Node item : a.items()) {
      if (!(item instanceof ObjectNode o)) continue;
      ScalarNode idNode = o.string("id").orElse(null);
      ScalarNode nameNode = o.string("name").orElse(null);
      if (idNode == null || nameNode == null) continue;
      String id = idNode.text().trim();
      String name = nameNode.text().trim();
      for (ScalarNode key : List.of(idNode, nameNode)) {
        Span prior = seen.putIfAbsent(key.text().trim().toLowerCase(java.util.Locale.ROOT), key.span());
        if (prior != null) {
          errors.add(where(rel, key.span()) + "customRules: '" + key.text().trim() + "' is already used at line "
              + prior.startLine());
        }
      }
      ObjectNode m = o.object("match").orElse(null);
      Config.Match match = null;
      if (m != null) {
        List<Span> actionSpans = new ArrayList<>();
        m.get("actions").ifPresent(n -> {
          if (n instanceof ArrayNode an) an.items().forEach(i -> actionSpans.add(i.span()));
          else actionSpans.add(n.span());
        });
        match = new Config.Match(m.string("effect").map(ScalarNode::text).orElse(null),
            strings(m.get("actions").orElse(null)), strings(m.get("resources").orElse(null)),
            strings(m.get("principals").orElse(null)), strings(m.get("presentConditionKeys").orElse(null)),
            strings(m.get("missingConditionKeys").orElse(null)), actionSpans);
      }
      Config.OrgMatch org = null;
      ObjectNode on = o.object("organization").orElse(null);
      if (on != null) {
        org = new Config.OrgMatch(items(on.get("actions").orElse(null)), items(on.get("organizationalUnits").orElse(null)),
            items(on.get("accounts").orElse(null)), items(on.get("exceptPermissionSets").orElse(null)), on.span());
      }
      Double severity = o.get("securitySeverity")
          .filter(n -> n instanceof ScalarNode s && s.value() instanceof Number)
          .map(n -> ((Number) ((ScalarNode) n).value()).doubleValue()).orElse(null);
      out.add(new Config.CustomRule(id, name, o.string("level").map(ScalarNode::text).orElse("warning"),
          o.string("message").map(ScalarNode::text).orElse(""), o.string("summary").map(ScalarNode::text).orElse(null),
          o.string("description").map(ScalarNode::text).orElse(null), severity, strings(o.get("tags").orElse(null)),
          o.string("helpUri").map(ScalarNode::text).orElse(null), strings(o.get("kinds").orElse(null)),
          strings(o.get("paths").orElse(null)), match, org, o.span(), idNode.span(), nameNode.span()));
    }
    return out;
  }

  private static long num(ObjectNode o, String key, long def) {
    return o.get(key).filter(n -> n instanceof ScalarNode s && s.value() instanceof Number)
        .map(n -> ((Number) ((ScalarNode) n).value()).longValue()).orElse(def);
  }

  private static Config.Organization organization(ObjectNode o) {
    String mgmt = o.string("managementAccount").map(ScalarNode::text).orElse(null);
    Config.Target root = o.object("root").map(r -> target(r, "Root")).orElse(null);
    List<Config.Target> ous = new ArrayList<>();
    List<Config.Target> accounts = new ArrayList<>();
    o.get("organizationalUnits").filter(ArrayNode.class::isInstance)
        .ifPresent(a -> ((ArrayNode) a).items().forEach(n -> { if (n instanceof ObjectNode t) ous.add(target(t, null)); }));
    o.get("accounts").filter(ArrayNode.class::isInstance)
        .ifPresent(a -> ((ArrayNode) a).items().forEach(n -> { if (n instanceof ObjectNode t) accounts.add(target(t, null)); }));
    return new Config.Organization(mgmt, root, ous, accounts, o.span());
  }

  private static Config.Target target(ObjectNode t, String defaultName) {
    String name = t.get("name").filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).text()).orElse(defaultName);
    String id = t.get("id").filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).text()).orElse(null);
    String parent = t.string("parent").or(() -> t.string("organizationalUnit")).map(ScalarNode::text).orElse(null);
    boolean full = t.get("fullAWSAccess").map(n -> !(n instanceof ScalarNode s && Boolean.FALSE.equals(s.value()))).orElse(true);
    return new Config.Target(name, id, parent, full, fileRefs(t.get("scps").orElse(null)), fileRefs(t.get("rcps").orElse(null)),
        t.span());
  }

  private static List<Config.FileRef> fileRefs(Node n) {
    List<Config.FileRef> out = new ArrayList<>();
    if (n instanceof ArrayNode a) {
      for (Node item : a.items()) {
        if (item instanceof ScalarNode s && s.type() != ScalarNode.Type.NULL) out.add(new Config.FileRef(s.text(), s.span()));
      }
    }
    return out;
  }

  /** A string or list of strings with where each is written. */
  private static List<Config.Item> items(Node n) {
    List<Config.Item> out = new ArrayList<>();
    List<Node> nodes = n instanceof ArrayNode a ? a.items() : n == null ? List.of() : List.of(n);
    for (Node item : nodes) {
      if (item instanceof ScalarNode s && s.type() != ScalarNode.Type.NULL) out.add(new Config.Item(s.text().trim(), s.span()));
    }
    return out;
  }

  private static List<String> strings(Node n) {
    if (n instanceof ArrayNode a) {
      List<String> out = new ArrayList<>();
      for (Node item : a.items()) if (item instanceof ScalarNode s && s.type() != ScalarNode.Type.NULL) out.add(s.text());
      return out;
    }
    if (n instanceof ScalarNode s && s.type() != ScalarNode.Type.NULL) return List.of(s.text());
    return List.of();
  }

  private static Map<String, Object> plainMap(ObjectNode o) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ObjectNode.Entry e : o.entries()) out.put(e.key(), plain(e.value()));
    return out;
  }

  private static Object plain(Node n) {
    if (n instanceof ObjectNode o) return plainMap(o);
    if (n instanceof ArrayNode a) return a.items().stream().map(ConfigLoader::plain).toList();
    ScalarNode s = (ScalarNode) n;
    return s.type() == ScalarNode.Type.STRING ? s.text() : s.value() == null ? "" : s.value();
  }

  /**
   * ISO-8601 instant: a date alone is midnight UTC, a date-time without zone is UTC (the rules
   * read policy dates the same way).
   */
  public static Instant parseInstant(String text) {
    String t = text.trim();
    if (t.length() == 10) return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
    try {
      return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }
  }

  private static String where(String rel, Span span) {
    return rel + ":" + span.startLine() + ":" + span.startColumn() + ": ";
  }

  static String relative(Path root, Path file) {
    try {
      Path r = root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
      String s = r.toString().replace('\\', '/');
      return s.isEmpty() || s.startsWith("..") ? file.toString().replace('\\', '/') : s;
    } catch (IllegalArgumentException e) {
      return file.toString().replace('\\', '/');
    }
  }
}
