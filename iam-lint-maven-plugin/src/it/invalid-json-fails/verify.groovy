// A file that does not parse is an error finding (IAM001) with the parser's position, not a crash.
// (Asserts carry a message so that a failure does not print the whole build.log.)
def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] policies\/broken\.json:\d+:\d+: error IAM001 / : 'no IAM001 error line in build.log'
assert log.contains('BUILD FAILURE') : 'the build did not fail'
assert !log.contains('MojoExecutionException') : 'a parse error must be a finding, not an execution error'

def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/iam-lint/iam-lint.sarif'))
assert sarif.runs[0].results.any { it.ruleId == 'IAM001' } : 'no IAM001 result in the SARIF report'
return true
