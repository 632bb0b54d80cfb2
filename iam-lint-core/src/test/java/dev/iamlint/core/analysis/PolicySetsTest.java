package dev.iamlint.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyReader;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicySetsTest {

  private static final String TEMPLATE = """
      Resources:
        Admins:
          Type: AWS::IAM::Group
          Properties:
            GroupName: admins
            Policies:
              - PolicyName: a
                PolicyDocument: {Statement: []}
        Alice:
          Type: AWS::IAM::User
          Properties:
            Groups: [!Ref Admins]
            ManagedPolicyArns: [!Ref Mine]
        Mine:
          Type: AWS::IAM::ManagedPolicy
          Properties:
            PolicyDocument: {Statement: []}
        ByName:
          Type: AWS::IAM::Policy
          Properties:
            Groups: [admins]
            PolicyDocument: {Statement: []}
        Elsewhere:
          Type: AWS::IAM::Policy
          Properties:
            Groups: [!ImportValue OtherGroup]
            PolicyDocument: {Statement: []}
      """;

  @Test
  void setsFollowRefsNamesManagedPolicyArnsAndGroups() {
    SourceFile file = new SourceFile(Path.of("t.yaml"), "t.yaml", Format.YAML);
    LoadedFile loaded = new Loader(Limits.DEFAULT).parse(file, TEMPLATE);
    ObjectNode res = ((ObjectNode) loaded.documents().get(0)).object("Resources").get();
    PolicyDocument group = policy(file, res, "Admins", "Resources.Admins.Policies[0]", "Policies");
    PolicyDocument mine = policy(file, res, "Mine", "Resources.Mine", null);
    PolicyDocument byName = policy(file, res, "ByName", "Resources.ByName", null);
    PolicyDocument elsewhere = policy(file, res, "Elsewhere", "Resources.Elsewhere", null);
    PolicySets sets = PolicySets.of(loaded, List.of(group, mine, byName, elsewhere));
    // The group's set: its inline policy and the policy naming it; not the user's own policy.
    assertEquals(List.of(List.of(group, byName)), sets.setsOf(group));
    // The user's set: its managed policy and its group's policies.
    assertEquals(Set.of(mine, group, byName), Set.copyOf(sets.setsOf(mine).get(0)));
    assertEquals(List.of(List.of(elsewhere)), sets.setsOf(elsewhere));
  }

  private static PolicyDocument policy(SourceFile file, ObjectNode resources, String id, String container, String inline) {
    ObjectNode props = resources.object(id).get().object("Properties").get();
    Node doc = inline == null ? props.get("PolicyDocument").get()
        : ((dev.iamlint.core.source.ArrayNode) props.get(inline).get()).items().get(0) instanceof ObjectNode o
            ? o.get("PolicyDocument").get() : null;
    return PolicyReader.read(file, doc, PolicyKind.IDENTITY, Set.of(PolicyUse.MANAGED), null, null, false, container);
  }
}
