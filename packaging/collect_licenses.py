"""Gather the licences of everything ThinkDesk ships into resources/licenses/.

Writes one text file per component and ``components.json`` (what the About dialog lists).
The Python packages are the runtime dependency closure of pyproject.toml's dependencies plus
any distribution a ``desktop`` module imports, as installed in the running environment; the
components pip does not know about (Python, Qt, llama.cpp, SQLite, the OpenMP runtime, the
model families) are described here by hand.

    .venv/bin/python packaging/collect_licenses.py           # regenerate
    .venv/bin/python packaging/collect_licenses.py --check   # fail if a shipped package is missing

The bundle build runs ``--check`` in the build venv, so a new dependency cannot ship unlisted.
"""

from __future__ import annotations

import argparse
import ast
import importlib.metadata as md
import json
import re
import sys
from pathlib import Path

import tomllib
from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "licenses"
COMMON = Path("/usr/share/common-licenses")
# Build-time or test-only distributions that never end up in the bundle.
NOT_SHIPPED = {"thinkdesk", "pip", "setuptools", "wheel", "pyinstaller", "packaging"}
# Metadata that says only "BSD" or a free-form name; the SPDX id from the project's licence file.
SPDX_FIXES = {"jinja2": "BSD-3-Clause", "diskcache": "Apache-2.0", "gguf": "MIT"}

MIT = """MIT License

Copyright (c) {holder}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

QT_NOTE = """Qt 6 and Qt for Python (PySide6, shiboken6)
Copyright (C) The Qt Company Ltd. and other contributors.

ThinkDesk uses Qt and PySide6 under the GNU Lesser General Public License v3
(LGPL-3.0-only). The Qt and PySide6 libraries are shipped unmodified as separate
shared libraries in the installation folder (PySide6/ and its Qt/lib or *.dll files),
so you may replace them with your own builds of the same version. The source code is
available from https://code.qt.io/ and https://download.qt.io/official_releases/.

The complete texts of the LGPL-3.0 and of the GPL-3.0 it refers to follow.

"""

SQLITE_NOTE = """SQLite
https://sqlite.org/

The author disclaims copyright to this source code. In place of a legal notice,
here is a blessing:

    May you do good and not evil.
    May you find forgiveness for yourself and forgive others.
    May you share freely, never taking more than you give.

