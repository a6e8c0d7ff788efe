#!/usr/bin/env bash
# Benchmark: the controller's fan-out to many hosts, against a simulated fleet on this machine.
#
#   bench/fleet-bench.sh [--hosts N] [--containers M]     (default: 8 hosts, 3 containers each; run as root)
#
# It starts N real OpenSSH sshd servers on loopback (127.0.0.x, each with its own host key, pinned in a
# known_hosts file, all accepting one generated client key) and runs bin/rootfleet against them; every
# simulated host runs this checkout's real agent in its own agent home under /tmp, so the containers are real
# LXC containers (init: /bin/sleep infinity). In one run it measures, by wall clock, each bin/rootfleet run
# whole (controller JVM included):
#
#   apply, 1 host / N hosts      fresh agent homes, M containers created and started per host, and
#                                time(N)/time(1): 1.0 is perfect fan-out, the target is <= 2.0
#   N local agents in parallel   the same N applies run directly (no controller, no SSH), all at once: the
#                                floor of this machine. The N simulated hosts share its cores where a real
#                                fleet has N machines, so time(N)/floor(N) is the controller's own fan-out cost
#   no-op apply, 1 / N hosts     the same playbook again: nothing changes; what is left is the controller,
#                                one SSH session per host, one agent JVM per host and its observe (lxc-ls)
#   --check, N fresh hosts       the plans of N empty hosts: SSH + agent JVM, no LXC at all
#   agent no-op, local           bin/rootfleet-agent apply --json of host 1's state, without controller or
#                                SSH: the agent's share of a no-op apply
#   stub agent, 1 / N hosts      agentPath set to a shell script that reads the state and prints a result
#                                line: the controller and SSH alone, no JVM on the hosts. 1 host is the
#                                controller's cost per run (its JVM, SSH and JSON classes, one session); the
#                                per-host figure of N hosts, (time(N) - time(1)) / (N - 1), is what each more
#                                host adds (connect, key exchange, auth, exec, stdin, events back)
#
# Everything lives in /tmp/rf-bench-fleet-*; a trap kills the sshds it started and the containers, unmounts
# each agent home's mounts, checks /proc/self/mountinfo and only then deletes the directory.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
hosts=8
containers=3
while [ $# -gt 0 ]; do
    case $1 in
        --hosts) hosts=${2:?--hosts needs a number}; shift 2 ;;
        --containers) containers=${2:?--containers needs a number}; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "fleet-bench: unknown argument '$1'; usage: $0 [--hosts N] [--containers M]" >&2; exit 2 ;;
    esac
