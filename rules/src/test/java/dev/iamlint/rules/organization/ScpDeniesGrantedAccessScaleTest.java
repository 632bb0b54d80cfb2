package dev.iamlint.rules.organization;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.LintRequest;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.rule.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluating every permission set against every account of a large Landing Zone Accelerator
 * configuration stays cheap: 20 OUs, 400 accounts, 6 SCPs, 24 permission sets (AWS managed
 * AdministratorAccess, PowerUserAccess, ReadOnlyAccess and inline policies) assigned to the root.
 * Wildcards are expanded once per pattern and SCP answers cached per account and action. The time
 * is printed; the bound only catches a blow-up (the machine is shared).
 */
class ScpDeniesGrantedAccessScaleTest {

  @Test
  void everyPermissionSetAgainstEveryAccount(@TempDir Path root) throws IOException {
    StringBuilder ous = new StringBuilder("organizationalUnits:\n");
    for (int i = 0; i < 20; i++) ous.append("  - name: Workloads/Team").append(i).append('\n');
    ous.append("  - name: Workloads\n");
    ous.append("serviceControlPolicies:\n");
    String[][] scps = {{"DenyLeave", "organizations:LeaveOrganization"}, {"ProtectTrail", "cloudtrail:StopLogging"},
        {"DenyIamUsers", "iam:CreateUser"}, {"DenyData", "s3:DeleteBucket"}, {"DenyKms", "kms:ScheduleKeyDeletion"},
        {"DenyRegions", "ec2:*"}};
    for (String[] s : scps) {
      ous.append("  - name: ").append(s[0]).append("\n    description: x\n    policy: scps/").append(s[0])
          .append(".json\n    type: customerManaged\n    deploymentTargets: {organizationalUnits: [Root]}\n");
      String condition = s[0].equals("DenyRegions")
          ? ", \"Condition\": {\"StringNotEquals\": {\"aws:RequestedRegion\": [\"eu-west-1\"]}}" : "";
      write(root, "config/scps/" + s[0] + ".json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", "
          + "\"Action\": \"" + s[1] + "\", \"Resource\": \"*\"" + condition + "}]}");
    }
    write(root, "config/organization-config.yaml", ous.toString());
    StringBuilder accounts = new StringBuilder("mandatoryAccounts:\n  - {name: Management, email: m@example.com, organizationalUnit: Root}\n"
        + "workloadAccounts:\n");
    for (int i = 0; i < 400; i++) {
      accounts.append("  - {name: app").append(i).append(", email: app").append(i).append("@example.com, organizationalUnit: Workloads/Team")
          .append(i % 20).append("}\n");
    }
    write(root, "config/accounts-config.yaml", accounts.toString());
    StringBuilder iam = new StringBuilder("identityCenter:\n  name: ic\n  identityCenterPermissionSets:\n");
    String[] managed = {"AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess"};
    for (int i = 0; i < 24; i++) {
      iam.append("    - name: Set").append(i).append("\n      policies:\n");
      if (i % 4 == 3) {
        iam.append("        inlinePolicy: ../policies/inline").append(i).append(".json\n");
        write(root, "policies/inline" + i + ".json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Action\": [\"s3:*\", \"s3:DeleteBucket\", \"ec2:Describe*\", \"kms:*\", \"dynamodb:*\"], \"Resource\": \"*\"}]}");
      } else {
        iam.append("        awsManaged: [").append(managed[i % 3]).append("]\n");
      }
    }
    iam.append("  identityCenterAssignments:\n");
    for (int i = 0; i < 24; i++) {
      iam.append("    - name: A").append(i).append("\n      permissionSetName: Set").append(i)
          .append("\n      principals: [{type: GROUP, name: g}]\n      deploymentTargets: {organizationalUnits: [Root]}\n");
    }
    write(root, "config/iam-config.yaml", iam.toString());

    LintRequest request = LintRequest.of(root).withThreads(1);
    new Engine(List.<Rule>of(new ScpDeniesGrantedAccess())).run(request); // warm up: class loading, the catalogue
    long baseline = fastest(request, List.of());
    long withRule = fastest(request, List.of(new ScpDeniesGrantedAccess()));
    LintResult r = new Engine(List.<Rule>of(new ScpDeniesGrantedAccess())).run(request);
    long ms = Math.max(0, (withRule - baseline) / 1_000_000);
    System.out.println("IAM604 on 24 permission sets x 400 accounts: " + ms + " ms (run " + withRule / 1_000_000
        + " ms, without the rule " + baseline / 1_000_000 + " ms); findings " + r.findings().size());
    assertTrue(r.findings().stream().anyMatch(f -> f.message().contains("s3:DeleteBucket")), r.findings().toString());
    assertTrue(ms < 5_000, "IAM604 took " + ms + " ms");
  }

  /** The largest Landing Zone Accelerator sample of the corpus with Identity Center, when the corpus is there. */
  @Test
  void theLargestLzaSampleOfTheCorpus() {
    Path sample = Path.of(System.getProperty("iamlint.corpus", "../../shared/corpus"), "lza", "test-config-all-enabled");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(sample), "corpus not found at " + sample.toAbsolutePath());
    LintRequest request = LintRequest.of(sample).withThreads(1);
    new Engine(List.<Rule>of(new ScpDeniesGrantedAccess())).run(request); // warm up
    long baseline = fastest(request, List.of());
    long withRule = fastest(request, List.of(new ScpDeniesGrantedAccess()));
    LintResult r = new Engine(List.<Rule>of(new ScpDeniesGrantedAccess())).run(request);
    System.out.println("IAM604 on " + sample + ": " + Math.max(0, (withRule - baseline) / 1_000_000) + " ms; findings "
        + r.findings().size());
    assertTrue((withRule - baseline) / 1_000_000 < 5_000);
  }

  /** The fastest of three runs (the machine is shared: the minimum is the least disturbed). */
  private static long fastest(LintRequest request, List<Rule> rules) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long t = System.nanoTime();
      new Engine(rules).run(request);
      best = Math.min(best, System.nanoTime() - t);
    }
    return best;
  }

  private static void write(Path root, String rel, String content) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }
}
