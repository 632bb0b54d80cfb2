package dev.iamlint.core.model;

import java.util.ArrayList;
import java.util.List;

/** Splitting ARNs into their colon-separated fields, with substitutions kept whole. */
public final class Arns {

  private Arns() {}

  /**
   * The ARN split at its colons into at most {@code max} fields, the last holding the rest. A
   * substitution is one token whose colons do not split: {@code ${...}} (a policy variable or a
   * CloudFormation substitution such as {@code ${AWS::Partition}}) and {@code {{...}}} (Landing
   * Zone Accelerator and other template engines), nested or not.
   */
  public static List<String> split(String arn, int max) {
    List<String> out = new ArrayList<>(max);
    int depth = 0;
    int start = 0;
    for (int i = 0; i < arn.length(); i++) {
      char c = arn.charAt(i);
      if ((c == '$' || c == '{') && i + 1 < arn.length() && arn.charAt(i + 1) == '{') {
        depth++;
        i++;
      } else if (c == '}' && depth > 0) {
        depth--;
        if (i + 1 < arn.length() && arn.charAt(i + 1) == '}') i++;
      } else if (c == ':' && depth == 0 && out.size() < max - 1) {
        out.add(arn.substring(start, i));
        start = i + 1;
      }
    }
    out.add(arn.substring(start));
    return out;
  }

  /**
   * {@code arn}, partition, service, region, account and the resource part; null when the ARN has
   * fewer than five colons.
   */
  public static String[] fields(String arn) {
    List<String> f = split(arn, 6);
    return f.size() < 6 ? null : f.toArray(new String[0]);
  }

  /** The service field, or null when no colon follows it. */
  public static String service(String arn) {
    List<String> f = split(arn, 4);
    return f.size() < 4 ? null : f.get(2);
  }
}
