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
