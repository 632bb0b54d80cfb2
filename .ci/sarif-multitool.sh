#!/usr/bin/env bash
# Validate a SARIF log with Microsoft's SARIF Multitool (SARIF rules + GitHub code scanning rules).
#
#   .ci/sarif-multitool.sh FILE.sarif
#
# Exit 0: no error-level findings (warnings/notes are printed but do not fail).
# Exit 1: at least one error-level finding, or the Multitool ran but produced no readable report.
# Exit 2: usage error (no such file).
# When the Multitool cannot be installed or started (no npm/node, no registry access, not
# linux-x64) it prints one "SKIPPED: ..." line and exits 0; the SARIF 2.1.0 schema check in the
# Java tests (dev.iamlint.core.report.SarifSchema) still runs.
#
# The Multitool comes from the npm package @microsoft/sarif-multitool-linux (a self-contained
# .NET binary, about 100 MB), installed once into a cache directory:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/iam-lint/sarif-multitool-<version>
# Environment: SARIF_MULTITOOL_VERSION overrides the pinned version;
#              SARIF_MULTITOOL_RULE_KINDS overrides the rule kinds (default "Sarif;Ghas").
#
# Note: Multitool 5.7.0 "validate" does NOT check the JSON schema (only its own rules and JSON
# syntax); the schema is checked by the Java tests.
set -uo pipefail

VERSION="${SARIF_MULTITOOL_VERSION:-5.7.0}"
RULE_KINDS="${SARIF_MULTITOOL_RULE_KINDS:-Sarif;Ghas}"
PKG="@microsoft/sarif-multitool-linux"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/iam-lint"
DIR="$CACHE_ROOT/sarif-multitool-$VERSION"
BIN_REL="node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

skip() {
    echo "SKIPPED: SARIF Multitool check not run: $*"
    exit 0
}

if [ $# -ne 1 ]; then
    echo "usage: $0 FILE.sarif" >&2
    exit 2
fi
FILE=$1
if [ ! -f "$FILE" ]; then
    echo "error: no such file: $FILE" >&2
    exit 2
fi

case "$(uname -s)/$(uname -m)" in
    Linux/x86_64) ;;
    *) skip "the $PKG package only runs on linux-x64 (this is $(uname -s)/$(uname -m))" ;;
esac
command -v node >/dev/null 2>&1 || skip "node is not installed (needed to install and read the Multitool report)"

# Install once (atomically, so concurrent runs cannot see a half-installed tool).
if [ ! -f "$DIR/$BIN_REL" ]; then
    command -v npm >/dev/null 2>&1 || skip "npm is not installed"
    mkdir -p "$CACHE_ROOT" || skip "cannot create $CACHE_ROOT"
    STAGE=$(mktemp -d "$CACHE_ROOT/.install.XXXXXX") || skip "cannot create a staging directory in $CACHE_ROOT"
    echo "Installing $PKG@$VERSION into $DIR ..."
    if ! npm install --no-save --no-audit --no-fund --no-package-lock --ignore-scripts \
            --prefix "$STAGE" "$PKG@$VERSION" >"$STAGE.log" 2>&1; then
        tail -n 5 "$STAGE.log" | sed 's/^/  npm: /'
        rm -rf "$STAGE" "$STAGE.log"
        skip "npm install $PKG@$VERSION failed (no registry access?)"
    fi
    rm -f "$STAGE.log"
    if [ ! -f "$STAGE/$BIN_REL" ]; then
        rm -rf "$STAGE"
        skip "$PKG@$VERSION did not contain $BIN_REL"
    fi
    chmod u+x "$STAGE/$BIN_REL"
    if ! mv -T "$STAGE" "$DIR" 2>/dev/null; then
        rm -rf "$STAGE"   # another run won the race; use its copy
    fi
fi
MT="$DIR/$BIN_REL"
[ -x "$MT" ] || chmod u+x "$MT" 2>/dev/null || skip "$MT is not executable"

export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
if ! "$MT" --version >/dev/null 2>&1; then
    skip "the Multitool binary does not start on this machine ($MT)"
fi

WORK=$(mktemp -d) || exit 1
trap 'rm -rf "$WORK"' EXIT
OUT="$WORK/multitool-report.sarif"

# The positional FILE must come before --log: --log takes a list and would swallow it.
"$MT" validate "$FILE" --rule-kind "$RULE_KINDS" --output "$OUT" --log ForceOverwrite >"$WORK/console.txt" 2>&1
MT_RC=$?
if [ ! -s "$OUT" ]; then
    echo "SARIF Multitool (exit $MT_RC) wrote no report for $FILE:"
    sed 's/^/  /' "$WORK/console.txt"
    exit 1
fi

node - "$OUT" "$FILE" <<'EOF'
const fs = require('fs');
const [report, input] = process.argv.slice(2);
let log;
try {
  log = JSON.parse(fs.readFileSync(report, 'utf8'));
} catch (e) {
  console.log(`SARIF Multitool report is not readable JSON: ${e.message}`);
  process.exit(1);
}
const counts = { error: 0, warning: 0, note: 0, none: 0 };
const lines = [];
for (const run of log.runs || []) {
  const rules = ((run.tool || {}).driver || {}).rules || [];
  for (const r of run.results || []) {
    const rule = (r.ruleIndex !== undefined && rules[r.ruleIndex]) || rules.find(x => x.id === r.ruleId) || {};
    const level = r.level || (rule.defaultConfiguration || {}).level || 'warning';
    counts[level] = (counts[level] || 0) + 1;
    const m = r.message || {};
    let text = m.text;
    if (text === undefined && m.id && rule.messageStrings && rule.messageStrings[m.id]) {
      text = rule.messageStrings[m.id].text.replace(/\{(\d+)\}/g, (_, i) => (m.arguments || [])[+i] ?? `{${i}}`);
    }
    if (text === undefined) text = `${m.id || ''} ${JSON.stringify(m.arguments || [])}`;
    const region = (((r.locations || [])[0] || {}).physicalLocation || {}).region || {};
    const where = region.startLine ? `${input}:${region.startLine}` : input;
    lines.push({ level, line: `${level.toUpperCase()} ${r.ruleId || '?'}${rule.name ? '/' + rule.name : ''} ${where}: ${text}` });
  }
  for (const inv of run.invocations || []) {
    for (const n of [...(inv.toolExecutionNotifications || []), ...(inv.toolConfigurationNotifications || [])]) {
      const level = n.level || 'warning';
      counts[level] = (counts[level] || 0) + 1;
      lines.push({ level, line: `${level.toUpperCase()} (tool notification): ${(n.message || {}).text || ''}` });
    }
  }
}
const order = { error: 0, warning: 1, note: 2, none: 3 };
lines.sort((a, b) => (order[a.level] ?? 9) - (order[b.level] ?? 9));
for (const l of lines) console.log(l.line);
console.log(`SARIF Multitool: ${input}: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.note} note(s)`);
process.exit(counts.error > 0 ? 1 : 0);
EOF
