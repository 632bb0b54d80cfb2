// The rule jar built in the reactor was loaded through plugins: and reported, the declarative rule
// reported, and the throwing rule failed the build with its id, the file and the exception, but
// no stack trace (it is logged at debug level only).
def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] access\/policies\/storage\.json:7:17: error ACME101 no-s3-admin: "?s3:\*"? grants every S3 action/ : 'no ACME101 line'
assert log =~ /\[ERROR\] access\/policies\/storage\.json:7:17: error ACME001 no-s3-delete-bucket: s3:DeleteBucket: / : 'no ACME001 line'
assert log.contains('rule ACME900 broken-rule failed on access/policies/storage.json: IllegalStateException: boom') : 'no rule failure'
assert log.contains('the run is incomplete') : 'the build error does not say why'
assert log.contains('BUILD FAILURE') : 'the build did not fail'
assert !log.contains('at com.acme.iam.Broken.onStatement') : 'a stack trace without -X'

def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'access/target/iam-lint/iam-lint.sarif'))
def run = sarif.runs[0]
assert run.invocations[0].executionSuccessful == false
assert run.invocations[0].toolExecutionNotifications.any { it.associatedRule?.id == 'ACME900' }
def acme = run.tool.driver.rules.find { it.id == 'ACME101' }
assert acme != null && acme.help.markdown.contains('Reports an Allow of') : 'no SARIF metadata for ACME101'
assert run.tool.driver.rules.any { it.id == 'ACME001' } : 'no SARIF metadata for ACME001'
return true
