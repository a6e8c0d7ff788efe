#!/usr/bin/env bash
# Benchmark: a real workload patched. N containers boot the host's systemd and run Debian's apache2, each with
# its own address on a bridge of this run and its own page; a bounded curl loop on the host asks every one of
# them for its page, round after round, for the whole run.
#
#   bench/real-patch.sh [--raise-limits] [N] [RESTART-OPTIONS...]   (default N: 12; run as root)
#
# It measures, in one run:
#   apply: one `rootfleet-agent apply` of the N containers until every one is healthy (tcp 80);
#   floor: a shell loop over the same containers of `lxc-stop` (LXC sends the halt signal the agent wrote for
#          them, SIGRTMIN+3, and waits for the halt) + `lxc-start`, ended when every page serves again;
#   patch: one `rootfleet-agent restart --stale` (default batches of 25% unless RESTART-OPTIONS say otherwise),
#          after a library every apache maps was replaced the way dpkg replaces files (a copy of an apache
#          module under a /usr/local/lib/rf-bench-real.* directory of this run, loaded by every container).
# For the floor and the patch: wall time, the requests that failed (curl got no 200) and the lowest share of
# containers that served in any round of the loop; then how many containers are still stale, and how many
# apache stops were clean (apache's own "caught SIGWINCH, shutting down gracefully" line in each container's
# error log: Debian's apache2.service stops it with apachectl graceful-stop; a kill leaves no line).
# Targets: patch/floor <= 1.2; failed requests < 1%; serving never below 1 - batch share.
#
# Debian's default fs.inotify.max_user_instances (128) lets about 16 such containers boot on one host (8
# instances each, all charged to root): --raise-limits raises it (and pid_max) for the run only, and puts the
# old values back at the end. It never writes /etc/sysctl.d. Everything it makes is named rf-bench-*: its agent
# home under /tmp, the containers, the bridge rf-bench-br0 (10.252.0.0/22), the module directory.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
agent="$here/bin/rootfleet-agent"
raise=false
if [ "${1:-}" = --raise-limits ]; then raise=true; shift; fi
n=${1:-12}
shift || true
restart_options=("$@")
[ "$(id -u)" = 0 ] || { echo "run as root: the benchmark starts containers, makes a bridge and mounts filesystems" >&2; exit 2; }
command -v lxc-start >/dev/null || { echo "LXC is missing: apt-get install lxc" >&2; exit 2; }
[ -x /usr/sbin/apache2 ] && command -v curl >/dev/null \
    || { echo "apache2 or curl is missing: bin/install-missing --no-start apache2 curl" >&2; exit 2; }
[ "$n" -ge 1 ] && [ "$n" -le 1000 ] || { echo "N must be 1 to 1000" >&2; exit 2; }
[ -f "$here/agent/target/rootfleet-agent.jar" ] || (cd "$here" && mvn -q -B -DskipTests -pl agent -am package)

# shellcheck source=bench/lib.sh
. "$here/bench/lib.sh"

bridge=rf-bench-br0
module_src=/usr/lib/apache2/modules/mod_info.so
loop_pid=""
saved_sysctls=""

cleanup() { # also whatever an interrupted run left behind
    [ -n "$loop_pid" ] && kill "$loop_pid" 2>/dev/null && wait "$loop_pid" 2>/dev/null || true
    for d in /tmp/rf-bench-real.*; do
        [ -d "$d" ] || continue
        if [ -d "$d/home" ]; then
            "$agent" --home "$d/home" teardown --yes >/dev/null 2>&1 || { kill_all "$d/home/containers"; }
        fi
        safe_rm "$d"
    done
    rm -rf /usr/local/lib/rf-bench-real.*
    ip link show "$bridge" >/dev/null 2>&1 && ip link del "$bridge"
    if [ -n "$saved_sysctls" ]; then
        # shellcheck disable=SC2086
        sysctl -q $saved_sysctls
        echo "kernel limits put back: $saved_sysctls"
        saved_sysctls=""
    fi
    return 0
}
trap cleanup EXIT
cleanup

work=$(mktemp -d /tmp/rf-bench-real.XXXXXX)
chmod 0755 "$work" # unprivileged containers need to pass through it to their own layer
home="$work/home"
lib=$(mktemp -d /usr/local/lib/rf-bench-real.XXXXXX)
cp "$module_src" "$lib/mod_info.so"
ip link add "$bridge" type bridge
ip addr add 10.252.0.1/22 dev "$bridge"
ip link set "$bridge" up

if $raise; then
    need=$((24 + 9 * n))
    cur=$(sysctl -n fs.inotify.max_user_instances)
    if [ "$cur" -lt "$need" ]; then
        saved_sysctls="fs.inotify.max_user_instances=$cur"
        sysctl -q -w fs.inotify.max_user_instances="$need"
    fi
    need=$((2048 + 250 * n))
    cur=$(sysctl -n kernel.pid_max)
    if [ "$cur" -lt "$need" ]; then
        saved_sysctls="$saved_sysctls kernel.pid_max=$cur"
        sysctl -q -w kernel.pid_max="$need"
    fi
    [ -z "$saved_sysctls" ] || echo "kernel limits raised for this run (old values: $saved_sysctls)"
fi

name() { printf 'rf-bench-ap-%03d' "$1"; }
address() { echo "10.252.$(($1 / 250)).$(($1 % 250 + 2))"; }

