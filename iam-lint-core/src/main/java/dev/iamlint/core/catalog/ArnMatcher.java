package dev.iamlint.core.catalog;

import dev.iamlint.core.model.Arns;

/**
 * Decides whether a policy's resource ARN can name a resource of a type, given the type's ARN
 * pattern from the catalogue.
 *
 * <p>Both sides are patterns, so the question is whether some concrete ARN matches both:
 *
 * <ul>
 *   <li>Both sides are split into six fields at the first five colons: {@code arn}, partition,
 *       service, region, account and the resource part (which may hold more colons). A
 *       {@code ${...}} is one opaque token when splitting, so the colons of CloudFormation's
 *       {@code ${AWS::Partition}} do not count. The first five fields are matched field by field,
 *       so a wildcard or variable in the partition, region or account field stands for that one
 *       field and never for a run of fields ({@code arn:${AWS::Partition}:s3:::b/*} is no Lambda
 *       function ARN). IAM matches an ARN segment by segment, so an empty region or account
 *       field in the policy matches only an empty one, where the resource is one an account owns:
 *       a type whose pattern has a region and an account ({@code ${Region}}, {@code ${Account}})
 *       is not matched by an empty region ({@code arn:aws:s3:::b/*} names no S3 access point,
 *       {@code arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}};
 *       {@code arn:aws:kms::111122223333:key/*} no key), nor by an empty account after an empty
 *       region ({@code arn:aws:iam:::role/x}). Resources AWS owns have ARNs without an account,
 *       and some without a region, where the pattern has one: Systems Manager's documents
 *       ({@code arn:aws:ssm:us-east-1::document/AWS-RunShellScript}) and public parameters
 *       ({@code arn:aws:ssm:*::parameter/aws/service/...}), and the region-less foundation model
 *       ARN that Amazon Bedrock authorizes global cross-Region inference against
 *       ({@code arn:aws:bedrock:::foundation-model/...}, Amazon Bedrock User Guide, "Global
 *       cross-Region inference"); so an empty account after a region, and an empty region where
 *       the pattern has no account, still match. None of this holds when a policy field before
 *       the empty one ends with {@code *}, which may run on past its colon (IAM User Guide, "IAM
 *       JSON policy elements: Resource"). Only the resource part is matched as a whole. When either side has fewer
 *       than five colons ({@code arn:aws:s3:*}), the whole strings are matched as below, with
 *       placeholders in the type's first five fields unable to hold {@code :}.
 *   <li>Policy side: {@code *} is any run of characters (within a header field: of that field),
 *       {@code ?} any one character, {@code ${*}}, {@code ${?}}, {@code ${$}} the literal
 *       character, and any other policy variable ({@code ${aws:username}}) an unknown value, so
 *       also any run of characters.
 *   <li>Type side: {@code ${Placeholder}} is any run of characters, except that a placeholder in
 *       the partition or service field is never empty, and a {@code ${BucketName}} cannot hold
 *       {@code /}. The latter is what tells an S3 bucket ARN from an object ARN
 *       ({@code my-bucket/*} is objects only), which is the mistake users make most (the same
 *       special case as Parliament's {@code is_arn_match}). Other placeholders may hold {@code /}
 *       because real names do (log groups {@code /aws/lambda/x}, role paths).
 *   <li>Literal text compares case-sensitively, as IAM compares ARNs.
 * </ul>
 *
 * <p>The test is a dynamic programme over the two token lists: O(length × length) booleans, a few
 * thousand steps for real ARNs.
 */
final class ArnMatcher {
  // Token encoding: values >= 0 are literal characters; negative values are wildcards.
  private static final int ANY = -1; // any run of characters
  private static final int ONE = -2; // exactly one character
  private static final int ANY_NO_COLON = -3;
  private static final int ANY_NO_SLASH = -4;
  private static final int ANY_NO_COLON_SLASH = -5;

  private ArnMatcher() {}

  static boolean matches(String typePattern, String policyArn) {
    return matches(Pattern.of(typePattern), new Arn(policyArn));
  }

