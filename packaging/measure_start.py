"""Time from starting a program to its main window being visible on the X display.

    xvfb-run -a python packaging/measure_start.py [--title ThinkDesk] -- dist/thinkdesk/thinkdesk

Starts the command, polls the X server (``xwininfo``, from Debian's x11-utils) until a
top-level window whose title contains ``--title`` is mapped and viewable, then ends the
program and prints one JSON line: ``{"seconds": 0.84, "window": "ThinkDesk"}``. Exit 1 if no
window appeared within ``--timeout`` seconds. ``--drop-caches`` (root only) empties the page
cache first, for a true cold start.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time

_WINDOW_LINE = re.compile(r'^\s*(0x[0-9a-f]+) "([^"]*)".*?(\d+)x(\d+)[+-]', re.MULTILINE)


def visible_window(title: str) -> str | None:
    """The name of a mapped, viewable window (larger than a tooltip) whose title has ``title``."""
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree"], capture_output=True, text=True, check=False
    ).stdout
    for window_id, name, width, height in _WINDOW_LINE.findall(tree):
        if title not in name or int(width) < 200 or int(height) < 150:
            continue
        info = subprocess.run(
            ["xwininfo", "-id", window_id], capture_output=True, text=True, check=False
        ).stdout
        if "IsViewable" in info:
            return name
    return None


def measure(command: list[str], title: str, timeout: float) -> dict[str, object]:
    """Start ``command``; return how long until its window was visible (seconds: None if never)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    result: dict[str, object] = {"seconds": None, "window": None}
    try:
        while time.perf_counter() - started < timeout:
            name = visible_window(title)
            if name is not None:
                result = {"seconds": round(time.perf_counter() - started, 3), "window": name}
                break
            if child.poll() is not None:
                result["exit_code"] = child.returncode
                break
            time.sleep(0.02)
    finally:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        stderr = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
        if result["seconds"] is None:
            result["stderr"] = stderr[-2000:]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--title", default="ThinkDesk")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--drop-caches", action="store_true")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to start after --")
    if not os.environ.get("DISPLAY"):
        parser.error("no DISPLAY: run under xvfb-run -a")
    if args.drop_caches:
        subprocess.run(["sync"], check=False)
        with open("/proc/sys/vm/drop_caches", "w") as caches:
            caches.write("3\n")
    result = measure(command, args.title, args.timeout)
    print(json.dumps(result))
    return 0 if result["seconds"] is not None else 1


if __name__ == "__main__":
    sys.exit(main())
