#!/usr/bin/env bash
# Benchmark: patching stale containers with `rootfleet-agent restart --stale` versus the raw LXC floor, and
# the time of a stale scan, measured in the same run.
#
#   bench/patch-bench.sh [N] [RESTART-OPTIONS...]   (default: 100; run as root)
#
# It applies N containers whose init is a copy of sleep under a throwaway /usr/local/lib/rf-bench-* dir,
# then, twice, replaces that binary the way dpkg does (new file + rename), which makes all N stale, and
#   floor: restarts them with a shell loop of `lxc-stop --kill` + `lxc-start` (the same containers, the same
#          init argv; no scan, no health check, no mask regeneration);
#   patch: restarts them with one `rootfleet-agent restart --stale` (JVM start, scan, mask regeneration and
#          the health wait included), with the default batch policy unless RESTART-OPTIONS say otherwise.
# It prints patch/floor, the scan time of N stale containers (wall, and inside the agent), and checks that
# nothing is stale afterwards.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
agent="$here/bin/rootfleet-agent"
n=${1:-100}
shift || true
restart_options=("$@")
[ "$(id -u)" = 0 ] || { echo "run as root: the benchmark starts containers and mounts filesystems" >&2; exit 2; }
command -v lxc-start >/dev/null || { echo "LXC is missing: apt-get install lxc" >&2; exit 2; }
[ -f "$here/agent/target/rootfleet-agent.jar" ] || (cd "$here" && mvn -q -B -DskipTests -pl agent -am package)

# shellcheck source=bench/lib.sh
. "$here/bench/lib.sh"

cleanup() { # also whatever an interrupted run left behind
    for d in /tmp/rf-bench-patch.*; do
        [ -d "$d" ] || continue
        kill_all "$d/containers"; safe_rm "$d"
    done
    rm -f /tmp/rf-bench-patch.*.yml
    rm -rf /usr/local/lib/rf-bench-patch.*
}
trap cleanup EXIT
cleanup

home=$(mktemp -d /tmp/rf-bench-patch.XXXXXX)
bin=$(mktemp -d /usr/local/lib/rf-bench-patch.XXXXXX)
cp /usr/bin/sleep "$bin/sleeper"
state="$home.yml"
{ echo "apiVersion: rootfleet/v1"; echo "containers:"
  for i in $(seq 1 "$n"); do echo "  - {name: p$i, init: [$bin/sleeper, infinity], stop: {timeout: 0}}"; done; } > "$state"
"$agent" --home "$home" apply "$state" >/dev/null

replace_binary() { # the dpkg way: write the new file beside the old one, then rename it over
    cp /usr/bin/sleep "$bin/.sleeper.new" && mv -f "$bin/.sleeper.new" "$bin/sleeper"
}
stale_count() {
    local report; report=$("$agent" --home "$home" stale --json)
    echo "$(grep -o '"stale":true' <<<"$report" | wc -l) $(grep -o '^{"apiVersion":"[^"]*","millis":[0-9]*' <<<"$report" | grep -o '[0-9]*$')"
}

replace_binary
scan_start=$(now)
read -r stale scan_inner_ms < <(stale_count)
scan_end=$(now)
scan_ms=$(ms "$scan_start" "$scan_end")
[ "$stale" = "$n" ] || echo "expected $n stale containers before the floor, found $stale" >&2

floor_start=$(now)
for i in $(seq 1 "$n"); do
    lxc-stop -P "$home/containers" -n "p$i" --kill
    lxc-start -P "$home/containers" -n "p$i" -- "$bin/sleeper" infinity
done
floor_end=$(now)
floor_ms=$(ms "$floor_start" "$floor_end")
read -r stale _ < <(stale_count)
[ "$stale" = 0 ] || echo "the floor left $stale stale containers" >&2

replace_binary
read -r stale _ < <(stale_count)
[ "$stale" = "$n" ] || echo "expected $n stale containers before the patch, found $stale" >&2
patch_start=$(now)
"$agent" --home "$home" restart --stale "${restart_options[@]}" >/dev/null
patch_end=$(now)
patch_ms=$(ms "$patch_start" "$patch_end")
read -r stale_after _ < <(stale_count)
running=$(lxc-ls -P "$home/containers" --running -1 | wc -l)

printf '%-5s %10s %10s %12s %14s %16s %12s %9s\n' N floor_ms patch_ms patch/floor scan_wall_ms scan_in_agent_ms stale_after running
printf '%-5s %10s %10s %12s %14s %16s %12s %9s\n' "$n" "$floor_ms" "$patch_ms" \
    "$(awk -v a="$patch_ms" -v f="$floor_ms" 'BEGIN { printf "%.2f", a / f }')" "$scan_ms" "$scan_inner_ms" "$stale_after" "$running"