  /**
   * A type pattern prepared once: the whole pattern tokenised (for policy ARNs with fewer than
   * five colons) and, when it has its six fields, each field tokenised. Immutable; the
   * catalogue's resource types keep theirs.
   */
  static final class Pattern {
    final String text;
    final int[] whole;
    final String[] fields;
    final int[][] tokens;

    private Pattern(String text, int[] whole, String[] fields, int[][] tokens) {
      this.text = text;
      this.whole = whole;
      this.fields = fields;
      this.tokens = tokens;
    }

    static Pattern of(String typePattern) {
      String[] f = fields(typePattern);
      int[][] t = null;
      if (f != null) {
        t = new int[6][];
        for (int i = 0; i < 6; i++) {
          t[i] = tokenizeTypeField(f[i], i == 5);
        }
      }
      return new Pattern(typePattern, tokenizeTypePattern(typePattern), f, t);
    }
  }

  /**
   * A policy ARN prepared for matching against many patterns: split once, each field tokenised
   * when first needed. Not thread-safe; one per checked value.
   */
  static final class Arn {
    final String text;
    final String[] fields;
    private final int[][] tokens = new int[6][];
    private int[] whole;

    Arn(String text) {
      this.text = text;
      this.fields = fields(text);
    }

    int[] field(int f) {
      int[] t = tokens[f];
      if (t == null) {
        t = tokenizePolicyArn(fields[f]);
        tokens[f] = t;
      }
      return t;
    }

    int[] whole() {
      if (whole == null) {
        whole = tokenizePolicyArn(text);
      }
      return whole;
    }
  }

  /** {@link #matches(String, String)} with both sides prepared. */
  static boolean matches(Pattern type, Arn policy) {
    String[] t = type.fields;
    String[] p = policy.fields;
    if (t == null || p == null) {
      return intersects(type.whole, policy.whole());
    }
    // Cheap tests first: the service field is usually literal on both sides, and the literal
    // starts of the resource parts must agree.
    if (!literalPrefixesAgree(t[5], p[5])) {
      return false;
    }
    for (int f = 0; f < 5; f++) {
      if (f <= 2 && t[f].isEmpty() != p[f].isEmpty()) {
        return false; // 'arn', partition and service are never empty
      }
      if (f >= 3 && p[f].isEmpty() && !t[f].isEmpty() && !spillsBefore(p, f)
          && (f == 3 ? !t[4].isEmpty() : p[3].isEmpty())) {
        return false; // a field the resource has is never empty (arn:aws:s3:::b names no access point)
      }
      if (!t[f].equals(p[f]) && !intersects(type.tokens[f], policy.field(f))) {
        return false;
      }
    }
    return intersects(type.tokens[5], policy.field(5));
  }

