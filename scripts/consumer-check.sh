#!/usr/bin/env bash
# Consumer-project check: proves the packed package works as a dependency.
#
# Packs the repository (`npm pack`; the package's "prepack" builds build/), then for each fixture
# under test/consumer/ (modelled on `cdk8s init typescript-app` and `pulumi new typescript`):
# copies it to a fresh temp dir, installs the tarball plus the exact versions of its framework
# dependencies as they are in package-lock.json, type-checks it with its own tsconfig.json, and
# runs it (cdk8s: `cdk8s synth`, then checks dist/; Pulumi: the mocks runner test.ts).
#
# Env: CONSUMER_NPM_CACHE (npm cache dir to reuse, default: npm's own), CONSUMER_KEEP=1 (keep the
# temp dir), CONSUMER_TMP (parent of the temp dir), CONSUMER_PULUMI_EXTRA (space-separated package
# names, installed into the Pulumi app at their locked versions, e.g. "@pulumi/aws"; default none,
# because a Pulumi user who does not use AWS does not install it).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fixtures="$repo/test/consumer"
export CDK8S_CHECK_UPGRADE=false   # cdk8s-cli's upgrade check needs the internet
export PULUMI_SKIP_UPDATE_CHECK=true
export npm_config_update_notifier=false
cache="${CONSUMER_NPM_CACHE:-$(npm config get cache)}"
work="$(mktemp -d "${CONSUMER_TMP:-${TMPDIR:-/tmp}}/capi-consumer.XXXXXX")"
if [[ "${CONSUMER_KEEP:-}" == 1 ]]; then
  trap 'echo "consumer-check: kept $work"' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi

t_all=$EPOCHREALTIME
step_log=""

# step NAME COMMAND...: runs COMMAND with its output in a log; prints one line with the timing;
# on failure prints the log's tail and exits non-zero.
step() {
  local name="$1"; shift
  local t0=$EPOCHREALTIME rc=0
  step_log="$work/logs/$(printf '%s' "$name" | tr -c 'A-Za-z0-9._-' '_').log"
  mkdir -p "$work/logs"
  "$@" >"$step_log" 2>&1 || rc=$?
  local secs
  secs=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  if (( rc != 0 )); then
    printf 'consumer-check: FAIL %-34s %6ss (exit %d)\n' "$name" "$secs" "$rc"
    echo "---- last 40 lines of $name ----"
    tail -n 40 "$step_log"
    echo "----"
    echo "consumer-check: FAILED at step '$name'" >&2
    exit 1
  fi
  printf 'consumer-check: ok   %-34s %6ss\n' "$name" "$secs"
}

# The exact versions package-lock.json resolved for the given packages, as name@version.
locked() {
  node -e '
    const lock = require(process.argv[1]);
    const out = [];
    for (const name of process.argv.slice(2)) {
      const entry = (lock.packages || {})["node_modules/" + name];
      if (!entry || !entry.version) { console.error("consumer-check: " + name + " is not in package-lock.json"); process.exit(1); }
      out.push(name + "@" + entry.version);
    }
    console.log(out.join(" "));
  ' "$repo/package-lock.json" "$@"
}

common=(typescript ts-node @types/node)
cdk8s_deps=$(locked cdk8s constructs cdk8s-cli "${common[@]}")
# shellcheck disable=SC2086
pulumi_deps=$(locked @pulumi/pulumi @pulumi/kubernetes "${common[@]}" ${CONSUMER_PULUMI_EXTRA:-})

npm_install() { npm install --no-audit --no-fund --prefer-offline --cache "$cache" "$@"; }

# 1. Pack (runs "prepack", which builds build/).
pack() {
  mkdir -p "$work/pack"
  (cd "$repo" && npm pack --pack-destination "$work/pack" --cache "$cache")
  local n
  n=$(find "$work/pack" -name '*.tgz' | wc -l)
  [[ "$n" == 1 ]] || { echo "expected one tarball in $work/pack, found $n"; return 1; }
  local tgz
  tgz=$(find "$work/pack" -name '*.tgz')
  # The entry points the fixtures import must be in the tarball.
  local listing
  listing=$(tar -tzf "$tgz")
  for f in package/build/lib/index.js package/build/lib/cdk8s/index.js package/build/lib/cdk8s/index.d.ts \
           package/build/lib/pulumi/index.js package/build/lib/pulumi/index.d.ts \
           package/build/lib/pulumi/testing.js package/build/lib/pulumi/aws/index.js package/bin/capi-constructs.js; do
    grep -qx "$f" <<<"$listing" || { echo "tarball lacks $f (did \"prepack\" build?)"; return 1; }
  done
}
step "pack" pack
tarball=$(find "$work/pack" -name '*.tgz')

# Copies a fixture app into the work folder, installs the tarball and its deps there, type-checks it.
prepare_app() {
  local name=$1 deps=$2
  app="$work/$name"
  cp -R "$fixtures/$name" "$app"
  rm -rf "$app/node_modules" "$app/dist" "$app/bin"
  cd "$app"
  # shellcheck disable=SC2086
  step "$name: npm install" npm_install "$tarball" $deps
  step "$name: tsc --noEmit" npx --no-install tsc --noEmit -p . --pretty false
}

# 2. cdk8s app.
prepare_app cdk8s-app "$cdk8s_deps"
step "cdk8s-app: cdk8s synth" npx --no-install cdk8s synth
check_dist() {
  # YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE: one file per object under dist/<chart>/.
  local files
  files=$(find dist -type f -name '*.yaml' | sort)
  echo "$files"
  [[ -n "$files" ]] || { echo "dist/ holds no YAML"; return 1; }
  grep -lx 'kind: Cluster' $files >/dev/null || { echo "no Cluster in dist/"; return 1; }
  local md
  md=$(grep -lx 'kind: MachineDeployment' $files || true)
  [[ -n "$md" ]] || { echo "no MachineDeployment in dist/"; return 1; }
  grep -l 'general' $md >/dev/null || { echo "no MachineDeployment for the WorkerPool 'general' in dist/ (found: $md)"; return 1; }
}
step "cdk8s-app: dist/ has Cluster+MD" check_dist

# 3. Pulumi app (no Pulumi CLI: the program runs under the SDK's mocks).
prepare_app pulumi-app "$pulumi_deps"
# Type-checked by the step above, so ts-node only transpiles.
step "pulumi-app: mocks run (test.ts)" npx --no-install ts-node --transpile-only test.ts
cat "$step_log"

total=$(awk -v a="$t_all" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
echo "consumer-check: all steps passed in ${total}s"
