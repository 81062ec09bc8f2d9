#!/usr/bin/env python3
"""How long a teacher waits for the first question of `findable audit`.

Runs the release binary in a pseudo-terminal (80x24), as a person would, and times from
start until the first question is on the screen: the platform picker on a first run, and
the next setting on a resume (a saved answers file with the platforms already chosen).
Prints a Markdown table of the median and worst of N runs. Nothing here needs the
internet; run it on a machine without a network to measure the "no network" case.

    cargo build --release && scripts/bench-first-question.py [N]
"""

import os
import pty
import select
import statistics
import sys
import tempfile
import time

BINARY = os.path.join(os.path.dirname(__file__), "..", "target", "release", "findable")
ARGS = ["audit", "--name", "Jane Smith", "--title", "Ms", "--school", "Oakwood Academy"]


def time_until(args, marker, timeout=120.0):
    """Seconds from spawning `findable args` in a pty until `marker` is printed."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["COLUMNS"], os.environ["LINES"] = "80", "24"
        os.execv(BINARY, [BINARY] + args)
    started = time.monotonic()
    seen = b""
    try:
        while time.monotonic() - started < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
                if marker.encode() in seen:
                    return time.monotonic() - started
        raise RuntimeError(f"{marker!r} never appeared; saw: {seen[-400:]!r}")
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = []
        for i in range(runs):
            state = os.path.join(tmp, f"fresh-{i}.toml")
            fresh.append(time_until(ARGS + ["--state", state], "Which of these do you use?"))
        rows.append(("first run: the platform picker", fresh))
        state = os.path.join(tmp, "resume.toml")
        with open(state, "w") as f:
            f.write('uses = ["tiktok", "instagram", "facebook", "whatsapp"]\n')
        resumed = [time_until(ARGS + ["--state", state], "Setting ") for _ in range(runs)]
        rows.append(("resume: the next setting", resumed))
    print("| first question | median | worst |")
    print("|---|---|---|")
    for label, times in rows:
        print(f"| {label} | {statistics.median(times):.2f} s | {max(times):.2f} s |")


if __name__ == "__main__":
    main()
