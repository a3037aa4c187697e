#!/usr/bin/env bash
# `make fuzz-planted`: shows that the fuzz targets find what matters. Three bugs are planted, each
# in a copy of the committed tree (HEAD), and each must be found by its target within CI's budget
# (FUZZ_SECONDS, default 30; .ci/run gives a target 20), once from the committed seeds and
# once from an empty corpus. Prints the time each took; exit status 0 when every one is found.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
seconds=${FUZZ_SECONDS:-30}
failed=0

# One plant: what it breaks, the target that must find it, the file, its text, the planted text.
plant() {
  local what=$1 target=$2 file=$3 from=$4 to=$5 copy status output line from_seeds label
  copy=$(mktemp -d)
  git archive HEAD | tar -x -C "$copy"
  if ! FROM="$from" TO="$to" python3 - "$copy/$file" <<'PY'
import os, sys
path = sys.argv[1]
text = open(path).read()
old, new = os.environ["FROM"], os.environ["TO"]
if text.count(old) != 1:
    sys.exit(f"the plant does not apply once to {path}: {old!r}")
open(path, "w").write(text.replace(old, new))
PY
  then
    failed=1; rm -rf "$copy"; return
  fi
  for from_seeds in 1 0; do
    label=$([ $from_seeds = 1 ] && echo "from the seeds" || echo "from an empty corpus")
    output=$(cd "$copy" && CARGO_TARGET_DIR="$copy/target" FUZZ_SEEDS=$from_seeds FUZZ_TARGETS=$target \
      FUZZ_SECONDS=$seconds bash tools/fuzz/run.sh 2>&1)
    status=$?
    line=$(grep -E "^$target " <<<"$output")
    if [ $status = 1 ] && grep -q FINDING <<<"$line"; then
      echo "planted: $what: found by $target $label, $(sed -n 's/.*FINDING after \([0-9.]* s\).*/\1/p' <<<"$line")"
      grep -m 1 DISAGREEMENT "$copy/target/fuzz/$target.log" | cut -c 1-200 | sed 's/^/planted:   /'
    else
      echo "planted: $what: NOT found by $target $label within $seconds s"
      failed=1
    fi
  done
  rm -rf "$copy"
}

plant "a 128-byte name accepted" worker_name src/worker.rs \
  "    if len >= WORKER_NAME_MAX_LEN {" "    if len > WORKER_NAME_MAX_LEN {"
plant "the classifier reads past the first NUL" classify_rpc_error src/message.rs \
  "    let text = given.split(|&b| b == 0).next().unwrap_or(&[]);" "    let text = given;"
plant "the RPC error formatter writes one byte past its capacity" format_rpc_error src/message.rs \
  "        return RPC_ERR_MESSAGE_TOO_LONG as i32;
    }
    let mut w = Writer { buf: buf.cast(), room: capacity.saturating_sub(1), len: 0 };" \
  "        return RPC_ERR_MESSAGE_TOO_LONG as i32;
    }
    let mut w = Writer { buf: buf.cast(), room: capacity, len: 0 };"
exit $failed
