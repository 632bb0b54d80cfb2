// One configuration at the root serves every module: the suppression written for
// access-a/break-glass applies in module access-a's build. Each module reports its own files and
// the parent only its own (shared/), with paths relative to the repository root and a SARIF
// category per module, as GitHub code scanning needs for several runs in one upload.
// (Asserts carry a message so that a failure does not print the whole build.log.)
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS') : 'the build did not succeed'
assert !(log =~ /error IAM201/) : 'the suppressed finding must not be logged as an error'

def sarif = { String dir -> new JsonSlurper().parse(new File(basedir, dir + 'target/iam-lint/iam-lint.sarif')).runs[0] }
def root = basedir.canonicalFile.toPath().toUri().toString()
def runs = ['': sarif(''), 'access-a/': sarif('access-a/'), 'access-b/': sarif('access-b/')]
runs.each { dir, run ->
  assert run.originalUriBaseIds['%SRCROOT%'].uri == root : "${dir}: %SRCROOT% is ${run.originalUriBaseIds['%SRCROOT%'].uri}, not the root ${root}"
}
assert runs['']['automationDetails'].id == 'multi-module-root-config/'
assert runs['access-a/']['automationDetails'].id == 'access-a/'
assert runs['access-b/']['automationDetails'].id == 'access-b/'

def admin = runs['access-a/'].results.findAll { it.ruleId == 'IAM201' }
assert admin.size() == 1 : "access-a reports its break-glass finding once: ${admin}"
assert admin[0].locations[0].physicalLocation.artifactLocation.uri == 'access-a/break-glass/admin.json'
assert admin[0].suppressions : 'the root configuration suppresses it'
assert runs[''].results.every { !it.locations[0].physicalLocation.artifactLocation.uri.startsWith('access-') } : 'the parent reports no module file'
assert runs['access-b/'].results.every { it.locations[0].physicalLocation.artifactLocation.uri.startsWith('access-b/') }

def files = (log =~ /iam-lint: (\d+) files?,/).collect { it[1] as int }
assert files == [1, 2, 1] : "files checked per build (parent, access-a, access-b): ${files}"
return true