done
[[ $hosts =~ ^[0-9]+$ ]] && [ "$hosts" -ge 1 ] && [ "$hosts" -le 200 ] || { echo "--hosts: 1 to 200" >&2; exit 2; }
[[ $containers =~ ^[0-9]+$ ]] && [ "$containers" -ge 1 ] || { echo "--containers: at least 1" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run as root: the simulated hosts start containers and mount filesystems" >&2; exit 2; }
[ -x /usr/sbin/sshd ] || { echo "sshd is missing: apt-get install openssh-server" >&2; exit 2; }
command -v lxc-start >/dev/null || { echo "LXC is missing: apt-get install lxc" >&2; exit 2; }
if [ ! -f "$here/agent/target/rootfleet-agent.jar" ] || [ ! -f "$here/controller/target/rootfleet-controller.jar" ]; then
    (cd "$here" && mvn -q -B -DskipTests package)
fi
rootfleet="$here/bin/rootfleet"
agent="$here/bin/rootfleet-agent"

work=$(mktemp -d /tmp/rf-bench-fleet-XXXXXX)
id=$(basename "$work" | tail -c 7 | tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' 'x')
sshd_pids=()

mounts_below() { # DIR -> the mount points at or below DIR, deepest first
    awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r
}

cleanup() {
    set +e
    for pid in "${sshd_pids[@]}"; do
        kill -KILL "$pid" 2>/dev/null
    done
    for lxcpath in "$work"/*/*/containers; do
        [ -d "$lxcpath" ] || continue
        for c in $(lxc-ls -P "$lxcpath" --running -1 2>/dev/null); do lxc-stop -P "$lxcpath" -n "$c" -k >/dev/null 2>&1; done
    done
    for home in "$work"/*/*/; do
        for m in root mask; do
            if [ -n "$(mounts_below "${home%/}/$m")" ]; then umount "${home%/}/$m"; fi
        done
    done
    if [ -n "$(mounts_below "$work")" ]; then
        echo "fleet-bench: NOT deleting $work: still mounted below it:" >&2
        mounts_below "$work" >&2
        return
    fi
    rm -rf --one-file-system "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=bench/lib.sh
. "$here/bench/lib.sh"

# --- the simulated hosts: one sshd each on its own loopback address ---
start_simulated_hosts "$hosts"

playbook() { # PHASE COUNT -> a playbook of hosts h1..hCOUNT with agent homes in $work/PHASE
    local phase=$1 count=$2 i
    echo "apiVersion: rootfleet/v1"
    echo "hosts:"
    for i in $(seq 1 "$count"); do
        echo "  - {name: h$i, address: ${addresses[i]}, port: ${ports[i]}, identityFile: $work/client_ed25519,"
        echo "     agentPath: $agent, agentHome: $work/$phase/h$i, groups: [all]}"
    done
    echo "defaults: {init: [/bin/sleep, infinity], stop: {timeout: 0}}"
    echo "containers:"
    echo "  - {name: \"b{1..$containers}-$id\", group: all}"
}
mkdir -p "$work/one" "$work/many" "$work/check"
playbook one 1 > "$work/one.yml"
playbook many "$hosts" > "$work/many.yml"
playbook check "$hosts" > "$work/check.yml"

run() { # LABEL ARGS... -> runs bin/rootfleet, prints its wall time in ms; fails loudly unless it exits 0
    local label=$1 start end status=0
    shift
    start=$(now)
    "$rootfleet" "$@" > "$work/$label.log" 2>&1 || status=$?
    end=$(now)
    if [ "$status" != 0 ]; then
        echo "fleet-bench: '$label' exited with $status:" >&2
        cat "$work/$label.log" >&2
        exit 1
    fi
    ms "$start" "$end"
}

running_in() { # PHASE -> how many containers run in the agent homes of PHASE
    local total=0 lxcpath
    for lxcpath in "$work/$1"/*/containers; do
        [ -d "$lxcpath" ] && total=$(( total + $(lxc-ls -P "$lxcpath" --running -1 | wc -l) ))
    done
    echo "$total"
}

kh=(--known-hosts "$work/known_hosts")
write_stub_agent "$work/stub-agent"
sed "s#agentPath: $agent#agentPath: $work/stub-agent#" "$work/one.yml" > "$work/stub-one.yml"
sed "s#agentPath: $agent#agentPath: $work/stub-agent#" "$work/many.yml" > "$work/stub-many.yml"
{
    echo "apiVersion: rootfleet/v1"
    echo "containers:"
    for i in $(seq 1 "$containers"); do echo "  - {name: b$i-$id, init: [/bin/sleep, infinity], stop: {timeout: 0}}"; done
} > "$work/state.yml"

local_agents() { # PHASE COUNT -> wall ms of COUNT agents applying state.yml at once, each in a fresh home
    local phase=$1 count=$2 i start pids=() failed=0
    mkdir -p "$work/$phase"
    start=$(now)
    for i in $(seq 1 "$count"); do
        "$agent" --home "$work/$phase/h$i" apply --json "$work/state.yml" > "$work/$phase-h$i.log" 2>&1 &
        pids+=($!)
    done
    for i in "${!pids[@]}"; do wait "${pids[i]}" || failed=1; done
    [ "$failed" = 0 ] || { echo "fleet-bench: a local agent failed:" >&2; cat "$work/$phase"-h*.log >&2; exit 1; }
    ms "$start" "$(now)"
}

# warm-up (page cache, class data sharing archive): not counted
run warmup apply --check "${kh[@]}" "$work/check.yml" > /dev/null
jvm_ms=$(run version --version)
stub_one_ms=$(run stub-1 apply "${kh[@]}" "$work/stub-one.yml")
stub_many_ms=$(run stub-n apply "${kh[@]}" "$work/stub-many.yml")
one_ms=$(run apply-1 apply "${kh[@]}" "$work/one.yml")
many_ms=$(run apply-n apply "${kh[@]}" "$work/many.yml")
floor_ms=$(local_agents floor "$hosts")
noop_one_ms=$(run noop-1 apply "${kh[@]}" "$work/one.yml")
noop_many_ms=$(run noop-n apply "${kh[@]}" "$work/many.yml")
check_ms=$(run check-n apply --check "${kh[@]}" "$work/check.yml")
grep -q "0 container(s) changed" "$work/noop-1.log" && grep -q "0 container(s) changed" "$work/noop-n.log" \
    || { echo "fleet-bench: the no-op re-apply changed something:" >&2; cat "$work/noop-n.log" >&2; exit 1; }
start=$(now)
"$agent" --home "$work/one/h1" apply --json "$work/state.yml" > "$work/agent-local.log"
agent_ms=$(ms "$start" "$(now)")
grep -q '"changed":0' "$work/agent-local.log" \
    || { echo "fleet-bench: the local agent run changed something:" >&2; cat "$work/agent-local.log" >&2; exit 1; }

running_one=$(running_in one)
running_many=$(running_in many)
running_floor=$(running_in floor)
checked=$(find "$work/check" -mindepth 1 -maxdepth 1 | wc -l)

per() { echo $(( $1 / $2 )); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
fanout=$(ratio "$many_ms" "$one_ms")
verdict=$(awk -v r="$fanout" 'BEGIN { print (r <= 2.0 ? "target <= 2.00: ok" : "target <= 2.00: above, see the floor") }')
marginal=$(( hosts > 1 ? (stub_many_ms - stub_one_ms) / (hosts - 1) : 0 ))
total=$(( hosts * containers ))

echo "fleet-bench: $hosts sshd hosts on loopback, $containers containers per host, $(nproc) cores," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
row() { printf '%-40s %8s %9s  %s\n' "$@"; }
row "MEASURE" "WALL ms" "PER HOST" "NOTE"
row "apply, 1 host" "$one_ms" "-" "$running_one/$containers containers running"
row "apply, $hosts hosts" "$many_ms" "$(per "$many_ms" "$hosts")" "$running_many/$total containers running"
row "  time($hosts)/time(1)" "$fanout" "" "$verdict"
row "$hosts local agents at once (floor)" "$floor_ms" "$(per "$floor_ms" "$hosts")" \
    "$running_floor/$total running; no controller, no SSH"
row "  time($hosts)/floor($hosts)" "$(ratio "$many_ms" "$floor_ms")" "" "the controller's own fan-out cost"
row "no-op apply, 1 host" "$noop_one_ms" "-" "0 changed"
row "no-op apply, $hosts hosts" "$noop_many_ms" "$(per "$noop_many_ms" "$hosts")" "0 changed"
row "--check, $hosts fresh hosts" "$check_ms" "$(per "$check_ms" "$hosts")" "$checked agent homes created"
row "agent no-op apply, local, no SSH" "$agent_ms" "-" "agent JVM + observe"
row "controller JVM (rootfleet --version)" "$jvm_ms" "-" ""
row "stub agent, 1 host" "$stub_one_ms" "-" "controller per run: JVM, classes, 1 SSH session"
row "stub agent, $hosts hosts" "$stub_many_ms" "$marginal" "per more host: 1 SSH session + exec"
row "  time($hosts)/time(1)" "$(ratio "$stub_many_ms" "$stub_one_ms")" "" "the controller's fan-out, no agent JVMs"