SQLite is in the public domain (https://sqlite.org/copyright.html). ThinkDesk uses it
through Python's sqlite3 module for the chat history and its full-text search (FTS5).
"""

GOMP_NOTE = """OpenMP runtime
Linux bundles ship libgomp (GCC's OpenMP runtime), licensed under the GNU General
Public License v3 with the GCC Runtime Library Exception 3.1, which allows it to be
used by programs under any licence. Windows builds use Microsoft's OpenMP runtime
(vcomp140.dll), a redistributable part of the Visual C++ runtime.
https://gcc.gnu.org/onlinedocs/libstdc++/manual/license.html

"""

MODELS_NOTE = """Models

ThinkDesk does not ship model weights; it downloads or imports them on request. The
models it is made for carry these licences:

- DeepSeek-R1-Distill-Qwen-1.5B and -7B: MIT License, Copyright (c) 2023 DeepSeek.
  The weights may be used commercially and modified, including for further distillation.
  https://huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B
- They are fine-tuned from Qwen2.5-Math-1.5B and Qwen2.5-Math-7B, licensed under the
  Apache License 2.0 by the Qwen team, Alibaba Cloud.
  https://huggingface.co/Qwen/Qwen2.5-Math-7B
- The GGUF conversions in the catalog (unsloth, bartowski and others) keep these licences.

The complete MIT text (DeepSeek) and Apache License 2.0 text (Qwen) follow.

"""


def _common(name: str) -> str:
    path = COMMON / name
    return path.read_text(encoding="utf-8") if path.is_file() else f"[{name}: see spdx.org]\n"


def _license_of(dist: md.Distribution) -> str:
    if _key(dist.metadata["Name"]) in SPDX_FIXES:
        return SPDX_FIXES[_key(dist.metadata["Name"])]
    meta = dist.metadata
    expr = meta.get("License-Expression") or ""
    if expr:
        return expr
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) < 60:
        return text
    for classifier in meta.get_all("Classifier") or []:
        if classifier.startswith("License :: OSI Approved :: "):
            return classifier.rsplit(" :: ", 1)[-1].replace(" License", "")
    return "see licence text"


def _license_text(dist: md.Distribution) -> str:
    texts = []
    for file in dist.files or []:
        name = file.name.upper()
        if ".dist-info" in str(file) and re.match(r"(LICEN[CS]E|COPYING|NOTICE)", name):
            try:
                texts.append(file.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                continue
    if texts:
        return "\n\n".join(texts)
    if "MIT" in _license_of(dist):
        author = dist.metadata.get("Author") or dist.metadata.get("Author-email") or "the authors"
        return MIT.format(holder=re.sub(r"\s*<.*?>", "", author))
    return ""


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported_distributions() -> set[str]:
    """Distributions whose top-level modules ``desktop`` imports."""
    modules: set[str] = set()
    for path in (ROOT / "desktop").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module.split(".")[0])
    owners = md.packages_distributions()
    return {_key(d) for m in modules for d in owners.get(m, [])}


def shipped_distributions() -> dict[str, md.Distribution]:
    """Installed distributions the app needs at run time, by normalised name."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    todo = [Requirement(r).name for r in deps["dependencies"]]
    todo += sorted(_imported_distributions())
    env = {**default_environment(), "extra": ""}
    found: dict[str, md.Distribution] = {}
    while todo:
        key = _key(todo.pop())
        if key in found or key in NOT_SHIPPED:
            continue
        try:
            dist = md.distribution(key)
        except md.PackageNotFoundError:
            continue
        found[key] = dist
        for raw in dist.requires or []:
            req = Requirement(raw)
            if req.marker is None or req.marker.evaluate(env):
                todo.append(req.name)
    return found


def _entry(name: str, version: str, spdx: str, file: str, kind: str, **extra: str) -> dict:
    return {"name": name, "version": version, "license": spdx, "file": file, "kind": kind, **extra}


def collect() -> list[dict]:
    """Write the licence texts; return the components.json entries."""
    OUT.mkdir(parents=True, exist_ok=True)
    entries = []
    py = f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"
    py_license = Path(sys.base_prefix) / "lib" / f"python{py.rsplit('.', 1)[0]}" / "LICENSE.txt"
    if not py_license.is_file():
        py_license = Path(sys.base_prefix) / "LICENSE.txt"
    if py_license.is_file():
        (OUT / "python.txt").write_text(py_license.read_text(encoding="utf-8"), encoding="utf-8")
    entries.append(
        _entry("Python", py, "PSF-2.0", "python.txt", "runtime", url="https://python.org")
    )
    qt_text = QT_NOTE + _common("LGPL-3") + "\n\n" + _common("GPL-3")
    (OUT / "qt-pyside6.txt").write_text(qt_text, encoding="utf-8")
    entries.append(_entry("Qt 6 / PySide6", "", "LGPL-3.0-only", "qt-pyside6.txt", "runtime",
                          distribution="pyside6-essentials", url="https://www.qt.io"))  # fmt: skip
    # llama.cpp's own MIT licence travels in llama-cpp-python's sdist (vendor/llama.cpp/LICENSE);
    # it is copied into resources/licenses/llama.cpp.txt by hand when llama.cpp is updated.
    llama_url = "https://github.com/ggml-org/llama.cpp"
    entries.append(_entry("llama.cpp (ggml)", "", "MIT", "llama.cpp.txt", "runtime",
                          distribution="llama-cpp-python", url=llama_url))  # fmt: skip
    (OUT / "sqlite.txt").write_text(SQLITE_NOTE, encoding="utf-8")
    import sqlite3

    entries.append(_entry("SQLite", sqlite3.sqlite_version, "blessing (public domain)",
                          "sqlite.txt", "runtime", url="https://sqlite.org"))  # fmt: skip
    gomp = GOMP_NOTE + _gcc_exception()
    (OUT / "openmp-runtime.txt").write_text(gomp, encoding="utf-8")
    entries.append(_entry("OpenMP runtime (libgomp)", "", "GPL-3.0-or-later WITH GCC-exception-3.1",
                          "openmp-runtime.txt", "runtime"))  # fmt: skip
    for key, dist in sorted(shipped_distributions().items()):
        if key in ("pyside6-essentials", "shiboken6"):
            continue  # covered by the Qt entry
        text = _license_text(dist)
        file = f"{key}.txt"
        if text:
            (OUT / file).write_text(text, encoding="utf-8")
        name = dist.metadata["Name"].replace("_", "-")
        entries.append(_entry(name, dist.version, _license_of(dist), file, "library",
                              distribution=key))  # fmt: skip
    fonts = ROOT / "resources" / "fonts"
    for text_file in sorted(fonts.rglob("*")) if fonts.is_dir() else []:
        if re.match(r"(OFL|LICEN[CS]E|COPYING)", text_file.name.upper()):
            file = f"font-{text_file.parent.name}.txt"
            (OUT / file).write_text(text_file.read_text(encoding="utf-8"), encoding="utf-8")
            spdx = "OFL-1.1" if "OFL" in text_file.name.upper() else "see licence text"
            entries.append(_entry(f"{text_file.parent.name} font", "", spdx, file, "font"))
    deepseek = MIT.format(holder="2023 DeepSeek")
    models = MODELS_NOTE + deepseek + "\n\n" + _common("Apache-2.0")
    (OUT / "models.txt").write_text(models, encoding="utf-8")
    entries.append(_entry("DeepSeek-R1-Distill-Qwen models", "", "MIT", "models.txt", "model"))
    entries.append(_entry("Qwen2.5-Math base models", "", "Apache-2.0", "models.txt", "model"))
    return entries


def _gcc_exception() -> str:
    copyright_file = Path("/usr/share/doc/libgomp1/copyright")
    if copyright_file.is_file():
        text = copyright_file.read_text(encoding="utf-8")
        start = text.find("GCC RUNTIME LIBRARY EXCEPTION")
        if start >= 0:
            return text[start:]
    existing = OUT / "openmp-runtime.txt"
    if existing.is_file():  # keep what an earlier run on a Debian machine found
        return existing.read_text(encoding="utf-8").split(GOMP_NOTE, 1)[-1]
    return (
        "GCC Runtime Library Exception 3.1: https://www.gnu.org/licenses/gcc-exception-3.1.html\n"
    )


def check() -> list[str]:
    """Shipped distributions missing from components.json or without a licence file."""
    listed = json.loads((OUT / "components.json").read_text(encoding="utf-8"))["components"]
    names = {c.get("distribution") for c in listed}
    problems = []
    for key in shipped_distributions():
        if key in ("pyside6-essentials", "shiboken6"):
            continue
        if key not in names:
            problems.append(f"{key}: not in resources/licenses/components.json")
        elif not (OUT / f"{key}.txt").is_file():
            problems.append(f"{key}: no licence text")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only verify; change nothing")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for problem in problems:
            print(f"collect_licenses: {problem}", file=sys.stderr)
        if problems:
            print("collect_licenses: run packaging/collect_licenses.py", file=sys.stderr)
        return 1 if problems else 0
    entries = collect()
    text = json.dumps({"components": entries}, ensure_ascii=False, indent=1) + "\n"
    (OUT / "components.json").write_text(text, encoding="utf-8")
    print(f"wrote {len(entries)} components to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
