package dev.iamlint.core.analysis;

import dev.iamlint.core.model.Arns;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Whether a value as written is its final value: the one decision every rule asks ("is this
 * templated?"). A text can hold two kinds of substitution:
 *
 * <ul>
 *   <li>a <em>template substitution</em>, filled in before IAM sees the policy by the tool that
 *       deploys it: CloudFormation {@code Fn::Sub} ({@code ${Param}}, {@code ${AWS::Region}}),
 *       Landing Zone Accelerator ({@code ${ACCEL_LOOKUP::...}}, {@code {{ account ... }}}), Jinja
 *       or Handlebars {@code {{...}}}, ERB {@code <%...%>}, Terraform {@code %{...}}, the build
 *       placeholders of AWS Solutions templates ({@code %DIST_OUTPUT_BUCKET%}), and an
 *       org-formation function written as a string ({@code Fn::EnumTargetAccounts ...});</li>
 *   <li>an <em>IAM policy variable</em>, filled in by IAM for each request: {@code ${aws:username}},
 *       {@code ${aws:PrincipalTag/team}} (one colon), and the special {@code ${*}}, {@code ${?}},
 *       {@code ${$}} (IAM User Guide, "IAM policy elements: Variables and tags").</li>
 * </ul>
 *
 * An unclosed {@code ${} counts as a template substitution: its value is unknown. CloudFormation
 * functions written as nodes ({@code !Ref}, {@code {"Fn::GetAtt": ...}}) are decided on the node,
 * by {@link dev.iamlint.core.model.Intrinsics#isIntrinsic}; the model keeps the template of a
 * {@code Fn::Sub} as text, which this class then reads.
 *
 * <p>A third kind of value is not final either: a <em>placeholder</em> left for a person to fill in,
 * as example and template repositories write them ({@code <my-corporate-cidr>},
 * {@code arn:aws:iam::ACCOUNT_ID:role/x}, {@code xxACCTNUMBERxx}, {@code [MAX_SESSION_DURATION]}).
 * {@link Placeholders} finds them; a rule that checks a value's format leaves a value holding one
 * alone, and one rule says once per document which placeholders it holds.
 */
public final class Templates {

  private Templates() {}

  private static final int VARIABLE = 1;
  private static final int TEMPLATE = 2;

  /**
   * True when the text holds any substitution, a template's or a policy variable, so the text is
   * not the final value: rules that compare it with names, patterns or formats leave it alone.
   */
  public static boolean isTemplated(String s) {
    return scan(s) != 0;
  }

  /**
   * True when a deployment tool fills in part of the text (a template substitution, not a policy
   * variable). For the checks where policy variables matter in their own right (a Date or Numeric
   * condition value does not accept one).
   */
  public static boolean hasTemplateSubstitution(String s) {
    return (scan(s) & TEMPLATE) != 0;
  }

  /** True when the text holds an IAM policy variable such as {@code ${aws:username}}. */
  public static boolean hasPolicyVariable(String s) {
    return (scan(s) & VARIABLE) != 0;
  }

  /**
   * True when a substitution fills in the start of the text ({@code ${BucketArn}/*},
   * {@code {{ arn }}}), so not even its shape (say, that it is an ARN) is known.
   */
  public static boolean startsTemplated(String s) {
    return s.startsWith("${") || s.startsWith("{{") || s.startsWith("<%") || s.startsWith("%{") || s.startsWith("Fn::");
  }

  /** What the text holds: a bit set of {@link #VARIABLE} and {@link #TEMPLATE}. */
  private static int scan(String s) {
    int found = s.startsWith("Fn::") ? TEMPLATE : 0;
    for (int i = s.indexOf('{'); i >= 0 && found != (VARIABLE | TEMPLATE); i = s.indexOf('{', i + 1)) {
      if (i + 1 < s.length() && s.charAt(i + 1) == '{') {
        found |= TEMPLATE;
      } else if (i > 0 && s.charAt(i - 1) == '$') {
        int end = s.indexOf('}', i);
        found |= end < 0 || !isPolicyVariable(s.substring(i + 1, end)) ? TEMPLATE : VARIABLE;
      } else if (i > 0 && s.charAt(i - 1) == '%') {
        found |= TEMPLATE;
      }
    }
    if (s.contains("<%") || hasBuildPlaceholder(s)) found |= TEMPLATE;
    return found;
  }

  /**
   * A build placeholder of AWS Solutions templates, {@code %NAME%} (upper-case letters, digits and
   * underscores, starting with a letter or underscore: {@code %DIST_OUTPUT_BUCKET%},
   * {@code %ACCOUNT%}), which their build script replaces before the template is published. A
   * URL-encoded octet ({@code %2F}) starts with a digit and is none.
   */
  private static boolean hasBuildPlaceholder(String s) {
    for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
      int j = i + 1;
      if (j >= s.length() || !(Character.isUpperCase(s.charAt(j)) || s.charAt(j) == '_')) continue;
      while (j < s.length() && (Character.isUpperCase(s.charAt(j)) || Character.isDigit(s.charAt(j)) || s.charAt(j) == '_')) j++;
      if (j < s.length() && s.charAt(j) == '%') return true;
    }
    return false;
  }

  /** The inside of {@code ${...}} names a policy variable: one colon, or {@code *}, {@code ?}, {@code $}. */
  private static boolean isPolicyVariable(String inner) {
    if (inner.equals("*") || inner.equals("?") || inner.equals("$")) return true;
    int colon = inner.indexOf(':');
    return colon > 0 && inner.indexOf(':', colon + 1) < 0;
  }

  /**
   * Placeholder-shaped parts of values: the built-in shapes below, plus the regular expressions
   * configured as the {@code patterns} option of the {@code placeholder-values} rule (IAM012),
   * which the rules read from the configuration and pass to {@link #of(List)}.
   *
   * <ul>
   *   <li>{@code <...>}: {@code <my-corporate-cidr>}, {@code <ACCOUNT_ID>}, {@code <bucket name>}
   *       (not ERB's {@code <%...%>});
   *   <li>{@code [...]} holding a capital letter or an underscore: {@code [STACK_NAME]},
   *       {@code [MAX_SESSION_DURATION]};
   *   <li>{@code xx...xx}: {@code xxACCTNUMBERxx}, {@code xxxxxxxxxxxx};
   *   <li>a whole partition, region or account field of an ARN that is a capitalised identifier
   *       naming what belongs there ({@code ACCOUNT_ID}, {@code REGION}, {@code ACCOUNT-A-ID},
   *       {@code ROLE_NAME}) or is the field's own name in any case ({@code region},
   *       {@code account-id}, as the IAM User Guide's examples write them), or a whole value that names an account, region, partition,
   *       organization, VPC endpoint or CIDR that way ({@code ACCOUNT_ID}, {@code CORPORATE_CIDR};
   *       not {@code ADMIN_ROLE}, which may be a real tag value); or either starting with "your"
   *       ({@code your-account-id}). A capitalised region such as {@code US-EAST-1} names no such
   *       thing and stays a typo.
   * </ul>
   *
   * @param extra configured patterns, found anywhere in a value
   */
  public record Placeholders(List<Pattern> extra) {

    /** The built-in shapes only. */
    public static final Placeholders DEFAULT = new Placeholders(List.of());

    /** The rule and option that extend the shapes. */
    public static final String RULE_ID = "IAM012";
    public static final String RULE_NAME = "placeholder-values";
    public static final String OPTION = "patterns";

    private static final Pattern BRACKETED = Pattern.compile(
        "<(?![%=])[^<>\\s%][^<>]{0,62}>|\\[[A-Za-z][A-Za-z0-9_ .-]{1,62}\\]|(?i)(?<![a-z0-9])x{2,}[a-z0-9_-]*x{2,}(?![a-z0-9])");
    private static final Pattern CAPITALISED = Pattern.compile("[A-Z][A-Z0-9]*(?:[_-][A-Z0-9]+)*");
    /**
     * An ARN field that is the name of the field itself, in any case, as the IAM User Guide's
     * examples write them ({@code arn:aws:ec2:region:account-id:instance/*}).
     */
    private static final Pattern FIELD_NAME = Pattern.compile(
        "(?i)(aws[-_])?(region|region[-_]?(code|name)|partition|account|account[-_]?(id|number|no))");
    /** The IAM User Guide's generic action, {@code service-prefix:action-name}, and its numbered variants. */
    private static final Pattern GENERIC_ACTION_PART = Pattern.compile("(?i)(service-prefix|action-name)(-[a-z0-9]+)?");
    // "my-" is left out: real names start with it (my-bucket, my-app).
    private static final Pattern YOUR = Pattern.compile("(?i)your[-_ ][a-z0-9_ -]+");
    /**
     * Words that say what a capitalised placeholder stands for, in an ARN's partition, region or
     * account field, whose format leaves no room for such a word.
     */
    private static final Pattern FIELD_WORD = Pattern.compile(
        "(?:^|[_-])(ACCOUNT|ACCOUNTID|ACCOUNTNUMBER|ACCT|ACCTNUMBER|REGION|PARTITION|ID|NAME|NUMBER|ARN|BUCKET|ROLE|USER|"
            + "ORG|ORGID|OU|VPC|VPCE|CIDR|IP|KEY|PREFIX|VALUE|EXAMPLE|PLACEHOLDER|TODO|REPLACE|CHANGEME|MAX|MIN)(?:$|[_-])");
    /**
     * The narrower list for a whole value: a tag value or a name may well be ADMIN_ROLE or
     * USER_KEY, but not ACCOUNT_ID or MY_CORPORATE_CIDR.
     */
    private static final Pattern VALUE_WORD = Pattern.compile(
        "(?:^|[_-])(ACCOUNT|ACCOUNTID|ACCOUNTNUMBER|ACCT|ACCTNUMBER|REGION|PARTITION|ORGID|VPCE?ID|CIDR|EXAMPLE|"
            + "PLACEHOLDER|TODO|REPLACE|CHANGEME)(?:$|[_-])");

    public Placeholders {
      extra = List.copyOf(extra);
    }

    /**
     * The built-in shapes plus these regular expressions (the {@code patterns} option of
     * {@code placeholder-values}, which the rules read from their configuration; this package
     * does not depend on the configuration's). A pattern that does not compile is ignored here.
     */
    public static Placeholders of(List<String> regexes) {
      if (regexes == null || regexes.isEmpty()) return DEFAULT;
      List<Pattern> patterns = new ArrayList<>();
      for (String regex : regexes) {
        try {
          patterns.add(Pattern.compile(regex));
        } catch (PatternSyntaxException ignored) {
          // The documented behaviour: an invalid pattern simply does not count.
        }
      }
      return patterns.isEmpty() ? DEFAULT : new Placeholders(patterns);
    }

    /** True when the value holds a placeholder. */
    public boolean holds(String value) {
      return !find(value).isEmpty();
    }

    /** The placeholders in the value, as written, in order (empty when none). */
    public List<String> find(String value) {
      String v = value.trim();
      List<String> out = new ArrayList<>();
      if (v.isEmpty()) return out;
      bracketed(v, out);
      if (v.startsWith("arn:") && mayHoldFieldPlaceholder(v)) {
        List<String> fields = Arns.split(v, 6);
        for (int i = 1; i < Math.min(5, fields.size()); i++) {
          String f = fields.get(i);
          if (i != 2 && (isNamingWord(f, FIELD_WORD) || (mayBeFieldName(f) && FIELD_NAME.matcher(f).matches()))) out.add(f);
        }
      } else if (isNamingWord(v, VALUE_WORD)) {
        out.add(v);
      }
      configured(v, out);
      return out;
    }

    /** Adds the bracketed shapes ({@code <name>}, {@code [NAME]}, ...) of the value, in order. */
    private static void bracketed(String v, List<String> out) {
      if (!mayBeBracketed(v)) return;
      Matcher m = BRACKETED.matcher(v);
      while (m.find()) {
        if (m.group().startsWith("[") && !hasCapitalOrUnderscore(m.group())) continue;
        out.add(m.group());
      }
    }

    /** Adds what the configured patterns find in the value and is not in the list yet. */
    private void configured(String v, List<String> out) {
      for (Pattern p : extra) {
        Matcher x = p.matcher(v);
        while (x.find()) {
          if (!x.group().isEmpty() && !out.contains(x.group())) out.add(x.group());
        }
      }
    }

    /** True when an {@code Action}/{@code NotAction} value holds a placeholder ({@link #findInAction}). */
    public boolean holdsInAction(String value) {
      return !findInAction(value).isEmpty();
    }

    /**
     * The placeholders in an {@code Action}/{@code NotAction} value: the bracketed shapes, the
     * configured patterns, and the IAM User Guide's generic {@code service-prefix:action-name}
     * (whose parts are reported as written).
     */
    public List<String> findInAction(String value) {
      String v = value.trim();
      if (extra.isEmpty() && !mayBeBracketed(v) && !mayHoldGenericPart(v)) return List.of(); // most values: no allocation
      List<String> out = new ArrayList<>();
      bracketed(v, out);
      int colon = v.indexOf(':');
      if (colon > 0) {
        String prefix = v.substring(0, colon);
        String name = v.substring(colon + 1);
        if (startsGenericPart(prefix, 0) && GENERIC_ACTION_PART.matcher(prefix).matches()) out.add(prefix);
        if (startsGenericPart(name, 0) && GENERIC_ACTION_PART.matcher(name).matches()) out.add(name);
      }
      configured(v, out);
      return out;
    }

    /** True when a condition key's name holds a placeholder ({@link #findInKey}). */
    public boolean holdsInKey(String key) {
      return !findInKey(key).isEmpty();
    }

    /**
     * The placeholders in a condition key's name, as example policies write an identity provider
     * or a tag key to fill in ({@code <OIDC_provider_name>:sub}, {@code aws:ResourceTag/<tag-key>}):
     * the bracketed shapes and the configured patterns. The naming-word shapes are left out: a key
     * has the form {@code prefix:name}, which no capitalised identifier has.
     */
    public List<String> findInKey(String key) {
      String v = key.trim();
      if (extra.isEmpty() && !mayBeBracketed(v)) return List.of(); // most keys: no allocation
      List<String> out = new ArrayList<>();
      bracketed(v, out);
      configured(v, out);
      return out;
    }

    private static boolean isNamingWord(String field, Pattern words) {
      if (field.isEmpty()) return false;
      if (field.regionMatches(true, 0, "your", 0, 4) && YOUR.matcher(field).matches()) return true;
      char first = field.charAt(0);
      return first >= 'A' && first <= 'Z' && CAPITALISED.matcher(field).matches() && words.matcher(field).find();
    }

    /*
     * Cheap tests that rule a value out before a regular expression runs: these run on every
     * Action, Resource and condition value of every policy, and almost none holds a placeholder.
     */

    /** {@link #BRACKETED} needs a '<', a '[' or two x's. */
    private static boolean mayBeBracketed(String v) {
      int n = v.length();
      for (int i = 0; i < n; i++) { // one pass: this runs on every value
        char a = v.charAt(i);
        if (a == '<' || a == '[') return true;
        if ((a | 0x20) == 'x' && i + 1 < n && (v.charAt(i + 1) | 0x20) == 'x') return true;
      }
      return false;
    }

    /** A part of {@code prefix:name} may be {@link #GENERIC_ACTION_PART} ({@link #startsGenericPart} on each, in place). */
    private static boolean mayHoldGenericPart(String v) {
      int colon = v.indexOf(':');
      return colon > 0 && (startsGenericPart(v, 0) || startsGenericPart(v, colon + 1));
    }

    /** {@link #GENERIC_ACTION_PART} starts with service-prefix or action-name, here at {@code at}. */
    private static boolean startsGenericPart(String s, int at) {
      return s.regionMatches(true, at, "service-prefix", 0, 14) || s.regionMatches(true, at, "action-name", 0, 11);
    }

    /**
     * Whether the partition, region or account field of an ARN may be a placeholder (a naming
     * word starts with a capital or "your", {@link #FIELD_NAME} with a, r or p and has six
     * characters or more), tested in place: every Resource ARN of every policy comes here. ARNs
     * with substitutions take the full test.
     */
    private static boolean mayHoldFieldPlaceholder(String arn) {
      if (arn.indexOf('{') >= 0) return true;
      int start = 4; // after "arn:"
      for (int field = 1; field <= 4; field++) {
        int end = arn.indexOf(':', start);
        if (end < 0) end = arn.length();
        if (field != 2 && end > start) {
          char c = arn.charAt(start);
          int length = end - start;
          if ((c >= 'A' && c <= 'Z') || (length >= 4 && arn.regionMatches(true, start, "your", 0, 4))
              || (length >= 6 && "arpARP".indexOf(c) >= 0)) return true;
        }
        if (end == arn.length()) return false;
        start = end + 1;
      }
      return false;
    }

    /** {@link #FIELD_NAME} starts with aws, region, partition or account. */
    private static boolean mayBeFieldName(String f) {
      if (f.length() < 6) return false;
      char c = Character.toLowerCase(f.charAt(0));
      return c == 'a' || c == 'r' || c == 'p';
    }

    private static boolean hasCapitalOrUnderscore(String token) {
      for (int i = 0; i < token.length(); i++) {
        char c = token.charAt(i);
        if (c == '_' || (c >= 'A' && c <= 'Z')) return true;
      }
      return false;
    }
  }
}
