#!/usr/bin/env bash
# Refreshes models/ from a botocore installation: every service's data, in botocore's own layout
# and file names (compressed files stay compressed), plus botocore's NOTICE and LICENSE.
#
#   tools/models/refresh.sh [PYTHON]      PYTHON defaults to python3; it must import botocore.
#
# After a refresh, conformance/endpoint-rules must come from the same botocore release.
set -euo pipefail
python=${1:-python3}
here=$(cd "$(dirname "$0")/../.." && pwd)
data=$("$python" -c 'import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), "data"))')
version=$("$python" -c 'import botocore; print(botocore.__version__)')
dist=$("$python" - <<'PY'
import importlib.metadata as m
d = m.distribution("botocore")
print(d._path if hasattr(d, "_path") else "")
PY
)
[ -d "$data" ] || { echo "refresh: no botocore data folder at $data" >&2; exit 1; }
tmp=$(mktemp -d "$here/models.new.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -r "$data/." "$tmp/"
find "$tmp" -name '__pycache__' -prune -exec rm -rf {} +
for f in NOTICE LICENSE.txt; do
  [ -n "$dist" ] && [ -f "$dist/$f" ] && cp "$dist/$f" "$tmp/$f"
done
echo "$version" > "$tmp/BOTOCORE_VERSION"
rm -rf "$here/models"
mv "$tmp" "$here/models"
trap - EXIT
echo "models/: botocore $version, $(find "$here/models" -name 'service-2.json*' | wc -l) service models"
