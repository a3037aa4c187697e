#!/usr/bin/env bash
# Shows that `make cross` catches a byte-order assumption (issue 17): a copy of the committed tree
# in which rpc_timeout_never_expires() reads the first four bytes of its int64_t argument as if
# they were the low half (true on little-endian machines only) must fail on s390x, the one
# big-endian target, and pass everywhere else. Exit status 0 when exactly that happens.
set -uo pipefail
cd "$(dirname "$0")/.."
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
git archive HEAD | tar -x -C "$copy"
sed -i 's/^    timeout_ms == 0$/    timeout_ms.to_ne_bytes()[..4] == [0; 4] \&\& (timeout_ms >> 32) == 0/' "$copy/src/timeout.rs"
grep -q 'to_ne_bytes()\[..4\]' "$copy/src/timeout.rs" || { echo "planted-endian-bug: the plant did not apply" >&2; exit 2; }
echo "planted in a copy ($copy): $(grep -n 'to_ne_bytes' "$copy/src/timeout.rs")"
summary=$(CARGO_TARGET_DIR="$copy/target" "$copy/cross/run.sh" 2>&1 | tee "$copy/run.log" | sed -n '/^target  /,$p')
echo "$summary"
failing=$(awk 'NR > 1 && $1 ~ /-/ && $4 > 0 {print $1}' <<<"$summary" | tr '\n' ' ')
echo "targets with failures: ${failing:-none}"
grep '^FAIL' "$copy/run.log" || true
[ "$failing" = "s390x-unknown-linux-gnu " ]
