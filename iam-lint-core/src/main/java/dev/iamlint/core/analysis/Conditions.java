package dev.iamlint.core.analysis;

import dev.iamlint.core.catalog.ConditionKey;
import dev.iamlint.core.catalog.ConditionValueType;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.ConditionOperator;
import dev.iamlint.core.model.Intrinsics;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.Node;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What a statement's conditions restrict: who may call, on whose behalf, which values a key may take. */
public final class Conditions {

  private Conditions() {}

  /** The statement's condition on the key that is not a {@code Null} test, or null. */
  public static Condition limiting(Statement s, String key) {
    for (Condition c : s.conditionsOn(key)) {
      if (c.operatorName() != null && c.operatorName().text().toLowerCase(Locale.ROOT).startsWith("null")) continue;
      return c;
    }
    return null;
  }

  /**
   * Whether an ARN written in a condition ({@code aws:PrincipalArn}, {@code aws:SourceArn}) names
   * only principals or resources of accounts its author chose: its account field is literal (an
   * account id) or filled in by a template. A wildcard there matches every account, since any
   * account can create a role or resource of the name that follows. An empty account field names
   * a resource whose name is global (an S3 bucket), which counts only when the name holds no
   * wildcard: anyone can create a bucket that {@code logs-*} matches.
   */
  public static boolean arnOfChosenAccount(String arn) {
    if (Templates.startsTemplated(arn)) return true;
    String[] f = dev.iamlint.core.model.Arns.fields(arn);
    if (f == null) return !Texts.hasWildcardOutsideSubstitutions(arn); // no account field to read: a wildcard may span it
    String account = f[4];
    if (Templates.hasTemplateSubstitution(account)) return true;
    if (Texts.hasWildcardOutsideSubstitutions(account)) return false;
    if (account.isEmpty()) return !Texts.hasWildcardOutsideSubstitutions(f[5]);
    return true;
  }

  /** True when one condition of the statement restricts ({@link #restricts}) one of the keys (lower case). */
  public static boolean restrictedBy(Statement s, Set<String> keys) {
    for (Condition c : s.conditions()) {
      if (keys.contains(c.key().text().toLowerCase(Locale.ROOT)) && restricts(c)) return true;
    }
    return false;
  }

  /**
   * True when an Allow's condition limits the key to the values given: a known, non-negated
   * operator other than Null, without IfExists (a missing key would pass) and without
   * {@code ForAllValues} (true when the key is absent), with at least one value that is not a bare
   * wildcard or an any-address range. {@code Bool aws:PrincipalIsAWSService true} restricts too.
   * A value CloudFormation computes ({@code !Ref AWS::AccountId}) is given the benefit of the doubt.
   */
  public static boolean restricts(Condition c) {
    ConditionOperator op = c.operator();
    if (!op.known() || op.isNegated() || op.isNull() || op.ifExists()) return false;
    if ("ForAllValues".equals(op.qualifier())) return false;
    if (op.isBool()) {
      return c.isKey("aws:PrincipalIsAWSService") && c.values().texts().stream().anyMatch("true"::equalsIgnoreCase);
    }
    if (c.values().isEmpty()) return computed(c.values().node());
    boolean like = op.base().endsWith("Like");
    for (Str v : c.values().values()) {
      String t = v.text().trim();
      if (t.isEmpty()) continue;
      if (like && t.chars().allMatch(ch -> ch == '*' || ch == '?')) continue;
      if (op.base().equals("IpAddress") && (t.equals("0.0.0.0/0") || t.equals("::/0"))) continue;
      return true;
    }
    return false;
  }

  /** The value, or an item of it, is a CloudFormation function call. */
  private static boolean computed(Node n) {
    if (Intrinsics.isIntrinsic(n)) return true;
    if (n instanceof ArrayNode a) {
      for (Node item : a.items()) if (Intrinsics.isIntrinsic(item)) return true;
    }
    return false;
  }

  /**
   * Keys AWS documents as multivalued although the catalogue types them as plain strings. The
   * Amazon Cognito {@code amr} claim is "the multi-value amr claim" (Amazon Cognito Developer
   * Guide, "Role trust and permissions", whose example uses {@code ForAnyValue:StringLike}).
   */
  private static final Set<String> DOCUMENTED_MULTIVALUED = Set.of("cognito-identity.amazonaws.com:amr");

  /** A key name that reads as a plural: ...Ids, ...Arns, ...Types, ...VPCs (not ...Access, ...Status). */
  private static final Pattern PLURAL = Pattern.compile(".*[^su]s");

