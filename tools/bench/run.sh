#!/usr/bin/env bash
# iam-lint benchmark: wall time, CPU time and peak RSS of `iam-lint check` against the bare-parse
# floor (BareParse.java), over the shared corpus and synthetic copies of the AWS managed policies.
# A report, not a test: it never fails on numbers. See tools/bench/README.md.
#
#   tools/bench/run.sh [--quick | --memory] [--runs N] [--corpus DIR] [--jar JAR] [--no-build]
#                      [--out FILE] [--keep]
#
# Needs bash, /usr/bin/time (GNU time, package "time") and a JDK 17 (JAVA_HOME or java on PATH).
# A JDK 25 (JAVA25_HOME, else /usr/lib/jvm/*25*) adds the AOT-cache start-up rows.
set -euo pipefail

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

here=$(cd -P -- "$(dirname -- "$0")" && pwd)
repo=$(cd -- "$here/../.." && pwd)

mode=default runs= corpus=/work/shared/corpus jar= build=1 out= keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --quick) mode=quick ;;
    --memory) mode=memory ;;
    --runs) runs=$2; shift ;;
    --runs=*) runs=${1#*=} ;;
    --corpus) corpus=$2; shift ;;
    --corpus=*) corpus=${1#*=} ;;
    --jar) jar=$2; build=0; shift ;;
    --jar=*) jar=${1#*=}; build=0 ;;
    --no-build) build=0 ;;
    --out) out=$2; shift ;;
    --out=*) out=${1#*=} ;;
    --keep) keep=1 ;;
    -h|--help) usage 0 ;;
    *) echo "run.sh: unknown argument: $1" >&2; usage 2 ;;
  esac
  shift
done
if [ -z "$runs" ]; then
  if [ "$mode" = quick ]; then runs=1; else runs=3; fi
fi
case $runs in ''|*[!0-9]*|0) echo "run.sh: --runs needs a positive number" >&2; exit 2 ;; esac

managed=$corpus/aws-managed-policies
[ -d "$managed" ] || { echo "run.sh: no $managed (use --corpus DIR)" >&2; exit 2; }
corpus=$(cd -- "$corpus" && pwd)
managed=$corpus/aws-managed-policies
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time (GNU time) is needed: apt-get install -y time" >&2; exit 2; }

# The launcher's JVM options (./iam-lint): fast start-up for a short-lived process.
OPTS=${IAMLINT_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xmn16m -Djdk.reflect.useNativeAccessorOnly=true}
# ... with transparent huge pages where the kernel gives them on request, as the launcher asks.
if [ -z "${IAMLINT_JAVA_OPTS:-}" ] && grep -q '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
  OPTS="$OPTS -XX:+UseTransparentHugePages"
