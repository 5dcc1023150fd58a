"""Benchmark: what claim extraction adds on top of the spaCy parse it reads.

Parses every paragraph of a folder of texts once with `nlp.pipe` (the pipeline's model and
settings), timing the parse, then runs the extractor (`extract_claims` per paragraph and
`link_quotes` per text) over the parsed docs, timing that apart. Prints both and their ratio.

    python bench/extraction.py [DIR] [--repeat N]

DIR holds `*.txt` files or a `text/` folder of them (default: data/attribution, or
../shared/data/polnear-dev when it exists). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pipeline.config import settings_from_env
from pipeline.nlp.analyse import paragraphs
from pipeline.nlp.claims import extract_claims
from pipeline.nlp.load import load_nlp
from pipeline.nlp.quote_links import link_quotes

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = ROOT.parent / "shared" / "data" / "polnear-dev"
    default = shared if shared.is_dir() else ROOT / "data" / "attribution"
    parser.add_argument("folder", nargs="?", type=Path, default=default)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = args.folder / "text" if (args.folder / "text").is_dir() else args.folder
    texts = [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))]
    jobs = [(n, off, para) for n, t in enumerate(texts) for off, para in paragraphs(t)]
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp(settings_from_env().spacy_model)
    list(nlp.pipe(para for _, _, para in jobs[:50]))  # warm up
    parse_times, extract_times, claims = [], [], 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        docs = list(nlp.pipe((para for _, _, para in jobs), batch_size=64))
        parse_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        per_text: list[list] = [[] for _ in texts]
        for (n, offset, _), doc in zip(jobs, docs, strict=True):
            per_text[n].extend(extract_claims(doc, offset))
        claims = sum(len(link_quotes(c, t)) for c, t in zip(per_text, texts, strict=True))
        extract_times.append(time.perf_counter() - start)
    parse, extract = min(parse_times), min(extract_times)
    print(f"texts: {len(texts)}  paragraphs: {len(jobs)}  words: {words}  claims: {claims}")
    print(f"spaCy parse (nlp.pipe): {parse:.2f} s  ({words / parse:,.0f} words/s)")
    print(f"extraction on the parse: {extract:.2f} s")
    print(f"extraction overhead: {100 * extract / parse:.1f}% of the parse (best of {args.repeat})")


if __name__ == "__main__":
    main()
