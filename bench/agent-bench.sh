#!/usr/bin/env bash
# Benchmark: rootfleet-agent apply versus the raw LXC floor, measured in the same run.
#
#   bench/agent-bench.sh [N...]        (default: 50 100; run as root)
#
# For each N it creates and starts N containers twice, in throwaway homes under /tmp:
#   floor: a shell loop of `lxc-copy -s -B overlayfs` + `lxc-start` from a base container whose rootfs is a
#          read-only bind of /, with the same LXC template and a plain-process init (the seed recipe);
#   agent: one `rootfleet-agent apply` of N containers with the same init (JVM start included), unprivileged
#          (the default) and again privileged, then one `rootfleet-agent restart` of all N.
# It prints agent/floor, the disk each new container costs, a no-op re-apply of the N containers (median of
# 3), the unprivileged/privileged ratio of create+start and of restart, and the mounts per container; then,
# per privilege, where apply's time goes: the create and start steps summed over the containers (the steps
# run in parallel, so the sums exceed the wall time), and the disk and mounts per container.
# lxc_alone_ms is LXC's own share: the same N containers (the agent's configs, layers and masks) started again
# one after another by lxc-start alone, so u/p of it is what LXC itself costs for a user namespace.
# BENCH_NO_FLOOR=1 skips the LXC floor (its columns show -).
# The agent adds root's line to /etc/subuid and /etc/subgid for unprivileged containers: both are put back
# exactly (cp -p: content, mode, owner, mtime) when the benchmark ends.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
agent="$here/bin/rootfleet-agent"
sizes=("${@:-50 100}")
[ "$(id -u)" = 0 ] || { echo "run as root: the benchmark starts containers and mounts filesystems" >&2; exit 2; }
command -v lxc-copy >/dev/null || { echo "LXC is missing: apt-get install lxc" >&2; exit 2; }
[ -f "$here/agent/target/rootfleet-agent.jar" ] || (cd "$here" && mvn -q -B -DskipTests -pl agent -am package)

# shellcheck source=bench/lib.sh
. "$here/bench/lib.sh"
# the homes the benchmark makes register in a registry of its own, not in the host's /etc/rootfleet/homes
export ROOTFLEET_HOMES_REGISTRY
ROOTFLEET_HOMES_REGISTRY=$(mktemp -d /tmp/rf-bench-registry.XXXXXX)

template=$(sed 's/{{apparmor_profile}}/'"$( [ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" = Y ] && echo generated || echo unconfined)"'/' "$here/templates/debian.conf")

floor() { # N -> prints "create_ms disk_kib_per_container"
    local n=$1 dir
    dir=$(mktemp -d /tmp/rf-bench-floor.XXXXXX)
    mkdir -p "$dir/lxc/base/rootfs"
    mount --bind / "$dir/lxc/base/rootfs" && mount -o remount,bind,ro "$dir/lxc/base/rootfs"
    { echo "$template"; echo "lxc.rootfs.path = dir:$dir/lxc/base/rootfs"; echo "lxc.init.cmd = /bin/sleep infinity";
      echo "lxc.net.0.type = empty"; echo "lxc.signal.halt = SIGKILL"; } > "$dir/lxc/base/config"
    local start end
    start=$(now)
    for i in $(seq 1 "$n"); do
        lxc-copy -P "$dir/lxc" -n base -N "f$i" -s -B overlayfs >/dev/null
        lxc-start -P "$dir/lxc" -n "f$i"
    done
    end=$(now)
    local running; running=$(lxc-ls -P "$dir/lxc" --running -1 | wc -l)
    [ "$running" = "$n" ] || echo "floor: only $running of $n running" >&2
    local disk; disk=$(du -sk --exclude=base -x "$dir/lxc" | cut -f1)
    kill_all "$dir/lxc"
    safe_rm "$dir"
    echo "$(ms "$start" "$end") $(( disk / n ))"
}

desired() { # N PRIVILEGED_FIELDS -> desired state YAML
    echo "apiVersion: rootfleet/v1"; echo "containers:"
    for i in $(seq 1 "$1"); do echo "  - {name: b$i, init: [/bin/sleep, infinity], stop: {timeout: 0}$2}"; done
}

step_sum() { # FILE STEP -> the milliseconds of every "NAME STEP ok (N ms)" line of apply's output, summed
    awk -v step="$2" '$2 == step && $3 == "ok" { gsub(/\(/, "", $4); sum += $4 } END { print sum + 0 }' "$1"
}

