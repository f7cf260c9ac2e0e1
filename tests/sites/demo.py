"""`make demo`: ICS Watch against the replica web, as far as the project goes today.

Starts the replica ICS websites on loopback, then runs the real `icswatch` commands: validate, list and
check the sources, crawl and archive every system, show a system's history and a plan's text; then moves
the replica web to its next state (plans refreshed, a document moved, a site down), crawls again,
lists the changes that touch children's commitments and writes the weekly digest (HTML and text).
Writes only under the data directory (default ./data/demo).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

from . import ReplicaWeb


def icswatch(sources: Path, data_dir: Path, *args: str, expect: int = 0, quiet: bool = False) -> str:
    """Run the real command line in a child process, show its output, and check its exit status."""
    command = [sys.executable, "-m", "monitor", "--sources", str(sources), "--data-dir", str(data_dir), *args]
    if not quiet:
        print(f"\n$ icswatch {' '.join(args)}", flush=True)
    result = subprocess.run(command, capture_output=True, text=True)
    if not quiet:
        shown = result.stdout.rstrip() or "\n".join(  # `digest --out` says what it wrote on stderr
            line for line in result.stderr.splitlines() if line.startswith("wrote "))
        if shown:
            print(shown)
    if result.returncode != expect:
        print(result.stderr, file=sys.stderr)
        raise SystemExit(f"demo: `icswatch {' '.join(args)}` exited {result.returncode}, expected {expect}")
    return result.stdout


def first_version(history_json: str, doc_type: str) -> str:
    documents = json.loads(history_json)["documents"]
    return next(d for d in documents if d["doc_type"] == doc_type)["versions"][-1]["version_id"]


def fresh_demo_dir(data_dir: Path) -> None:
    """Start each demo from nothing (the replica's ports change every run), but only ever clear a
    folder an earlier demo made: one holding the replica's sources file."""
    if data_dir.exists() and any(data_dir.iterdir()):
        if not (data_dir / "replica_sources.yaml").exists():
            raise SystemExit(f"demo: {data_dir} is not empty and was not made by the demo; choose another --data-dir")
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)


def run_demo(data_dir: Path) -> None:
    fresh_demo_dir(data_dir)
    print("Starting the replica web: three fictional ICS systems on five loopback hosts (127.0.0.11-15).")
    with ReplicaWeb(state="v1", workdir=data_dir) as web:
        sources = web.sources_path
        icswatch(sources, data_dir, "sources", "validate")
        icswatch(sources, data_dir, "sources", "list")
        icswatch(sources, data_dir, "sources", "check", "--all")
        icswatch(sources, data_dir, "crawl")
        history = icswatch(sources, data_dir, "history", "severn", "--json", quiet=True)
        icswatch(sources, data_dir, "history", "severn")
        jfp = first_version(history, "joint_forward_plan")
        text = icswatch(sources, data_dir, "show", jfp, "--text", quiet=True).splitlines()
        print(f"\n$ icswatch show {jfp} --text   (first 12 of {len(text)} lines)")
        print("\n".join(text[:12]))

        print("\nThe replica web moves on: Severn refreshes its JFP in place and its strategy at a new URL,")
        print("an easy read version appears, Eastmarsh's strategy moves, and Northfell's site goes down.")
        web.switch("v2")
        icswatch(sources, data_dir, "crawl", expect=3)  # exit 3: the run completed, a source failed
        icswatch(sources, data_dir, "history", "severn")
        icswatch(sources, data_dir, "changes", "--since", "1d", "--relevant")
        html, text = data_dir / "digest.html", data_dir / "digest.txt"
        icswatch(sources, data_dir, "digest", "--since", "1d", "--format", "html", "--out", str(html))
        icswatch(sources, data_dir, "digest", "--since", "1d", "--format", "text", "--out", str(text))
    print(f"\nDemo finished. The archive is in {data_dir.resolve()}.")
    print(f"The weekly digest is in {html.resolve()} (open it in a browser) and {text.resolve()}.")
    print(explore_commands(data_dir, jfp))


def explore_commands(data_dir: Path, version_id: str) -> str:
    """What to type next, exactly: `icswatch` lives in .venv/bin until the venv is activated."""
    where = f"--data-dir {data_dir} --sources {data_dir / 'replica_sources.yaml'}"
    return "\n".join([
        "\nExplore what the demo archived (the replica web has stopped, so `crawl` and `sources check` will",
        "fail; everything that reads the archive works):",
        "  source .venv/bin/activate        # puts `icswatch` on your PATH (or type .venv/bin/icswatch)",
        f"  icswatch {where} history severn",
        f"  icswatch {where} show {version_id} --text",
        f"  icswatch {where} changes --since 7d --relevant",
        f"  icswatch {where} search \"family hubs\"",
        f"  icswatch {where} status",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("data/demo"))
    run_demo(parser.parse_args().data_dir)


if __name__ == "__main__":
    main()
