# Shared by the benchmark scripts: timing, and cleanup that never deletes across a mount.

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

# Deletes a benchmark directory only after unmounting what it holds and checking mountinfo.
safe_rm() {
    local dir=$1
    [ -d "$dir" ] || return 0
    awk -v d="$dir" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r | while read -r m; do
        umount "$m" || umount -l "$m"
    done
    if awk -v d="$dir" '$5 == d || index($5, d "/") == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo; then
        echo "refusing to delete $dir: a mount point is still below it" >&2
        return 1
    fi
    rm -rf --one-file-system "$dir"
}

kill_all() { # lxcpath
    local path=$1
    [ -d "$path" ] || return 0
    for c in $(lxc-ls -P "$path" --running -1 2>/dev/null); do lxc-stop -P "$path" -n "$c" --kill >/dev/null 2>&1 || true; done
}

# Starts a simulated host: a real sshd on ADDRESS, a free port, its own host key, accepting $work/authorized_keys.
# Needs $work, and the arrays sshd_pids, addresses and ports, which it fills; pins the key in $work/known_hosts.
start_sshd() { # INDEX ADDRESS -> starts it on a free port, records address and port
    local i=$1 address=$2 dir="$work/sshd-$1" port attempt pid
    mkdir -p "$dir"
    ssh-keygen -q -t ed25519 -N '' -C "bench host $i" -f "$dir/host_key"
    for attempt in 1 2 3 4 5; do
        port=$(shuf -i 20000-60999 -n 1)
        cat > "$dir/sshd_config" <<EOF
ListenAddress $address:$port
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $work/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AllowAgentForwarding no
AllowTcpForwarding no
X11Forwarding no
PrintMotd no
MaxStartups 200
LogLevel INFO
# bash, root's shell, reads ~/.bashrc for sshd's commands only as a top-level shell: with SHLVL=1 it is not, so
# a simulated host's sessions do not run this machine's shell start-up (a pyenv init: 160 ms of CPU per session)
SetEnv SHLVL=1
EOF
        /usr/sbin/sshd -D -e -f "$dir/sshd_config" >> "$dir/sshd.log" 2>&1 &
        pid=$!
        disown "$pid"  # killed by the trap, without job-control noise
        for _ in $(seq 1 100); do
            grep -q "Server listening on $address port $port" "$dir/sshd.log" && break
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.05
        done
        if kill -0 "$pid" 2>/dev/null && grep -q "Server listening on $address port $port" "$dir/sshd.log"; then
            sshd_pids+=("$pid")
            addresses[i]=$address
            ports[i]=$port
            echo "[$address]:$port $(cut -d' ' -f1,2 "$dir/host_key.pub")" >> "$work/known_hosts"
            return 0
        fi
        kill -KILL "$pid" 2>/dev/null || true
    done
    echo "bench: sshd would not start on $address; log:" >&2
    cat "$dir/sshd.log" >&2
    exit 1
}

write_stub_agent() { # FILE -> a script that stands in for the agent: reads the desired state, reports nothing to do
    printf '%s\n' '#!/bin/sh' 'cat > /dev/null' \
        'echo '"'"'{"event":"plan","check":false,"plan":[]}'"'" \
        'echo '"'"'{"event":"result","summary":{"changed":0,"failed":0,"unchanged":0,"unlisted":[],"failures":[],"millis":0}}'"'" \
        > "$1"
    chmod 755 "$1"
}

start_simulated_hosts() { # COUNT -> a client key ($work/client_ed25519) and COUNT sshd hosts on random 127.0.0.x
    mkdir -p /run/sshd
    ssh-keygen -q -t ed25519 -N '' -C 'rootfleet bench client' -f "$work/client_ed25519"
    cp "$work/client_ed25519.pub" "$work/authorized_keys"
    : > "$work/known_hosts"
    local octets i
    mapfile -t octets < <(shuf -i 10-250 -n "$1")
    addresses=()
    ports=()
    for i in $(seq 1 "$1"); do start_sshd "$i" "127.0.0.${octets[i-1]}"; done
}

servers_cpu_ms() { # -> CPU time (user + system, ms) of the sshd servers started so far and everything they ran and reaped
    local ticks=0 pid fields
    for pid in "${sshd_pids[@]}"; do
        # utime stime cutime cstime: a connection's sshd processes, shells and agents are reaped children
        read -r -a fields < <(cut -d' ' -f14-17 "/proc/$pid/stat")
        ticks=$((ticks + fields[0] + fields[1] + fields[2] + fields[3]))
    done
    echo $((ticks * 1000 / $(getconf CLK_TCK)))
}
