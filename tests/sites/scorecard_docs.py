"""Write the scorecard of the replica web into docs/: crawl every replica system in state v1, then in v2
(plans refreshed, a commitment weakened, an easy read version added), and write the scorecard as of v2,
compared with v1, as CSV and HTML, with the real `icswatch` command line.

    python -m tests.sites.scorecard_docs docs/      (then look at docs/scorecard.html in a browser)
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from . import ReplicaWeb
from .demo import icswatch


def write_docs(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp, ReplicaWeb(state="v1", workdir=Path(tmp)) as web:
        data = Path(tmp) / "data"
        icswatch(web.sources_path, data, "crawl", quiet=True)
        first = datetime.now(UTC).isoformat(timespec="seconds")
        web.switch("v2")
        icswatch(web.sources_path, data, "crawl", quiet=True, expect=3)  # v2 has a site down, as the demo says
        icswatch(web.sources_path, data, "scorecard", "--compare", first, "--format", "html",
                 "--out", str(out / "scorecard.html"))
        icswatch(web.sources_path, data, "scorecard", "--format", "csv", "--out", str(out / "scorecard.csv"))
        icswatch(web.sources_path, data, "scorecard", "--compare", first, "--out", str(out / "scorecard.txt"))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=Path("docs"))
    write_docs(parser.parse_args().out)
