"""Where one `mkdocs build` spends its time, by phase and by plugin event. Run in the project dir:

    python benchmarks/breakdown.py SITE_DIR   ->  JSON on stdout (milliseconds)

Times every plugin event method (the hooks module counts as a plugin named after its file) by
wrapping MkDocs' PluginCollection.run_event; `load_config` includes importing the hooks module.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections import defaultdict

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
start = time.perf_counter()
import mkdocs.plugins as plugins  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

spent: dict[str, float] = defaultdict(float)


def run_event(self, name, item=None, **kwargs):
    pass_item = item is not None
    for method in self.events[name]:
        origin = self._current_plugin = self._event_origins.get(method, "<unknown>")
        t = time.perf_counter()
        result = method(item, **kwargs) if pass_item else method(**kwargs)
        spent[f"{origin}: {name}"] += time.perf_counter() - t
        if result is not None:
            item = result
    self._current_plugin = None
    return item


def main() -> None:
    logging.disable(logging.WARNING)
    plugins.PluginCollection.run_event = run_event
    imported = time.perf_counter()
    if len(sys.argv) != 2 or sys.argv[1].startswith("-"):
        sys.exit(__doc__)
    config = load_config(site_dir=sys.argv[1])
    loaded = time.perf_counter()
    build(config)
    done = time.perf_counter()
    phases = {
        "import mkdocs": imported - start,
        "load_config (imports hooks)": loaded - imported,
        "build()": done - loaded,
    }
    events = sum(spent.values())
    phases["build(): MkDocs itself, outside plugin events"] = done - loaded - events
    out = {k: round(v * 1000, 1) for k, v in {**phases, **spent}.items()}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
