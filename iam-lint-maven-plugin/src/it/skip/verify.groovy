// -Diamlint.skip=true: the goal does nothing, even with a full-admin policy.
// (Asserts carry a message so that a failure does not print the whole build.log.)
def log = new File(basedir, 'build.log').text
assert log.contains('iam-lint is skipped.') : 'no skip message in build.log'
assert log.contains('BUILD SUCCESS') : 'the build did not succeed'
assert !log.contains('IAM201') : 'IAM201 reported although the goal was skipped'
assert !new File(basedir, 'target/iam-lint').exists() : 'reports written although the goal was skipped'
return true
