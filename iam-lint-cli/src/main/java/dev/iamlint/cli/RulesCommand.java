package dev.iamlint.cli;

import dev.iamlint.core.rule.RuleCatalogue;
import dev.iamlint.core.rule.RuleDescriptor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code iam-lint rules}: one aligned line per rule, or a JSON array for scripts. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Lists every rule: id, name, default level and tags. "
        + "'iam-lint explain ID' prints a rule's documentation.")
final class RulesCommand implements Callable<Integer> {

  /** The output formats of {@code rules}. */
  enum Format { TEXT, JSON }

  @Spec CommandSpec spec;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", converter = FormatConverter.class,
      description = "text (default: an aligned table of the implemented rules) or json (every rule of the "
          + "catalogue, implemented or not; see docs/json-format.md).")
  Format format = Format.TEXT;

  @Mixin RuleSources sources = new RuleSources();

  @Option(names = {"-v", "--verbose"}, description = "Stack traces for internal errors.")
  boolean verbose;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      List<RuleDescriptor> rules = new ArrayList<>(sources.ruleSet(spec.commandLine().getErr()).descriptors());
      rules.sort(Comparator.comparing(RuleDescriptor::id));
      if (format == Format.JSON) {
        out.print(json(rules));
      } else {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "NAME", "LEVEL", "TAGS"});
        for (RuleDescriptor r : rules) {
          rows.add(new String[] {r.id(), r.name(), r.level().id(), String.join(", ", r.tags())});
        }
        out.print(table(rows));
      }
      out.flush();
      return ExitCode.OK.code();
    } catch (Exception | Error e) {
      Errors.report(spec.commandLine().getErr(), e, verbose);
      return ExitCode.ERROR.code();
    }
  }

  /**
   * The JSON listing: every rule of the published catalogue plus any other rule on the class path
   * (a custom rule jar), sorted by id; a catalogued rule this version does not implement has
   * {@code "implemented": false} and null metadata. The shape is documented in
   * docs/json-format.md; keys are only ever added.
   */
  static String json(List<RuleDescriptor> implemented) {
    Map<String, RuleDescriptor> byId = new TreeMap<>();
    for (RuleDescriptor r : implemented) byId.put(r.id(), r);
    Map<String, String> ids = new TreeMap<>(RuleCatalogue.IDS);
    for (RuleDescriptor r : implemented) ids.put(r.id(), r.name());
    JsonMapper mapper = JsonMapper.builder().build();
    ArrayNode array = mapper.createArrayNode();
    ids.forEach((id, name) -> {
      RuleDescriptor r = byId.get(id);
      ObjectNode o = array.addObject();
      o.put("id", id);
      o.put("name", name);
      if (r == null) {
        o.putNull("level");
        o.putNull("securitySeverity");
        o.putArray("tags");
        o.putNull("summary");
      } else {
        o.put("level", r.level().id());
        o.put("securitySeverity", r.securitySeverity());
        ArrayNode tags = o.putArray("tags");
        r.tags().forEach(tags::add);
        o.put("summary", r.summary());
      }
      o.put("implemented", r != null);
    });
    // The same bytes on every machine: two-space indent and "\n", like the JSON report.
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectNameValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator(""));
    pp.indentArraysWith(indenter);
    pp.indentObjectsWith(indenter);
    return mapper.writer().with(pp).writeValueAsString(array) + "\n";
  }

  /** Left-aligned columns separated by two spaces; the last column is not padded. */
  static String table(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) width[c] = Math.max(width[c], row[c].length());
    }
    StringBuilder sb = new StringBuilder();
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        sb.append(row[c]);
        if (c < columns - 1) sb.append(" ".repeat(width[c] - row[c].length() + 2));
      }
      sb.append(System.lineSeparator());
    }
    return sb.toString();
  }

  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      for (Format f : Format.values()) {
        if (f.name().equalsIgnoreCase(value.trim())) return f;
      }
      throw new TypeConversionException("unknown format '" + value + "' (expected text or json)");
    }
  }
}
