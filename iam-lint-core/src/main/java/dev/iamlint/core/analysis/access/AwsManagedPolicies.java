package dev.iamlint.core.analysis.access;

import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.catalog.ManagedPolicy;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.ConditionOperator;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.ValueList;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents of AWS managed policies from the catalogue, as policy models to evaluate; each
 * parsed once per instance. Only the elements evaluation reads are modelled (effect, actions,
 * resources, conditions): these documents are AWS's, never linted.
 */
public final class AwsManagedPolicies {

  /** The {@link PolicyDocument#container()} of a document read from the catalogue. */
  public static final String CONTAINER = "aws-managed";

  private final IamCatalog catalog;
  private final Map<String, Optional<PolicyDocument>> parsed = new ConcurrentHashMap<>();

  public AwsManagedPolicies(IamCatalog catalog) {
    this.catalog = catalog;
  }

  /** The document of an AWS managed policy by ARN, path and name, or name; empty when unknown. */
  public Optional<PolicyDocument> document(String nameOrArn) {
    return parsed.computeIfAbsent(nameOrArn, this::read);
  }

  private Optional<PolicyDocument> read(String ref) {
    Optional<ManagedPolicy> mp = ref.startsWith("arn:") ? catalog.managedPolicyByArn(ref) : catalog.managedPolicy(ref);
    if (mp.isEmpty() || mp.get().document() == null) return Optional.empty();
    ManagedPolicy p = mp.get();
    SourceFile file = new SourceFile(Path.of(p.name() + ".json"), "aws-managed/" + p.pathAndName(), Format.JSON);
    LoadedFile loaded = new Loader(Limits.DEFAULT).parse(file, p.document());
    if (loaded.documents().isEmpty() || !(loaded.documents().get(0) instanceof ObjectNode root)) return Optional.empty();
    List<Statement> statements = new ArrayList<>();
    Node st = root.get("Statement").orElse(null);
    List<Node> items = st instanceof ArrayNode a ? a.items() : st == null ? List.of() : List.of(st);
    for (Node n : items) {
      if (n instanceof ObjectNode o) statements.add(statement(statements.size(), o));
    }
    return Optional.of(new PolicyDocument(file, root, root, PolicyKind.IDENTITY, Set.of(PolicyUse.MANAGED),
        new Str(p.name(), root.span(), root.pointer()), null, null, null, statements, false, CONTAINER, false, null));
  }

  private static Statement statement(int index, ObjectNode o) {
    Str sid = null;
    Str effect = null;
    ValueList action = null;
    ValueList notAction = null;
    ValueList resource = null;
    ValueList notResource = null;
    Str condition = null;
    List<Condition> conditions = new ArrayList<>();
    for (ObjectNode.Entry e : o.entries()) {
      Str key = Str.key(e, o.pointer());
      switch (e.key()) {
        case "Sid" -> sid = e.value() instanceof ScalarNode s ? Str.of(s) : null;
        case "Effect" -> effect = e.value() instanceof ScalarNode s ? Str.of(s) : null;
        case "Action" -> action = ValueList.of(key, e.value());
        case "NotAction" -> notAction = ValueList.of(key, e.value());
        case "Resource" -> resource = ValueList.of(key, e.value());
        case "NotResource" -> notResource = ValueList.of(key, e.value());
        case "Condition" -> {
          condition = key;
          if (e.value() instanceof ObjectNode block) {
            for (ObjectNode.Entry op : block.entries()) {
              if (!(op.value() instanceof ObjectNode keys)) continue;
              for (ObjectNode.Entry k : keys.entries()) {
                Str ck = Str.key(k, keys.pointer());
                conditions.add(new Condition(Str.key(op, block.pointer()), ConditionOperator.parse(op.key()), ck,
                    ValueList.of(ck, k.value())));
              }
            }
          }
        }
        default -> { }
      }
    }
    return new Statement(index, o, o, sid, effect, null, null, action, notAction, resource, notResource, condition, conditions);
  }
}
