// The build failed because of IAM201, the finding was logged with its position, and the SARIF
// report (written before the build failed) is valid JSON with that result.
// (Asserts carry a message so that a failure does not print the whole build.log.)
def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] policies\/admin\.json:\d+:\d+: error IAM201 [a-z0-9-]+: / : 'no IAM201 error line in build.log'
assert log.contains('BUILD FAILURE') : 'the build did not fail'
assert log.contains('at or above the fail level') : 'the failure message is missing'

def sarifFile = new File(basedir, 'target/iam-lint/iam-lint.sarif')
assert sarifFile.isFile() : "missing ${sarifFile}"
def sarif = new groovy.json.JsonSlurper().parse(sarifFile)
assert sarif.version == '2.1.0'
def results = sarif.runs[0].results
def admin = results.find { it.ruleId == 'IAM201' }
assert admin != null : "no IAM201 result in ${results}"
assert admin.level == 'error'
def loc = admin.locations[0].physicalLocation
assert loc.artifactLocation.uri == 'policies/admin.json'
assert loc.region.startLine > 1
return true
