"""Build a gold JSON file from a resolution text and its hand annotation (TSV).

    python tests/gold/make_gold.py tests/gold/invented-ro.txt tests/gold/invented-ro.tsv OUT.json

The TSV lists, per line, ``unit<TAB>surface<TAB>type[<TAB>occurrence]``: the
occurrence-th whole-word occurrence of ``surface`` in the unit's clean text (as the
segmenter gives it). The JSON stores each annotated unit's text and every mention
with its offsets, so the evaluation gate does not depend on this script.
A developer tool, not a test.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from graph.model import EntityType  # noqa: E402
from graph.read import read_path  # noqa: E402
from graph.segment import segment  # noqa: E402


def build(text_path: str, tsv_path: str) -> dict[str, object]:
    document = segment(read_path(text_path))
    texts = dict(document.contexts())
    mentions = []
    for n, line in enumerate(Path(tsv_path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        unit, surface, type_ = cols[0], cols[1], cols[2]
        occurrence = int(cols[3]) if len(cols) > 3 and cols[3].strip() else 1
        EntityType(type_)
        hits = [
            m.start() for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", texts[unit])
        ]
        if len(hits) < occurrence:
            raise SystemExit(f"{tsv_path}:{n}: {surface!r} occurs {len(hits)} times in {unit}")
        start = hits[occurrence - 1]
        mentions.append(
            {
                "unit": unit,
                "start": start,
                "end": start + len(surface),
                "surface": surface,
                "type": type_,
            }
        )
    parents = {u.parent for u in document.units if u.parent}
    return {
        "source": Path(text_path).name,
        "language": document.meta.language,
        "units": [{"id": uid, "text": t} for uid, t in document.contexts() if uid not in parents],
        "mentions": sorted(mentions, key=lambda m: (list(texts).index(m["unit"]), m["start"])),
    }


if __name__ == "__main__":
    data = build(sys.argv[1], sys.argv[2])
    Path(sys.argv[3]).write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(data['mentions'])} mentions")  # noqa: T201
