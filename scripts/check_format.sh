#!/usr/bin/env bash
# Fails, listing them, when tracked C++ files differ from what clang-format makes of them with
# the repository's .clang-format. Usage: scripts/check_format.sh [clang-format binary]
# (default: $CLANG_FORMAT, else clang-format-14, else clang-format; the style was measured
# with version 14, and other major versions format some constructs differently).
# To fix: clang-format -i <files listed>.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tool="${1:-${CLANG_FORMAT:-}}"
if [ -z "$tool" ]; then
  for candidate in clang-format-14 clang-format; do
    if command -v "$candidate" > /dev/null; then tool="$candidate"; break; fi
  done
fi
if [ -z "$tool" ] || ! command -v "$tool" > /dev/null; then
  echo "[format] clang-format not found (Debian: apt-get install clang-format)" >&2
  exit 2
fi

unformatted=()
while IFS= read -r -d '' file; do
  # --dry-run -Werror exits non-zero on the first replacement clang-format would make.
  "$tool" --style=file --dry-run -Werror "$file" > /dev/null 2>&1 || unformatted+=("$file")
done < <(git ls-files -z -- '*.cpp' '*.hpp' '*.h' '*.cc')

if ((${#unformatted[@]})); then
  echo "[format] ${#unformatted[@]} file(s) not formatted as .clang-format says ($("$tool" --version)):"
  printf '  %s\n' "${unformatted[@]}"
  echo "[format] fix with: $tool -i <files>"
  exit 1
fi
echo "[format] all C++ files formatted"
