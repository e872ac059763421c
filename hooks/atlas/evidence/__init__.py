"""Evidence on record: what each cited work says in support of the sentence citing it (issue 20, item 3).

- `records`: read and validate `evidence/<key>.yml` (one line per problem, with file:line);
- `sentences`: the sentence each citation is attached to, and its fingerprint;
- `coverage`: which cited sentences have a current record (missing, stale, not yet stamped);
- `stamp`: write current fingerprints into a record file in place (`make evidence-stamp`);
- `render`: the "what the source says" HTML of the reference list and the citation preview;
- `settings`: `extra.atlas.evidence` of mkdocs.yml.
"""
