package dev.iamlint.core.analysis;

/**
 * Whether a value as written is its final value: the one decision every rule asks ("is this
 * templated?"). A text can hold two kinds of substitution:
 *
 * <ul>
 *   <li>a <em>template substitution</em>, filled in before IAM sees the policy by the tool that
 *       deploys it: CloudFormation {@code Fn::Sub} ({@code ${Param}}, {@code ${AWS::Region}}),
 *       Landing Zone Accelerator ({@code ${ACCEL_LOOKUP::...}}, {@code {{ account ... }}}), Jinja
 *       or Handlebars {@code {{...}}}, ERB {@code <%...%>}, Terraform {@code %{...}}, and an
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
    if (s.contains("<%")) found |= TEMPLATE;
    return found;
  }

  /** The inside of {@code ${...}} names a policy variable: one colon, or {@code *}, {@code ?}, {@code $}. */
  private static boolean isPolicyVariable(String inner) {
    if (inner.equals("*") || inner.equals("?") || inner.equals("$")) return true;
    int colon = inner.indexOf(':');
    return colon > 0 && inner.indexOf(':', colon + 1) < 0;
  }
}