fi
read -r -a opts <<<"$OPTS"
noshare=()
for o in "${opts[@]}"; do case $o in -Xshare:*) ;; *) noshare+=("$o") ;; esac; done

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then jbin=$JAVA_HOME/bin; else jbin=$(dirname -- "$(command -v java)"); fi
java17=$jbin/java
javac17=$jbin/javac
[ -x "$javac17" ] || { echo "run.sh: no javac next to $java17 (a JDK is needed, not a JRE)" >&2; exit 2; }
java25=
for cand in ${JAVA25_HOME:+"$JAVA25_HOME"} /usr/lib/jvm/*25*; do
  if [ -x "$cand/bin/java" ] && "$cand/bin/java" -version 2>&1 | grep -q 'version "25'; then java25=$cand/bin/java; break; fi
done

# ---- the jar -------------------------------------------------------------------------------------
find_jar() {
  for j in "$repo"/iam-lint-cli/target/iam-lint-cli-*-all.jar; do [ -f "$j" ] && { echo "$j"; return 0; }; done
  return 1
}
stale() { # same test as the launcher: a pom or main source newer than the jar
  [ -n "$(find "$repo/pom.xml" "$repo/iam-lint-core" "$repo/rules" "$repo/iam-lint-cli" \
    -name target -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$1" -print 2>/dev/null | head -n 1)" ]
}
if [ -z "$jar" ]; then
  jar=$(find_jar || true)
  if [ "$build" = 1 ] && { [ -z "$jar" ] || stale "$jar"; }; then
    echo "building the CLI jar ..." >&2
    (cd "$repo" && ./mvnw -B -ntp -q -DskipTests ${BENCH_MVN_ARGS:-} -pl iam-lint-cli -am package) >&2
    jar=$(find_jar) || { echo "run.sh: no jar after the build" >&2; exit 2; }
  fi
fi
[ -n "$jar" ] && [ -f "$jar" ] || { echo "run.sh: no CLI jar (build with ./mvnw -pl iam-lint-cli -am package)" >&2; exit 2; }
jar=$(cd -- "$(dirname -- "$jar")" && pwd)/$(basename -- "$jar")

# Whole runs are measured as on a fresh CI machine, without the parse cache (jars that have one).
# The start-up caches are trained as the launcher trains them: by the first run after a build,
# whose parse cache is cold (a new build never reads an older build's entries).
nocache=()
if "$java17" -jar "$jar" check --help 2>&1 | grep -q -- '--no-cache'; then nocache=(--no-cache); fi

# ---- scratch space ---------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/iam-lint-bench.XXXXXX")
cleanup() { if [ "$keep" = 1 ]; then echo "kept $work" >&2; else rm -rf -- "$work"; fi; }
trap cleanup EXIT
traincache=()
[ ${#nocache[@]} -eq 0 ] || traincache=(--cache-dir "$work/train-cache")
mkdir -p "$work/classes"
"$javac17" -nowarn -d "$work/classes" -cp "$jar" "$here/BareParse.java" "$here/Replicate.java"
bp_cp=$jar:$work/classes

replicate() { # K -> directory with K copies of the managed policies
  local k=$1 d=$work/x$1
  if [ ! -d "$d" ]; then
    echo "generating ${k}x copy of the managed policies ..." >&2
    "$java17" -cp "$work/classes" Replicate "$k" "$managed" "$d" >/dev/null
  fi
  echo "$d"
}

# ---- measuring -------------------------------------------------------------------------------------
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) {print "nan"; exit} if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# measure LABEL OKCODES CMD... : runs CMD $runs times under /usr/bin/time, sets M_WALL M_CPU M_RSS
# (medians; seconds, seconds, MB) and M_OUT (stdout of the last run). When M_EXPECT names a file,
# each run must write it (a JVM that fails to start also exits with 1, a normal iam-lint code).
# A failed run (say, out of memory at 100x) stops the repetitions: M_FAIL says why, and the
# report shows it in place of the figures.
measure() {
  local label=$1 ok=$2; shift 2
  local i rc walls=() cpus=() rsss=()
  M_FAIL=
  for ((i = 1; i <= runs; i++)); do
    rc=0
    [ -z "${M_EXPECT:-}" ] || rm -f -- "$M_EXPECT"
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr" || rc=$?
    if [[ " $ok " != *" $rc "* ]] || { [ -n "${M_EXPECT:-}" ] && [ ! -s "$M_EXPECT" ]; }; then
      echo "run.sh: $label failed (exit $rc):" >&2; tail -n 20 "$work/stderr" >&2
      M_FAIL="failed, exit $rc: $(grep -m1 -o 'OutOfMemoryError[^"]*\|error:.*' "$work/stderr" | head -c 80)"
      read -r w u s m < <(tail -n 1 "$work/time")
      M_FAIL="$M_FAIL (after ${w} s, peak RSS $((m / 1024)) MB)"
      return 0
    fi
    read -r w u s m < <(tail -n 1 "$work/time")
    walls+=("$w"); cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')"); rsss+=("$m")
  done
  M_WALL=$(printf '%s\n' "${walls[@]}" | median)
  M_CPU=$(printf '%s\n' "${cpus[@]}" | median)
  M_RSS=$(printf '%s\n' "${rsss[@]}" | median | awk '{printf "%.0f", $1 / 1024}')
  M_OUT=$(cat "$work/stdout")
  echo "  $label: wall ${walls[*]} s, cpu ${cpus[*]} s, rss ${rsss[*]} KB" >&2
}

rows=()
row() { local s='|' a; for a in "$@"; do s+=" $a |"; done; rows+=("$s"); }

# One corpus, one thread setting: the bare-parse floor, then iam-lint, in the same run.
bench() { # LABEL DIR THREADS(0 = default)
  local label=$1 dir=$2 t=$3 tname files bwall bcpu brss
  if [ "$t" = 0 ]; then tname="default ($(nproc))"; else tname=$t; fi
  measure "$label, threads $tname, bare parse" 0 "$java17" "${opts[@]}" -cp "$bp_cp" BareParse --threads "$t" "$dir"
  files=$(sed -n 's/.*files=\([0-9]*\).*/\1/p' <<<"$M_OUT")
  bwall=$M_WALL bcpu=$M_CPU brss=$M_RSS
  if [ -n "$M_FAIL" ]; then row "$label" "$tname" "$files" "bare parse $M_FAIL" "" "" "" "" ""; return 0; fi
  local targs=("${nocache[@]}")
  [ "$t" = 0 ] || targs+=(--threads "$t")
  M_EXPECT=$work/out.sarif measure "$label, threads $tname, iam-lint" "0 1" "$java17" "${opts[@]}" -jar "$jar" check "$dir" \
    --format sarif --output "$work/out.sarif" --quiet "${targs[@]}"
  if [ -n "$M_FAIL" ]; then row "$label" "$tname" "$files" "$M_FAIL" "" "" "" "$bwall / $bcpu / $brss" ""; return 0; fi
  row "$label" "$tname" "$files" "$M_WALL" "$(awk -v f="$files" -v w="$M_WALL" 'BEGIN {printf "%.0f", f / w}')" \
    "$M_CPU" "$M_RSS" "$bwall / $bcpu / $brss" "$(awk -v a="$M_WALL" -v b="$bwall" 'BEGIN {printf "%.1f", a / b}')"
}