agent_run() { # N privileged|unprivileged -> prints "create_ms disk_kib_per_container noop_ms restart_ms mounts_per_container create_steps_ms start_steps_ms lxc_start_ms"
    local n=$1 home state start end noop_start noop_end fields=""
    [ "$2" = privileged ] && fields=", privileged: true, allowPrivilegedWithoutAppArmor: true"
    home=$(mktemp -d /tmp/rf-bench-agent.XXXXXX)
    state="$home.yml"
    desired "$n" "$fields" > "$state"
    start=$(now)
    "$agent" --home "$home" apply "$state" > "$home.out"
    end=$(now)
    local create_steps start_steps
    create_steps=$(step_sum "$home.out" create)
    start_steps=$(step_sum "$home.out" start)
    local running; running=$(lxc-ls -P "$home/containers" --running -1 | wc -l)
    [ "$running" = "$n" ] || echo "agent: only $running of $n running" >&2
    local noops=()
    for _ in 1 2 3; do
        noop_start=$(now)
        "$agent" --home "$home" apply "$state" | grep -q "nothing to change"
        noop_end=$(now)
        noops+=("$(ms "$noop_start" "$noop_end")")
    done
    local disk; disk=$(du -sk "$home/containers" | cut -f1)
    local restart_start restart_end
    restart_start=$(now)
    # shellcheck disable=SC2046
    "$agent" --home "$home" restart --batch 100% $(seq -f 'b%g' 1 "$n") >/dev/null
    restart_end=$(now)
    # the agent's own mounts (root bind, mask tmpfs, idmapped roots) per container; LXC's are in its namespaces
    local mounts; mounts=$(grep -c " $home/" /proc/self/mountinfo || true)
    kill_all "$home/containers"
    # LXC's own share: the same N containers (the agent's configs, layers and masks) started by lxc-start alone, in turn
    local lxc_start lxc_end
    lxc_start=$(now)
    for i in $(seq 1 "$n"); do lxc-start -P "$home/containers" -n "b$i"; done
    lxc_end=$(now)
    kill_all "$home/containers"
    safe_rm "$home"
    rm -f "$state" "$home.out"
    echo "$(ms "$start" "$end") $(( disk / n )) $(printf '%s\n' "${noops[@]}" | sort -n | sed -n 2p) $(ms "$restart_start" "$restart_end") $(awk -v m="$mounts" -v n="$n" 'BEGIN { printf "%.2f", m / n }') $create_steps $start_steps $(ms "$lxc_start" "$lxc_end")"
}

saved_ids=$(mktemp -d /tmp/rf-bench-subids.XXXXXX)
cp -p /etc/subuid /etc/subgid "$saved_ids/"
cleanup() { # whatever an interrupted run left behind, and /etc/subuid, /etc/subgid as they were
    cp -p "$saved_ids/subuid" /etc/subuid; cp -p "$saved_ids/subgid" /etc/subgid; rm -rf "$saved_ids"
    for d in /tmp/rf-bench-floor.* /tmp/rf-bench-agent.*; do
        [ -d "$d" ] || continue
        kill_all "$d/lxc"; kill_all "$d/containers"; safe_rm "$d"
    done
    rm -f /tmp/rf-bench-agent.*.yml /tmp/rf-bench-agent.*.out
    rm -rf "$ROOTFLEET_HOMES_REGISTRY"
}
trap cleanup EXIT

printf '%-5s %9s %9s %8s %8s %8s %9s %9s %6s %8s %8s %8s %7s\n' N floor_ms unpriv_ms u/floor priv_ms u/p \
    restart_u restart_p u/p floor_KiB unpr_KiB noop_ms mnt/ctr
steps=()
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }
for n in ${sizes[@]}; do
    if [ "${BENCH_NO_FLOOR:-}" = 1 ]; then floor_ms=- floor_disk=-; else read -r floor_ms floor_disk < <(floor "$n"); fi
    read -r u_ms u_disk noop_ms u_restart u_mounts u_create u_start u_lxc < <(agent_run "$n" unprivileged)
    read -r p_ms p_disk _ p_restart p_mounts p_create p_start p_lxc < <(agent_run "$n" privileged)
    printf '%-5s %9s %9s %8s %8s %8s %9s %9s %6s %8s %8s %8s %7s\n' "$n" "$floor_ms" "$u_ms" \
        "$( [ "$floor_ms" = - ] && echo - || ratio "$u_ms" "$floor_ms")" \
        "$p_ms" "$(ratio "$u_ms" "$p_ms")" "$u_restart" "$p_restart" "$(ratio "$u_restart" "$p_restart")" \
        "$floor_disk" "$u_disk" "$noop_ms" "$u_mounts"
    steps+=("$(printf '%-5s %-12s %10s %10s %8s %8s %12s' "$n" unprivileged "$u_create" "$u_start" "$u_disk" "$u_mounts" "$u_lxc")")
    steps+=("$(printf '%-5s %-12s %10s %10s %8s %8s %12s' "$n" privileged "$p_create" "$p_start" "$p_disk" "$p_mounts" "$p_lxc")")
    steps+=("$(printf '%-5s %-12s %10s %10s %8s %8s %12s' "$n" u/p "$(ratio "$u_create" "$p_create")" "$(ratio "$u_start" "$p_start")" - - "$(ratio "$u_lxc" "$p_lxc")")")
done
echo
echo "where apply's time goes (each step's ms summed over the N containers, run in parallel):"
printf '%-5s %-12s %10s %10s %8s %8s %12s\n' N privilege create_ms start_ms KiB/ctr mnt/ctr lxc_alone_ms
printf '%s\n' "${steps[@]}"
