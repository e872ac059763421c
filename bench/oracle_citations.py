"""Citation syntax against pandoc on many generated snippets (issue 23). Not a test: prints the figures.

    .venv/bin/python -m bench.oracle_citations [--snippets 10000] [--seed 1]   (from the project folder)

Snippets come from the pieces the property test uses (tests/support/citation_oracle.py), drawn with a
seeded generator; pandoc reads them in batches. Prints how many agree, how many of the table of
deliberate differences behave as documented, and every unexplained difference (target: 0).
"""

from __future__ import annotations

import argparse
import random
import time

from tests.support.citation_oracle import (
    DELIBERATE,
    MANUAL_AND_EDGES,
    grammar_cites,
    pandoc_cites,
    random_snippets,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snippets", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generated = list(random_snippets(random.Random(args.seed), args.snippets))
    snippets = MANUAL_AND_EDGES + generated
    started = time.perf_counter()
    answers = pandoc_cites(snippets)
    pandoc_seconds = time.perf_counter() - started
    unexplained = [(s, grammar_cites(s), a) for s, a in zip(snippets, answers, strict=True)
                   if grammar_cites(s) != a]
    deliberate = pandoc_cites([row[0] for row in DELIBERATE])
    as_documented = sum(grammar_cites(row[0]) == row[1] and theirs == row[2]
                        for row, theirs in zip(DELIBERATE, deliberate, strict=True))
    for snippet, ours, theirs in unexplained[:20]:
        print(f"{snippet!r}\n  ours   {ours}\n  pandoc {theirs}")
    print(f"snippets: {len(snippets):,} ({len(MANUAL_AND_EDGES)} from the table, {len(generated):,} "
          f"generated, seed {args.seed}); pandoc {pandoc_seconds:.1f} s")
    print(f"agree: {len(snippets) - len(unexplained):,}  unexplained: {len(unexplained)}  "
          f"deliberate (table): {as_documented}/{len(DELIBERATE)} as documented")


if __name__ == "__main__":
    main()
