#!/usr/bin/env bash
# A tebiki site of the fair corpus, for the benchmarks that take a site (serve-latency.py,
# serve-soak.py, the rebuild-bench example, TEBIKI_TIMINGS profiles).
#
#   bench/fair-site.sh SITE N [code|plain]
#
# Writes the corpus of N page pairs (gen_corpus.py, seed 42; with `code` or `plain` the code
# blocks of add_code.py) to SITE.corpus (Hugo builds that folder as it is), converts it into the
# tebiki site SITE (to_tebiki.py) and stamps its translations with TEBIKI (default: this
# checkout's target/release/tebiki), so that the site checks without warnings.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SITE=${1:?usage: fair-site.sh SITE N [code|plain]}
N=${2:?usage: fair-site.sh SITE N [code|plain]}
VARIANT=${3:-}
TEBIKI=${TEBIKI:-$HERE/../target/release/tebiki}
case $VARIANT in
    code | plain | '') ;;
    *) echo "fair-site.sh: the variant is \`code\` or \`plain\`, not \`$VARIANT\`" >&2; exit 2 ;;
esac

rm -rf "$SITE" "$SITE.corpus"
python3 "$HERE/gen_corpus.py" "$SITE.corpus" "$N" --seed 42 >/dev/null
case $VARIANT in
    code) python3 "$HERE/add_code.py" "$SITE.corpus" ;;
    plain) python3 "$HERE/add_code.py" "$SITE.corpus" --plain ;;
esac
python3 "$HERE/to_tebiki.py" "$SITE.corpus" "$SITE"
"$TEBIKI" --root "$SITE" stamp --all >/dev/null 2>&1
echo "fair-site.sh: $N page pairs in $SITE (Hugo's input: $SITE.corpus)"