  /**
   * Whether the key is known to take a single value, so that a set qualifier
   * ({@code ForAllValues}/{@code ForAnyValue}) on it is a mistake. Only AWS global keys and
   * service keys whose catalogue type is neither {@code ArrayOf...} nor unknown are judged; a key
   * AWS documents as multivalued ({@link #DOCUMENTED_MULTIVALUED}, any {@code ...TagKeys} key,
   * like {@code aws:TagKeys}) is not single-valued, nor is a service key with a plural name. Federation keys (SAML {@code saml:*}, OIDC
   * {@code <provider>:claim}) are never judged: their claims are set by the identity provider
   * and may be arrays (OpenID Connect's {@code amr}, a JWT {@code aud}), whatever the data says.
   */
  public static boolean isSingleValued(IamCatalog catalog, String keyName) {
    String lower = keyName.trim().toLowerCase(Locale.ROOT);
    if (DOCUMENTED_MULTIVALUED.contains(lower) || lower.endsWith("tagkeys")) return false;
    int colon = lower.indexOf(':');
    if (colon <= 0) return false;
    String prefix = lower.substring(0, colon);
    if (!prefix.equals("aws") && catalog.service(prefix).isEmpty()) return false;
    Optional<ConditionKey> key = catalog.conditionKey(keyName);
    if (key.isEmpty() || key.get().multivalued() || key.get().valueType() == ConditionValueType.UNKNOWN) return false;
    // The reference data types a few service keys with plural names as plain strings although
    // their services describe several values (route53:VPCs: "Multiple VPCs"; lambda:VpcIds,
    // autoscaling:InstanceTypes): given the benefit of the doubt.
    return prefix.equals("aws") || !PLURAL.matcher(lower.substring(lower.lastIndexOf(':') + 1)).matches();
  }

  /**
   * The catalogue value type of a global or service key, when an operator of another family
   * cannot compare it as AWS means: empty for unknown keys, federation keys and plain
   * {@code String} keys (the data types some numeric keys as strings, e.g.
   * {@code glacier:ArchiveAgeInDays}, which AWS's examples compare with Numeric operators).
   */
  public static Optional<ConditionValueType> strictType(IamCatalog catalog, String keyName) {
    String lower = keyName.trim().toLowerCase(Locale.ROOT);
    int colon = lower.indexOf(':');
    if (colon <= 0) return Optional.empty();
    String prefix = lower.substring(0, colon);
    if (!prefix.equals("aws") && catalog.service(prefix).isEmpty()) return Optional.empty();
    Optional<ConditionKey> key = catalog.conditionKey(keyName);
    if (key.isEmpty()) return Optional.empty();
    ConditionValueType t = key.get().valueType();
    return t == ConditionValueType.STRING || t == ConditionValueType.UNKNOWN ? Optional.empty() : Optional.of(t);
  }

  /**
   * Whether an operator family (a base operator such as {@code StringEquals},
   * {@code NumericLessThan}) is the wrong one for a key of this type (IAM User Guide, "Condition
   * operators": each family compares values of its own type; IAM Access Analyzer reports the
   * others as "Type mismatch"). {@code Null} fits every key. Numeric and date keys take only
   * their own family: a {@code String*} operator compares them as text ("3600" is not "03600",
   * "900" sorts after "3600"). Bool, IP address and ARN keys are not judged for {@code String*}
   * operators, which AWS's own examples sometimes use on them; any other family is wrong.
   */
  public static boolean typeMismatch(ConditionValueType keyType, String base) {
    if (base.equals("Null")) return false;
    String family = family(base);
    if (family == null) return false;
    return switch (keyType) {
      case NUMERIC -> !family.equals("Numeric");
      // Epoch seconds are a documented date form, so a Numeric operator is not judged here.
      case DATE -> !family.equals("Date") && !family.equals("Numeric");
      case BOOL -> !family.equals("Bool") && !family.equals("String");
      case IP_ADDRESS -> !family.equals("Ip") && !family.equals("String");
      case ARN -> !family.equals("Arn") && !family.equals("String");
      case BINARY -> !family.equals("Binary") && !family.equals("String");
      default -> false;
    };
  }

  /** The operator family of a base operator: String, Numeric, Date, Bool, Ip, Arn, Binary; null if unknown. */
  public static String family(String base) {
    if (base.startsWith("String")) return "String";
    if (base.startsWith("Numeric")) return "Numeric";
    if (base.startsWith("Date")) return "Date";
    if (base.equals("Bool")) return "Bool";
    if (base.equals("IpAddress") || base.equals("NotIpAddress")) return "Ip";
    if (base.startsWith("Arn")) return "Arn";
    if (base.equals("BinaryEquals")) return "Binary";
    return null;
  }
}
