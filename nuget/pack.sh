#!/usr/bin/env bash
# Packs ElrGnn.MLNet, ElrGnn.MLNet.Embeddings, ElrGnn.MLNet.Hosting and ElrGnn.MLNet.Orleans (Release, .nupkg + .snupkg)
# into a local feed.
#
#   nuget/pack.sh                        # version from Directory.Build.props, feed nuget/feed/
#   nuget/pack.sh 0.1.0-dev.3            # another version
#   nuget/pack.sh 0.1.0 /tmp/feed        # another feed folder
#
# Re-packing a version that a restore already extracted would leave the stale copy in the global packages folder
# (~/.nuget/packages, or $NUGET_PACKAGES); this script removes those two package folders for the version it packs,
# so the next restore of a sample takes the fresh package.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
version="${1:-}"
feed="${2:-$here/feed}"
mkdir -p "$feed"
feed="$(cd "$feed" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

props=()
if [ -n "$version" ]; then
  props+=("-p:Version=$version")
else
  version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -n 1)"
fi

# Each package project references the library, so packing builds it; packing them together makes the dependencies exact.
for project in ElrGnn.MLNet ElrGnn.MLNet.Embeddings ElrGnn.MLNet.Hosting ElrGnn.MLNet.Orleans; do
  dotnet pack "$root/src/$project/$project.csproj" -c Release -o "$feed" -p:PackageOutputPath="$feed/" "${props[@]}" --nologo -v:q -clp:NoSummary
done

cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
for id in elrgnn.mlnet elrgnn.mlnet.embeddings elrgnn.mlnet.hosting elrgnn.mlnet.orleans; do
  lower="$(echo "$version" | tr '[:upper:]' '[:lower:]')"
  rm -rf "${cache:?}/$id/$lower"
done

echo "packed ElrGnn.MLNet, .Embeddings, .Hosting and .Orleans $version into $feed"
ls -1 "$feed" | grep -F "$version" || true
