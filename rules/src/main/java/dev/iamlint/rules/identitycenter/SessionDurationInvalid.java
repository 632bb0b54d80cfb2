package dev.iamlint.rules.identitycenter;

import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ScalarNode;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A permission set's session duration that is not an ISO-8601 duration AWS accepts, or is outside
 * the 1 to 12 hours Identity Center allows (error), or above the configured maximum (warning). LZA's
 * {@code sessionDuration} and the extensions' {@code sessionDurationInMinutes} are minutes.
 */
@RuleInfo(
    id = "IAM505",
    name = "session-duration-invalid",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 3.0,
    tags = {"identity-center", "correctness"},
    summary = "A permission set's session duration that is malformed, outside PT1H–PT12H, or above the configured "
        + "maximum.",
    description = "Identity Center rejects a session duration that is not an ISO-8601 duration or lies outside 1 to 12 "
        + "hours, so the permission set is not created or updated. A valid but long session keeps the "
        + "credentials of a stolen or forgotten browser session usable for longer than the organization's policy allows.",
    messages = {
      @RuleInfo.Message(text = "the session duration {0} is outside the range Identity Center allows, PT1H to PT12H"),
      @RuleInfo.Message(id = "malformed", text = "the session duration {0} is not an ISO-8601 duration such as PT1H, "
          + "PT8H or PT1H30M"),
      @RuleInfo.Message(id = "notMinutes", text = "the session duration {0} is not a whole number of minutes; {1} takes minutes, e.g. 480 for 8 hours"),
      @RuleInfo.Message(id = "aboveMax", level = Level.WARNING, text = "the session duration {0} is longer than the "
          + "configured maximum {1}")
    },
    options = @RuleInfo.Option(name = "maxSessionDuration", type = RuleInfo.OptionType.DURATION,
        description = "The longest session allowed (warning above it): an ISO-8601 duration such as PT8H, or a whole "
            + "number of minutes such as 480."))
public final class SessionDurationInvalid implements DocumentRule {

  /** The API's pattern for {@code SessionDuration} (botocore sso-admin {@code Duration}). */
  static final Pattern DURATION = Pattern.compile(
      "(-?)P(?=\\d|T\\d)(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)([DW]))?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?");
  private static final BigDecimal MIN = BigDecimal.valueOf(3600);
  private static final BigDecimal MAX = BigDecimal.valueOf(12 * 3600);

  @Override
  public void onPermissionSet(PermissionSet ps, RuleContext ctx) {
    Node n = ps.sessionDuration();
    if (!(n instanceof ScalarNode s) || s.tag() != null) return; // absent, or a CloudFormation Ref
    if (s.type() != ScalarNode.Type.STRING && s.type() != ScalarNode.Type.NUMBER) return;
    String text = s.text().trim();
    if (Templates.isTemplated(text)) return;
    boolean minutes = ps.format().equals("lza") || ps.format().equals("sso-extensions");
    BigDecimal seconds;
    String shown;
    if (minutes) {
      Optional<BigDecimal> m = wholeNumber(text);
      if (m.isEmpty()) {
        ctx.report(n, "notMinutes", text.isEmpty() ? "\"\"" : text, ps.format().equals("lza") ? "sessionDuration" : "sessionDurationInMinutes");
        return;
      }
      seconds = m.get().multiply(BigDecimal.valueOf(60));
      shown = text + " minutes (" + iso(seconds) + ")";
    } else {
      seconds = parse(text);
      if (seconds == null) {
        ctx.report(n, "malformed", text.isEmpty() ? "\"\"" : text);
        return;
      }
      shown = text;
    }
    if (seconds.compareTo(MIN) < 0 || seconds.compareTo(MAX) > 0) {
      ctx.report(n, "default", shown);
      return;
    }
    Optional<BigDecimal> max = maximum(ctx);
    if (max.isPresent() && seconds.compareTo(max.get()) > 0) {
      String configured = ctx.options().string("maxSessionDuration").orElse("").trim();
      if (wholeNumber(configured).isPresent()) configured = configured + " minutes (" + iso(max.get()) + ")";
      ctx.report(n, "aboveMax", shown, configured);
    }
  }

  /** The option {@code maxSessionDuration}: an ISO-8601 duration, or a number of minutes. */
  private static Optional<BigDecimal> maximum(RuleContext ctx) {
    Optional<String> o = ctx.options().string("maxSessionDuration");
    if (o.isEmpty()) return Optional.empty();
    String t = o.get().trim();
    Optional<BigDecimal> m = wholeNumber(t);
    if (m.isPresent()) return Optional.of(m.get().multiply(BigDecimal.valueOf(60)));
    return Optional.ofNullable(parse(t));
  }

  private static Optional<BigDecimal> wholeNumber(String t) {
    if (!t.matches("-?\\d+")) return Optional.empty();
    return Optional.of(new BigDecimal(t));
  }

  /** Seconds of an ISO-8601 duration in the API's pattern (years 365 days, months 30), or null. */
  static BigDecimal parse(String t) {
    if (t.length() > 100) return null;
    Matcher m = DURATION.matcher(t);
    if (!m.matches()) return null;
    BigDecimal s = BigDecimal.ZERO;
    s = s.add(part(m.group(2), 365L * 86400));
    s = s.add(part(m.group(3), 30L * 86400));
    s = s.add(part(m.group(4), "W".equals(m.group(5)) ? 7L * 86400 : 86400));
    s = s.add(part(m.group(6), 3600));
    s = s.add(part(m.group(7), 60));
    if (m.group(8) != null) s = s.add(new BigDecimal(m.group(8)));
    return m.group(1).isEmpty() ? s : s.negate();
  }

  private static BigDecimal part(String digits, long unit) {
    return digits == null ? BigDecimal.ZERO : new BigDecimal(digits).multiply(BigDecimal.valueOf(unit));
  }

  /** Minutes as an ISO-8601 duration, e.g. PT8M, PT1H30M. */
  private static String iso(BigDecimal seconds) {
    if (seconds.signum() <= 0) return "PT0M";
    long total = seconds.longValue() / 60;
    long h = total / 60;
    long m = total % 60;
    return "PT" + (h > 0 ? h + "H" : "") + (m > 0 || h == 0 ? m + "M" : "");
  }
}
