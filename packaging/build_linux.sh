#!/usr/bin/env bash
# Build the Linux one-folder bundle and a tar.gz with a .desktop file and icons.
#
#   packaging/build_linux.sh [--native] [--out DIR] [--no-tar]
#
#   (default)  llama.cpp built portable: GGML_NATIVE=OFF, GGML_BACKEND_DL=ON and
#              GGML_CPU_ALL_VARIANTS=ON, so every x86-64 CPU gets its best variant at run
#              time. The wheel is built once (20-40 min on 2 cores) with pip's cache off and
#              kept in $THINKDESK_BUILD_CACHE/wheels; later builds reuse it.
#   --native   reuse the ordinary llama-cpp-python from pip's cache, tuned for THIS machine's
#              CPU. For CI smoke tests only: such a bundle can crash (SIGILL) on older CPUs.
#   --out DIR  where the bundle and tar.gz go (default: dist/ in the repository)
#   --no-tar   stop after the bundle (tests use this)
#
# Everything is built in a separate venv ($THINKDESK_BUILD_CACHE/venv, default
# ~/.cache/thinkdesk-build/venv): the project's own .venv is never touched. Package versions
# follow the project's .venv when it exists (pip freeze as constraints), so the pip cache is
# warm and the bundle matches what the tests ran. Needs network access to PyPI only if a
# package is not yet in pip's cache; the resulting bundle never needs any.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${THINKDESK_BUILD_CACHE:-$HOME/.cache/thinkdesk-build}
VENV=$CACHE/venv
WHEELS=$CACHE/wheels
LLAMA_VERSION=0.3.36
PYINSTALLER_VERSION=6.22.3
PORTABLE_CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON"
OUT=$ROOT/dist
FLAVOUR=portable
MAKE_TAR=1

while [ $# -gt 0 ]; do
  case "$1" in
    --native) FLAVOUR=native ;;
    --out) OUT=$(mkdir -p "$2" && cd "$2" && pwd); shift ;;
    --no-tar) MAKE_TAR=0 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "build_linux.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

log() { printf '[build_linux %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Python for the build venv: the interpreter behind the project's .venv (same version as the
# tests), else python3. PyInstaller needs a Python built with a shared libpython.
if [ -z "${PYTHON:-}" ]; then
  if [ -f "$ROOT/.venv/pyvenv.cfg" ]; then
    PYTHON=$(sed -n 's/^executable *= *//p' "$ROOT/.venv/pyvenv.cfg")
  fi
  PYTHON=${PYTHON:-python3}
fi

mkdir -p "$CACHE" "$WHEELS"
# One build at a time per cache: parallel test runs share the build venv and PyInstaller's
# work folder.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE/build.lock"
  flock 9
fi
if [ ! -x "$VENV/bin/python" ]; then
  log "creating the build venv $VENV"
  "$PYTHON" -m venv "$VENV"
fi
PIP=("$VENV/bin/python" -m pip --disable-pip-version-check)

# 1. llama-cpp-python: portable wheel (never through pip's cache: its key ignores CMAKE_ARGS)
#    or, with --native, the ordinary one pip has cached.
if [ "$FLAVOUR" = portable ]; then
  wheel=$(ls "$WHEELS"/llama_cpp_python-"$LLAMA_VERSION"-*.whl 2>/dev/null | head -n 1 || true)
  if [ -z "$wheel" ]; then
    log "building portable llama-cpp-python $LLAMA_VERSION (20-40 minutes on 2 cores)"
    started=$(date +%s)
    CMAKE_ARGS="$PORTABLE_CMAKE_ARGS" CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)} \
      "${PIP[@]}" wheel --no-cache-dir --no-deps -w "$WHEELS" "llama-cpp-python==$LLAMA_VERSION"
    log "portable wheel built in $(( $(date +%s) - started )) s"
    wheel=$(ls "$WHEELS"/llama_cpp_python-"$LLAMA_VERSION"-*.whl | head -n 1)
  fi
  llama_spec=$wheel
else
  llama_spec="llama-cpp-python==$LLAMA_VERSION"
fi
marker=$VENV/.thinkdesk-llama
if [ "$(cat "$marker" 2>/dev/null)" != "$FLAVOUR $llama_spec" ]; then
  log "installing llama-cpp-python ($FLAVOUR) into the build venv"
  if [ "$FLAVOUR" = native ]; then
    env -u CMAKE_ARGS "${PIP[@]}" install --force-reinstall --no-deps "$llama_spec"
  else
    "${PIP[@]}" install --no-cache-dir --force-reinstall --no-deps "$llama_spec"
  fi
  echo "$FLAVOUR $llama_spec" > "$marker"
fi

# 2. The app's dependencies and PyInstaller, pinned to the project's .venv when there is one.
constraints=$CACHE/constraints.txt
: > "$constraints"
if [ -x "$ROOT/.venv/bin/python" ]; then
  "$ROOT/.venv/bin/python" -m pip freeze --exclude-editable 2>/dev/null \
    | grep -viE '^(llama[-_]cpp[-_]python|thinkdesk)[=@ ]' > "$constraints" || true
fi
log "installing the app's dependencies and PyInstaller $PYINSTALLER_VERSION"
env -u CMAKE_ARGS "${PIP[@]}" install -q -c "$constraints" \
  "pyinstaller==$PYINSTALLER_VERSION" -e "$ROOT"
"$VENV/bin/python" -c "import llama_cpp, PySide6; print('llama-cpp-python', llama_cpp.__version__, '/ PySide6', PySide6.__version__)"

# 3. Every shipped package must have its licence in resources/licenses.
"$VENV/bin/python" "$ROOT/packaging/collect_licenses.py" --check

# 4. The bundle.
log "running PyInstaller"
started=$(date +%s)
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN \
  --distpath "$OUT" --workpath "$CACHE/pyinstaller-work" "$ROOT/packaging/thinkdesk.spec"
BUNDLE=$OUT/thinkdesk
echo "$FLAVOUR" > "$BUNDLE/_internal/llama-build-flavour.txt"
log "bundle ready in $(( $(date +%s) - started )) s: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))"

# 5. The tar.gz: the bundle, the .desktop file, icons and a per-user install script.
if [ "$MAKE_TAR" = 1 ]; then
  version=$("$VENV/bin/python" -c "import desktop; print(desktop.__version__)")
  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' EXIT
  name=thinkdesk-$version-linux-x86_64
  mkdir -p "$stage/$name"
  cp -a "$BUNDLE" "$stage/$name/thinkdesk"
  cp "$ROOT/packaging/thinkdesk.desktop" "$ROOT/packaging/install.sh" "$stage/$name/"
  cp "$ROOT/resources/icons/thinkdesk.svg" "$ROOT/resources/icons/thinkdesk-256.png" "$stage/$name/"
  chmod +x "$stage/$name/install.sh"
  tar -C "$stage" -czf "$OUT/$name.tar.gz" "$name"
  log "archive: $OUT/$name.tar.gz ($(du -h "$OUT/$name.tar.gz" | cut -f1))"
fi
echo "$BUNDLE"
