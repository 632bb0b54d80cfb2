// Maven started in access-a/ (invoker.project): the repository root is still the directory above,
// found by its .iam-lint.yaml, so the suppression applies and paths are relative to it.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS') : 'the build did not succeed'
assert !(log =~ /error IAM201/) : 'the suppressed finding must not be logged as an error'
def run = new JsonSlurper().parse(new File(basedir, 'access-a/target/iam-lint/iam-lint.sarif')).runs[0]
assert run.originalUriBaseIds['%SRCROOT%'].uri == basedir.canonicalFile.toPath().toUri().toString()
def admin = run.results.find { it.ruleId == 'IAM201' }
assert admin != null && admin.suppressions : "the break-glass finding is there and suppressed: ${run.results}"
assert admin.locations[0].physicalLocation.artifactLocation.uri == 'access-a/break-glass/admin.json'
assert !new File(basedir, 'access-b/target').exists() : 'only access-a was built'
return true