state="$work/state.yml"
{
    echo "apiVersion: rootfleet/v1"
    echo "containers:"
    for i in $(seq 1 "$n"); do
        cat <<EOF
  - name: $(name "$i")
    services: [apache2.service]
    health: {tcp: 80, retries: 120}
    network: {bridge: $bridge, ipv4: $(address "$i")/22}
    files:
      - {path: /var/www/html/index.html, content: "<h1>$(name "$i")</h1>\n"}
      - {path: /etc/apache2/mods-enabled/rf-bench.load, content: "LoadModule info_module $lib/mod_info.so\n"}
EOF
    done
} > "$state"

curl_args=(--parallel --parallel-max 100 -s --no-progress-meter --connect-timeout 1 -m 2 -w '%{http_code}\n')
for i in $(seq 1 "$n"); do curl_args+=(-o /dev/null "http://$(address "$i")/"); done

echo idle > "$work/phase"
request_loop() { # one line per round: phase, requests, answered 200; bounded by rounds and by the stop file
    local round=0 phase codes ok
    while [ ! -e "$work/stop" ] && [ "$round" -lt 100000 ]; do
        phase=$(cat "$work/phase")
        codes=$(curl "${curl_args[@]}" || true)
        ok=$(grep -c '^200$' <<<"$codes" || true)
        [ "$phase" = idle ] || echo "$phase $n $ok" >> "$work/requests"
        round=$((round + 1))
    done
}

serving() { local codes; codes=$(curl "${curl_args[@]}" || true); grep -c '^200$' <<<"$codes" || true; }
wait_all_serving() { while [ "$(serving)" != "$n" ]; do sleep 0.2; done; }
stale_count() { "$agent" --home "$home" stale --json | { grep -o '"stale":true' || true; } | wc -l; }
replace_module() { cp "$module_src" "$lib/.mod_info.so.dpkg-new" && mv -f "$lib/.mod_info.so.dpkg-new" "$lib/mod_info.so"; }
clean_stops() { # containers whose apache logged a clean stop at least $1 times
    local count=0 i log lines
    for i in $(seq 1 "$n"); do
        log="$home/containers/$(name "$i")/upper/var/log/apache2/error.log"
        lines=$(grep -cE 'caught SIG(WINCH|TERM), shutting down' "$log" 2>/dev/null || true)
        [ "${lines:-0}" -ge "$1" ] && count=$((count + 1))
    done
    echo "$count"
}
phase_figures() { # PHASE -> requests failed total lowest_serving
    awk -v p="$1" '$1 == p { total += $2; failed += $2 - $3; if (min == "" || $3 < min) min = $3 }
        END { printf "%d %d %d\n", failed, total, min }' "$work/requests"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
apply_start=$(now)
"$agent" --home "$home" apply "$state" > "$work/apply.log" || { cat "$work/apply.log"; echo "apply failed" >&2; exit 1; }
apply_end=$(now)
apply_ms=$(ms "$apply_start" "$apply_end")
grep '^host: capacity' "$work/apply.log" || true
[ "$(serving)" = "$n" ] || { echo "not every page serves after apply" >&2; exit 1; }

echo "apply: $n containers healthy in $apply_ms ms"
request_loop &
loop_pid=$!

replace_module
stale=$(stale_count)
[ "$stale" = "$n" ] || echo "expected $n stale containers before the floor, found $stale" >&2
echo floor > "$work/phase"
floor_start=$(now)
for i in $(seq 1 "$n"); do
    lxc-stop -P "$home/containers" -n "$(name "$i")"
    lxc-start -P "$home/containers" -n "$(name "$i")"
done
wait_all_serving
floor_end=$(now)
echo idle > "$work/phase"
floor_ms=$(ms "$floor_start" "$floor_end")
echo "floor: $floor_ms ms"
stale=$(stale_count)
[ "$stale" = 0 ] || echo "the floor left $stale stale containers" >&2

replace_module
stale_before=$(stale_count)
[ "$stale_before" = "$n" ] || echo "expected $n stale containers before the patch, found $stale_before" >&2
echo patch > "$work/phase"
patch_start=$(now)
"$agent" --home "$home" restart --stale "${restart_options[@]}" > "$work/patch.log" || { cat "$work/patch.log"; echo "patch failed" >&2; }
patch_end=$(now)
echo idle > "$work/phase"
patch_ms=$(ms "$patch_start" "$patch_end")
touch "$work/stop"
wait "$loop_pid" || true
loop_pid=""
stale_after=$(stale_count)
serving_after=$(serving)

read -r floor_failed floor_total floor_min < <(phase_figures floor)
read -r patch_failed patch_total patch_min < <(phase_figures patch)
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.1f%%", 100 * a / b }'; }

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-4s %9s %9s %9s %11s %18s %18s %15s %15s %11s %11s\n' N apply_ms floor_ms patch_ms patch/floor \
    floor_failed_req patch_failed_req floor_min_serve patch_min_serve stale_after clean_stops
printf '%-4s %9s %9s %9s %11s %18s %18s %15s %15s %11s %11s\n' "$n" "$apply_ms" "$floor_ms" "$patch_ms" \
    "$(awk -v a="$patch_ms" -v f="$floor_ms" 'BEGIN { printf "%.2f", a / f }')" \
    "$floor_failed/$floor_total ($(pct "$floor_failed" "$floor_total"))" \
    "$patch_failed/$patch_total ($(pct "$patch_failed" "$patch_total"))" \
    "$floor_min/$n ($(pct "$floor_min" "$n"))" "$patch_min/$n ($(pct "$patch_min" "$n"))" \
    "$stale_after" "$(clean_stops 2)/$n"
echo "patch: $(grep -E '^Rolling restart' "$work/patch.log" || true)"
echo "patch: $(grep -E '^restarted ' "$work/patch.log" || true)"
echo "pages serving at the end: $serving_after/$n"