  /**
   * Whether a policy field before {@code f} ends with {@code *}, which IAM lets run on past the
   * field's colon (IAM User Guide, "IAM JSON policy elements: Resource": a {@code *} that is the
   * last character of a segment "can expand to match beyond the colon boundaries"), so that the
   * policy's later fields need not line up with the resource's.
   */
  private static boolean spillsBefore(String[] p, int f) {
    for (int i = 1; i < f; i++) {
      if (p[i].endsWith("*")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The ARN split at its first five colons into {@code arn}, partition, service, region, account
   * and the resource part; a {@code ${...}} is one token, so its colons do not split. Null when
   * there are fewer than five colons.
   */
  static String[] fields(String arn) {
    return Arns.fields(arn);
  }

  /**
   * Whether the literal starts of two resource parts (up to the first placeholder, wildcard or
   * variable) agree, so {@code instance/*} never reaches the matcher for
   * {@code security-group/${SecurityGroupId}}.
   */
  private static boolean literalPrefixesAgree(String type, String policy) {
    int n = Math.min(type.length(), policy.length());
    for (int i = 0; i < n; i++) {
      char a = type.charAt(i);
      char b = policy.charAt(i);
      if (a == '*' || a == '?' || a == '$' || b == '*' || b == '?' || b == '$') {
        return true;
      }
      if (a != b) {
        return false;
      }
    }
    return true;
  }

  /** One field of a type pattern; {@code ${BucketName}} holds no '/' in the resource part. */
  static int[] tokenizeTypeField(String p, boolean resource) {
    int[] out = new int[p.length()];
    int n = 0;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '$' && i + 1 < p.length() && p.charAt(i + 1) == '{') {
        int end = p.indexOf('}', i);
        if (end > 0) {
          String var = p.substring(i + 2, end);
          out[n++] = resource && var.equalsIgnoreCase("BucketName") ? ANY_NO_SLASH : ANY;
          i = end;
          continue;
        }
      }
      out[n++] = c == '*' ? ANY : c == '?' ? ONE : c;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  static int[] tokenizeTypePattern(String p) {
    int[] out = new int[p.length()];
    int n = 0;
    int colons = 0;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '$' && i + 1 < p.length() && p.charAt(i + 1) == '{') {
        int end = p.indexOf('}', i);
        if (end > 0) {
          String var = p.substring(i + 2, end);
          boolean inHeader = colons < 5; // arn:partition:service:region:account: come first
          boolean noSlash = var.equalsIgnoreCase("BucketName");
          out[n++] = inHeader ? (noSlash ? ANY_NO_COLON_SLASH : ANY_NO_COLON) : (noSlash ? ANY_NO_SLASH : ANY);
          i = end;
          continue;
        }
      }
      if (c == '*') {
        out[n++] = ANY;
      } else if (c == '?') {
        out[n++] = ONE;
      } else {
        if (c == ':') {
          colons++;
        }
        out[n++] = c;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  static int[] tokenizePolicyArn(String p) {
    int[] out = new int[p.length()];
    int n = 0;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '$' && i + 1 < p.length() && p.charAt(i + 1) == '{') {
        int end = p.indexOf('}', i);
        if (end > 0) {
          String var = p.substring(i + 2, end);
          if (var.equals("*") || var.equals("?") || var.equals("$")) {
            out[n++] = var.charAt(0);
          } else {
            out[n++] = ANY;
          }
          i = end;
          continue;
        }
      }
      out[n++] = c == '*' ? ANY : c == '?' ? ONE : c;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private static boolean isRun(int t) {
    return t == ANY || t == ANY_NO_COLON || t == ANY_NO_SLASH || t == ANY_NO_COLON_SLASH;
  }

  /** Whether a run token may produce character c (c < 0 means an unknown single character). */
  private static boolean runAllows(int run, int c) {
    if (c < 0) {
      return true; // ONE can be any character, so pick one the run allows
    }
    return switch (run) {
      case ANY_NO_COLON -> c != ':';
      case ANY_NO_SLASH -> c != '/';
      case ANY_NO_COLON_SLASH -> c != ':' && c != '/';
      default -> true;
    };
  }

  private static boolean singlesCompatible(int x, int y) {
    return x == ONE || y == ONE || x == y;
  }

  /** True when some string matches both token lists. Runs may be empty. */
  static boolean intersects(int[] a, int[] b) {
    int n = a.length;
    int m = b.length;
    int w = m + 1;
    // reach[i * w + j]: a[0..i) and b[0..j) can produce the same string (one flat array: this
    // runs for every field of every pattern a policy ARN is compared with)
    boolean[] reach = new boolean[(n + 1) * w];
    reach[0] = true;
    for (int i = 0; i <= n; i++) {
      for (int j = 0; j <= m; j++) {
        int at = i * w + j;
        if (!reach[at]) {
          continue;
        }
        if (i == n && j == m) {
          return true;
        }
        boolean aRun = i < n && isRun(a[i]);
        boolean bRun = j < m && isRun(b[j]);
        if (aRun) {
          reach[at + w] = true; // a's run ends here
          if (j < m && !bRun && runAllows(a[i], b[j])) {
            reach[at + 1] = true; // a's run swallows b's single character
          }
        }
        if (bRun) {
          reach[at + 1] = true;
          if (i < n && !aRun && runAllows(b[j], a[i])) {
            reach[at + w] = true;
          }
        }
        if (i < n && j < m && !aRun && !bRun && singlesCompatible(a[i], b[j])) {
          reach[at + w + 1] = true;
        }
      }
    }
    return reach[n * w + m];
  }
}
