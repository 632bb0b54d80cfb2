// The goal ran, found nothing to fail on, and wrote both default reports.
// (Asserts carry a message so that a failure does not print the whole build.log.)
def log = new File(basedir, 'build.log').text
assert log =~ /iam-lint: \d+ files?, \d+ documents? checked: 0 errors/ : 'no iam-lint summary with 0 errors in build.log'
assert log.contains('BUILD SUCCESS') : 'the build did not succeed'

def sarifFile = new File(basedir, 'target/iam-lint/iam-lint.sarif')
assert sarifFile.isFile() : "missing ${sarifFile}"
def sarif = new groovy.json.JsonSlurper().parse(sarifFile)
assert sarif.version == '2.1.0'
assert sarif.runs.size() == 1
assert sarif.runs[0].tool.driver.name == 'iam-lint'
assert !sarif.runs[0].results.any { it.level == 'error' }
assert new File(basedir, 'target/iam-lint/iam-lint.txt').isFile() : 'missing the text report'
return true
