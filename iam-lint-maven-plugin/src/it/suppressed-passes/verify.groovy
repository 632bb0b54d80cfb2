// The full-admin finding is suppressed by .iam-lint.yaml: not logged as an error, counted as
// suppressed, kept in SARIF with its suppression, and the build passes.
// (Asserts carry a message so that a failure does not print the whole build.log.)
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS') : 'the build did not succeed'
assert !(log =~ /error IAM201/) : 'a suppressed finding must not be logged as an error'
assert log =~ /iam-lint: .* 1 suppressed/ : 'the summary does not count 1 suppressed finding'

def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/iam-lint/iam-lint.sarif'))
def admin = sarif.runs[0].results.findAll { it.ruleId == 'IAM201' }
assert admin.every { it.suppressions } : "IAM201 results without suppressions: ${admin}"
return true
