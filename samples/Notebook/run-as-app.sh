#!/usr/bin/env bash
# Runs the notebook's C# cells as a .NET 10 file-based app (no notebook kernel needed), against the local feed.
#   samples/Notebook/run-as-app.sh                 # after nuget/pack.sh; app in samples/Notebook/out/
#   ELRGNN_EPOCHS=3 samples/Notebook/run-as-app.sh
#   ELRGNN_VERSION=0.1.0-ci.1 ELRGNN_FEED=/tmp/feed samples/Notebook/run-as-app.sh OUT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/out}"
args=("$here/ElrGnnQuickStart.ipynb" "$out")
[ -n "${ELRGNN_VERSION:-}" ] && args+=(--version "$ELRGNN_VERSION")
[ -n "${ELRGNN_FEED:-}" ] && args+=(--feed "$ELRGNN_FEED")
python3 "$here/notebook_to_app.py" "${args[@]}" >/dev/null
cd "$out"
# Build output beside the app, not in ~/.local/share/dotnet/runfile (about 1.5 GB per package version, never removed).
exec dotnet run --artifacts-path "$out/artifacts" app.cs
