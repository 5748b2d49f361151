#!/bin/sh
# A POSIX shell script that branches on `roi status` and `roi kpi`.
# Usage: weekly-digest.sh GOAL_ID [ROI.TOML]; ROI names the binary (default: roi).
# Exit code: 0 when the goal passes, 1 when it fails, 2 on errors.
set -eu

goal=${1:?usage: weekly-digest.sh GOAL_ID [ROI.TOML]}
config=${2:-roi.toml}
roi=${ROI:-roi}
as_of=${AS_OF:+--as-of "$AS_OF"}

# `roi status` prints one word; its exit code is 1 when the goal fails. Capture
# both without letting `set -e` stop the script.
code=0
status=$($roi status "$goal" --config "$config" $as_of) || code=$?
if [ "$code" -eq 2 ]; then
    echo "roi could not evaluate $goal" >&2
    exit 2
fi

# `roi kpi` prints a plain number (or n/a) that the shell and awk can compare.
cpl=$($roi kpi cpl --config "$config" --where platform=facebook)

case $status in
    achieved)           echo "$goal: done" ;;
    on_track)           echo "$goal: on track" ;;
    at_risk)            echo "$goal: at risk, look at it this week" ;;
    behind | missed)    echo "$goal: $status" ;;
    not_started | no_data) echo "$goal: nothing to judge yet ($status)" ;;
esac

if [ "$cpl" != "n/a" ] && awk -v v="$cpl" 'BEGIN { exit !(v > 5) }'; then
    echo "Facebook cost per lead is $cpl, above 5"
fi
exit "$code"