first_policy() { local f; for f in "$managed"/*.json; do basename -- "$f"; return 0; done; }

# Start-up: one managed policy, the corpus as the context root when the CLI can say so. CACHE is
# "none" (--no-cache: every context file parsed) or "warm" (the parse cache, filled by a first run:
# the launcher's default from the second run on); jars without the cache always parse.
startrows=()
one_file() { # LABEL CACHE JAVA JVM-OPTIONS...
  local label=$1 cache=$2 java=$3; shift 3
  local f rootargs=() cacheargs=()
  f=$(first_policy)
  if "$java17" -jar "$jar" check --help 2>&1 | grep -q -- '--root'; then rootargs=(--root "$corpus"); fi
  if [ ${#nocache[@]} -gt 0 ]; then
    if [ "$cache" = warm ]; then
      cacheargs=(--cache-dir "$work/parse-cache")
      (cd "$corpus" && "$java" "$@" -jar "$jar" check "aws-managed-policies/$f" "${rootargs[@]}" "${cacheargs[@]}" \
        --format sarif --output "$work/one.sarif" --quiet >/dev/null 2>&1 || true)
      label="$label, parse cache warm"
    else
      cacheargs=(--no-cache)
      label="$label, no parse cache"
    fi
  elif [ "$cache" = warm ]; then
    return 0
  fi
  (cd "$corpus" && M_EXPECT=$work/one.sarif measure "$label" "0 1" "$java" "$@" -jar "$jar" check "aws-managed-policies/$f" \
    "${rootargs[@]}" "${cacheargs[@]}" --format sarif --output "$work/one.sarif" --quiet
    if [ -n "$M_FAIL" ]; then echo "| $M_FAIL | | |" >"$work/one"; else echo "| $M_WALL | $M_CPU | $M_RSS |" >"$work/one"; fi)
  startrows+=("| $label $(cat "$work/one")")
}

startup() {
  local f
  f=$(first_policy)
  one_file "JDK 17, launcher options (default CDS)" none "$java17" "${opts[@]}"
  # the launcher's application CDS: record once, map after
  (cd "$corpus" && "$java17" "${opts[@]}" -XX:ArchiveClassesAtExit="$work/app17.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -jar "$jar" check "aws-managed-policies/$f" "${traincache[@]}" --format sarif --output "$work/one.sarif" --quiet >/dev/null 2>&1 || true)
  if [ -f "$work/app17.jsa" ]; then
    for c in none warm; do
      one_file "JDK 17 + AppCDS archive (launcher)" "$c" "$java17" "${opts[@]}" -XX:SharedArchiveFile="$work/app17.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off
    done
  fi
  if [ -n "$java25" ]; then
    one_file "JDK 25, launcher options" none "$java25" "${opts[@]}"
    # JDK 25 (JEP 483/514): one training run writes the AOT cache, later runs map it. -Xshare:*
    # cannot be combined with -XX:AOTCache*, so it is left out of these two.
    (cd "$corpus" && "$java25" "${noshare[@]}" -XX:AOTCacheOutput="$work/app25.aot" -Xlog:aot=off -Xlog:cds=off \
      -jar "$jar" check "aws-managed-policies/$f" "${traincache[@]}" --format sarif --output "$work/one.sarif" --quiet >/dev/null 2>&1 || true)
    if [ -f "$work/app25.aot" ]; then
      for c in none warm; do
        one_file "JDK 25 + AOT cache" "$c" "$java25" "${noshare[@]}" -XX:AOTCache="$work/app25.aot" -Xlog:aot=off -Xlog:cds=off
      done
    fi
  fi
  launcher_rows
}

# The pre-commit hook's own path: ./iam-lint check of one file, JDK 17 and (when present) JDK 25,
# once the launcher has made its start-up cache and the parse cache holds the manifests (the second
# run on); then the same with IAMLINT_DAEMON=1, once the daemon is up and has served a few runs.
# Only for the repository's own jar: the launcher builds and runs that one, and writes its start-up
# cache next to it, as it does for any user.
launcher_rows() {
  [ "$build" = 1 ] && [ ${#nocache[@]} -gt 0 ] || return 0
  local f home label daemon
  f=$(first_policy)
  # The daemon's socket in the scratch directory: deleted at exit, which stops the daemon.
  mkdir -p "$work/run" && chmod 700 "$work/run"
  for daemon in 0 1; do
    for home in "${JAVA_HOME:-$(dirname -- "$jbin")}" ${java25:+"$(dirname -- "$(dirname -- "$java25")")"}; do
      label="launcher ./iam-lint, $("$home/bin/java" -version 2>&1 | head -n 1 | sed 's/.*version "\([0-9]*\).*/JDK \1/'), caches warm"
      [ "$daemon" = 0 ] || label="$label, IAMLINT_DAEMON=1 (daemon warm; RSS is the client's)"
      launcher_row "$label" "$corpus" "aws-managed-policies/$f" --root "$corpus"
      # A repository of the usual size: the bundled example (28 files and a .iam-lint.yaml), one
      # of its policies staged. Its root is found as the hook finds it, from the working directory.
      [ -f "$repo/examples/securecart/policies/legacy-ops.json" ] || continue
      launcher_row "$label, bundled example (28 files, a configuration)" "$repo/examples/securecart" policies/legacy-ops.json
    done
  done
}

