#!/usr/bin/env bash
# Benchmark: the controller's own cost per host, fanning out to many simulated hosts at once.
#
#   bench/fleet-scale.sh [--hosts 100] [--runs 3] [--java "FLAGS"] [--compare "FLAGS" [--compare-jar JAR]]
#                        [--forks N] [--no-floor]                                      (run as root)
#
# It starts N real OpenSSH sshd servers on loopback (127.0.0.x, each with its own host key, pinned in a
# known_hosts file, all accepting one generated client key), each "host" running a stub agent: a shell script
# that reads the desired state and answers like an agent with nothing to change. Then it runs a no-op
# `bin/rootfleet apply` against 1 host and against all N, --runs times each, and reports the medians of
#
#   wall ms     the whole run, controller JVM start included
#   CPU ms      the controller process's own CPU time, user + system (getrusage of the JVM, through
#               /usr/bin/time; the sshd servers and stub agents are other processes and not counted)
#
# and the controller's CPU per host: (CPU(N) - CPU(1)) / (N - 1), what each more host costs it (TCP connect,
# key exchange, host key check, authentication, one exec channel, the state out and two events back).
# Targets: under 20 ms of controller CPU per host; N=100 hosts in under 5 s of wall time.
#
# The floor, measured in the same run against the same servers: N OpenSSH clients (`ssh -o BatchMode=yes`) at
# once, each running the stub agent with the same state on stdin, no controller at all. Its wall time is what
# the servers and this machine allow whatever the client does; the servers' CPU per host (sshd's fork and
# re-exec, its key exchange, the session's shell and the stub agent: the sshd processes and all they reaped) is
# printed for both, to show where the wall time goes.
# With --java "FLAGS", the controller runs as `java FLAGS -jar controller.jar` instead of bin/rootfleet
# (whose flags are -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=4 -XX:-UsePerfData -Xshare:auto and its class-data archive,
# -XX:SharedArchiveFile=controller/target/rootfleet-controller.jsa), to compare JVM settings. With
# --forks N, the applies work on N hosts at once (rootfleet's default: 100), the floor's clients too.
# With --compare "FLAGS", a second controller, `java FLAGS -jar controller.jar`, is measured in the same runs
# against the same servers, each run right after the first one's: an A/B comparison in one session (e.g.
# --compare "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=4 -XX:-UsePerfData -Xshare:auto -Drootfleet.nativeCrypto=false" for the
# controller without its native crypto provider); --compare-jar JAR runs that one from another build (e.g. of
# the main branch, for a before/after). --no-floor skips the OpenSSH floor (it takes the longest).
#
# The connect timeout is raised to 120 s: on a busy machine 100 handshakes at once queue for the CPU, and a host
# that times out would not be measured. CPU time is much less sensitive to the machine's load than wall time; both are printed with the load average.
# Everything lives in /tmp/rf-bench-scale-*; a trap kills the sshds it started and deletes the directory.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
hosts=100
runs=3
java_flags=""
compare_flags=""
compare_jar=""
floor=yes
forks=""
while [ $# -gt 0 ]; do
    case $1 in
        --hosts) hosts=${2:?--hosts needs a number}; shift 2 ;;
        --runs) runs=${2:?--runs needs a number}; shift 2 ;;
        --java) java_flags=${2:?--java needs flags}; shift 2 ;;
        --forks) forks=${2:?--forks needs a number}; shift 2 ;;
        --compare) compare_flags=${2:?--compare needs flags}; shift 2 ;;
        --compare-jar) compare_jar=${2:?--compare-jar needs a jar}; shift 2 ;;
        --no-floor) floor=no; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "fleet-scale: unknown argument '$1'; usage: $0 [--hosts N] [--runs R] [--java FLAGS] [--compare FLAGS [--compare-jar JAR]] [--forks N] [--no-floor]" >&2; exit 2 ;;
    esac
