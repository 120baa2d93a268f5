#!/bin/sh
# pith as a Hadoop Streaming or Spark pipe() mapper: JSON Lines in on standard input (one
# page a line, {"id", "url", "html"}), one JSON Lines record out per line, in order.
# pith exits 1 when some records failed; those failures are error records in the output,
# so for the job they are results, not a failed task. Any other status (2: a usage or
# rule error, a crash) fails the task. Flags given to this script are passed on
# (--html-field, --only ...). PITH names the binary (default: ./pith, as -files ships it).
"${PITH:-./pith}" --input-format jsonl --format jsonl --quiet "$@"
status=$?
[ "$status" -le 1 ] || exit "$status"