# One launcher row: ./iam-lint check ARGS... from DIR, after the runs that make its caches (and,
# with a daemon, start it, let it rehearse and serve a few).
launcher_row() { # LABEL DIR ARGS...
  local label=$1 dir=$2 warm=2 i; shift 2
  [ "$daemon" = 0 ] || warm=6
  (cd "$dir" && export JAVA_HOME=$home IAMLINT_CACHE_DIR=$work/launcher-cache IAMLINT_DAEMON=$daemon XDG_RUNTIME_DIR=$work/run
    for ((i = 1; i <= warm; i++)); do
      "$repo/iam-lint" check "$@" --format sarif --output "$work/one.sarif" --quiet >/dev/null 2>&1 || true
      [ "$daemon" = 0 ] || sleep 1
    done
    M_EXPECT=$work/one.sarif measure "$label" "0 1" "$repo/iam-lint" check "$@" --format sarif --output "$work/one.sarif" --quiet
    if [ -n "$M_FAIL" ]; then echo "| $M_FAIL | | |" >"$work/one"; else echo "| $M_WALL | $M_CPU | $M_RSS |" >"$work/one"; fi)
  startrows+=("| $label $(cat "$work/one")")
}

# The whole run as the launcher runs it on a machine where its start-up caches exist: JDK 17 with
# the application CDS archive and JDK 25 with the AOT cache, both made by startup()'s one-file
# training run (the launcher makes them on the first run after a build, whichever run that is).
# Same corpus, default threads; the floor is measured again in the same run (JDK 17, no cache).
bench_cached() { # LABEL DIR
  local label=$1 dir=$2 files bwall bcpu brss
  measure "$label, bare parse (for the cached rows)" 0 "$java17" "${opts[@]}" -cp "$bp_cp" BareParse "$dir"
  files=$(sed -n 's/.*files=\([0-9]*\).*/\1/p' <<<"$M_OUT")
  bwall=$M_WALL bcpu=$M_CPU brss=$M_RSS
  local -a variants=()
  [ -f "$work/app17.jsa" ] && variants+=("JDK 17 + AppCDS (launcher)")
  [ -n "$java25" ] && [ -f "$work/app25.aot" ] && variants+=("JDK 25 + AOT cache (launcher)")
  local v
  for v in "${variants[@]}"; do
    local -a cmd
    if [[ $v == "JDK 17"* ]]; then
      cmd=("$java17" "${opts[@]}" -XX:SharedArchiveFile="$work/app17.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
    else
      cmd=("$java25" "${noshare[@]}" -XX:AOTCache="$work/app25.aot" -Xlog:aot=off -Xlog:cds=off)
    fi
    M_EXPECT=$work/out.sarif measure "$label, $v" "0 1" "${cmd[@]}" -jar "$jar" check "$dir" "${nocache[@]}" --format sarif --output "$work/out.sarif" --quiet
    if [ -n "$M_FAIL" ]; then row "$label, $v" "default ($(nproc))" "$files" "$M_FAIL" "" "" "" "$bwall / $bcpu / $brss" ""; continue; fi
    row "$label, $v" "default ($(nproc))" "$files" "$M_WALL" "$(awk -v f="$files" -v w="$M_WALL" 'BEGIN {printf "%.0f", f / w}')" \
      "$M_CPU" "$M_RSS" "$bwall / $bcpu / $brss" "$(awk -v a="$M_WALL" -v b="$bwall" 'BEGIN {printf "%.1f", a / b}')"
  done
}

# ---- the plan ------------------------------------------------------------------------------------------
echo "iam-lint benchmark ($mode, $runs run(s) each) ..." >&2
load=$(cut -d' ' -f1-3 /proc/loadavg)
case $mode in
  quick)
    bench "managed policies (1x)" "$managed" 1
    bench "managed policies (1x)" "$managed" 0
    startup
    bench_cached "managed policies (1x)" "$managed"
    ;;
  default)
    bench "managed policies (1x)" "$managed" 1
    bench "managed policies (1x)" "$managed" 0
    bench "whole corpus" "$corpus" 1
    bench "whole corpus" "$corpus" 0
    x10=$(replicate 10)
    bench "managed policies 10x" "$x10" 1
    bench "managed policies 10x" "$x10" 0
    startup
    bench_cached "managed policies (1x)" "$managed"
    ;;
  memory)
    bench "managed policies (1x)" "$managed" 0
    x10=$(replicate 10)
    bench "managed policies 10x" "$x10" 0
    rm -rf -- "$x10"
    x100=$(replicate 100)
    bench "managed policies 100x" "$x100" 0
    ;;
esac

# ---- the report ------------------------------------------------------------------------------------------
{
  echo "iam-lint benchmark, mode $mode, median of $runs run(s), $(date -u +%Y-%m-%d)"
  echo "commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM"
  echo "JDK 17: $("$java17" -version 2>&1 | head -n 1)"
  [ -z "$java25" ] || echo "JDK 25: $("$java25" -version 2>&1 | head -n 1)"
  echo "JVM options: $OPTS, load average before: $load"
  echo
  echo "| corpus | threads | files | wall s | files/s | CPU s (user+sys) | peak RSS MB | bare parse wall s / CPU s / RSS MB | wall / bare |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  if [ ${#startrows[@]} -gt 0 ]; then
    echo
    echo "One-file run (start-up): check of one managed policy with the corpus as context, or of one policy of the bundled example"
    echo
    echo "| JVM | wall s | CPU s | peak RSS MB |"
    echo "|---|---:|---:|---:|"
    printf '%s\n' "${startrows[@]}"
  fi
} | tee ${out:+"$out"}