done
[[ $hosts =~ ^[0-9]+$ ]] && [ "$hosts" -ge 2 ] && [ "$hosts" -le 240 ] || { echo "--hosts: 2 to 240" >&2; exit 2; }
[ -z "$forks" ] || [[ $forks =~ ^[1-9][0-9]*$ ]] || { echo "--forks: a number, 1 or more" >&2; exit 2; }
[[ $runs =~ ^[0-9]+$ ]] && [ "$runs" -ge 1 ] || { echo "--runs: at least 1" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run as root: sshd on loopback addresses needs it" >&2; exit 2; }
[ -x /usr/sbin/sshd ] || { echo "sshd is missing: apt-get install openssh-server" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 2; }
jar="$here/controller/target/rootfleet-controller.jar"
if [ ! -f "$jar" ]; then
    (cd "$here" && mvn -q -B -DskipTests package)
fi

# shellcheck source=bench/lib.sh
. "$here/bench/lib.sh"

work=$(mktemp -d /tmp/rf-bench-scale-XXXXXX)
sshd_pids=()
cleanup() {
    set +e
    for pid in "${sshd_pids[@]}"; do kill -KILL "$pid" 2>/dev/null; done
    safe_rm "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(now)
start_simulated_hosts "$hosts"
echo "fleet-scale: $hosts sshd hosts started in $(ms "$started" "$(now)") ms" >&2
write_stub_agent "$work/stub-agent"

playbook() { # COUNT -> a playbook of hosts h1..hCOUNT, each with the stub agent and nothing to run
    local count=$1 i
    echo "apiVersion: rootfleet/v1"
    echo "hosts:"
    for i in $(seq 1 "$count"); do
        echo "  - {name: h$i, address: ${addresses[i]}, port: ${ports[i]}, identityFile: $work/client_ed25519, agentPath: $work/stub-agent}"
    done
    echo "containers: []"
}
playbook 1 > "$work/one.yml"
playbook "$hosts" > "$work/all.yml"

if [ -n "$java_flags" ]; then
    # shellcheck disable=SC2206 # the flags are words on purpose
    controller=(env LC_ALL=C.UTF-8 java $java_flags -Drootfleet.checkout="$here" -jar "$jar")
else
    controller=("$here/bin/rootfleet")
fi
# shellcheck disable=SC2206 # the flags are words on purpose
other=(env LC_ALL=C.UTF-8 java $compare_flags -Drootfleet.checkout="$here" -jar "${compare_jar:-$jar}")

measure() { # LABEL PLAYBOOK [compare] -> "WALL_MS CPU_MS" of one no-op apply; fails loudly unless every host is ok
    local label=$1 book=$2 status=0 run=("${controller[@]}")
    [ "${3:-}" != compare ] || run=("${other[@]}")
    /usr/bin/time -f '%e %U %S' -o "$work/$label.time" "${run[@]}" \
        apply --ssh-config none --known-hosts "$work/known_hosts" --connect-timeout 120 ${forks:+--forks "$forks"} "$book" > "$work/$label.log" 2>&1 || status=$?
    if [ "$status" != 0 ] || ! grep -q " 0 failed, 0 unreachable" "$work/$label.log"; then
        echo "fleet-scale: '$label' exited with $status:" >&2
        tail -20 "$work/$label.log" >&2
        exit 1
    fi
    awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$work/$label.time"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The desired state a no-op apply sends, for the floor's clients to send too.
printf '{"apiVersion":"rootfleet/v1","containers":[]}\n' > "$work/state.json"

openssh_floor() { # -> "WALL_MS SERVERS_CPU_MS" of N OpenSSH clients at once, each running the stub agent once
    local started servers i status=0
    servers=$(servers_cpu_ms)
    started=$(now)
    for i in $(seq 1 "$hosts"); do
        # at most --forks at once, as the controller
        if [ -n "$forks" ] && [ "$i" -gt "$forks" ]; then wait -n || status=$?; fi
        ssh -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$work/known_hosts" \
            -o ConnectTimeout=120 -F none -i "$work/client_ed25519" -p "${ports[i]}" "root@${addresses[i]}" \
            "$work/stub-agent" --home "$work/floor-home" apply --json - < "$work/state.json" > "$work/floor-$i.out" 2>&1 &
    done
    for i in $(seq 1 "${forks:-$hosts}"); do [ "$i" -gt "$hosts" ] || wait -n || status=$?; done
    if [ "$status" != 0 ] || [ "$(cat "$work"/floor-*.out | grep -c '"event":"result"')" != "$hosts" ]; then
        echo "fleet-scale: the OpenSSH floor failed:" >&2
        grep -L '"event":"result"' "$work"/floor-*.out | head -3 | xargs -r cat >&2
        exit 1
    fi
    echo "$(ms "$started" "$(now)") $(( $(servers_cpu_ms) - servers ))"
}

measure warmup "$work/one.yml" > /dev/null
[ -z "$compare_flags" ] || measure warmup-b "$work/one.yml" compare > /dev/null
for f in one all one-b all-b floor servers servers-b; do : > "$work/$f.runs"; done
for r in $(seq 1 "$runs"); do
    measure "one-$r" "$work/one.yml" >> "$work/one.runs"
    servers=$(servers_cpu_ms)
    measure "all-$r" "$work/all.yml" >> "$work/all.runs"
    echo $(( $(servers_cpu_ms) - servers )) >> "$work/servers.runs"
    if [ -n "$compare_flags" ]; then
        measure "one-b-$r" "$work/one.yml" compare >> "$work/one-b.runs"
        servers=$(servers_cpu_ms)
        measure "all-b-$r" "$work/all.yml" compare >> "$work/all-b.runs"
        echo $(( $(servers_cpu_ms) - servers )) >> "$work/servers-b.runs"
    fi
    [ "$floor" = no ] || openssh_floor >> "$work/floor.runs"
done

echo "fleet-scale: $hosts sshd hosts with stub agents, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
    "medians of $runs run(s)${forks:+, --forks $forks}"
row() { printf '%-36s %8s %8s  %s\n' "$@"; }
row "MEASURE" "WALL ms" "CPU ms" "NOTE"
report() { # SUFFIX NAME -> the rows of one controller
    local s=$1 name=$2 one_wall one_cpu all_wall all_cpu all_servers per_host verdict_cpu verdict_wall
    one_wall=$(cut -d' ' -f1 "$work/one$s.runs" | median)
    one_cpu=$(cut -d' ' -f2 "$work/one$s.runs" | median)
    all_wall=$(cut -d' ' -f1 "$work/all$s.runs" | median)
    all_cpu=$(cut -d' ' -f2 "$work/all$s.runs" | median)
    all_servers=$(median < "$work/servers$s.runs")
    per_host=$(awk -v a="$all_cpu" -v b="$one_cpu" -v n="$hosts" 'BEGIN { printf "%.1f", (a - b) / (n - 1) }')
    verdict_cpu=$(awk -v p="$per_host" 'BEGIN { print (p < 20 ? "target < 20 ms: ok" : "target < 20 ms: ABOVE") }')
    verdict_wall=$(awk -v w="$all_wall" 'BEGIN { print (w < 5000 ? "target < 5000 ms: ok" : "target < 5000 ms: ABOVE") }')
    echo "controller: $name"
    row "no-op apply, 1 host" "$one_wall" "$one_cpu" "the controller's fixed cost: JVM, classes, 1 session"
    row "no-op apply, $hosts hosts" "$all_wall" "$all_cpu" "$verdict_wall"
    row "  controller CPU per more host" "" "$per_host" "$verdict_cpu"
    row "  servers' CPU, $hosts hosts" "" "$all_servers" "sshd, shells, stub agents: $((all_servers / hosts)) ms per host"
    row "  all runs (wall cpu), 1 host" "" "" "$(tr '\n' ';' < "$work/one$s.runs")"
    row "  all runs (wall cpu), $hosts hosts" "" "" "$(tr '\n' ';' < "$work/all$s.runs")"
    last_all_wall=$all_wall
}
report "" "${java_flags:-bin/rootfleet}"
if [ "$floor" = yes ]; then
    floor_wall=$(cut -d' ' -f1 "$work/floor.runs" | median)
    floor_servers=$(cut -d' ' -f2 "$work/floor.runs" | median)
    ratio=$(awk -v a="$last_all_wall" -v f="$floor_wall" 'BEGIN { printf "%.2f", a / f }')
    row "floor: $hosts OpenSSH clients, ${forks:-$hosts} at once" "$floor_wall" "" "servers' CPU $floor_servers ms; no controller"
    row "  controller wall / floor wall" "$ratio" "" "what the controller adds to what the servers allow"
    row "  all runs (wall servers), floor" "" "" "$(tr '\n' ';' < "$work/floor.runs")"
fi
[ -z "$compare_flags" ] || report -b "java $compare_flags -jar ${compare_jar:-the same jar} (--compare)"
