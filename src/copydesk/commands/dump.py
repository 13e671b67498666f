"""``copydesk dump FILE``: show how a reader parsed a draft (blocks, citations, references, meta).

For plugin authors and for bug reports about positions.
"""

from __future__ import annotations

import sys

from copydesk.cli import EXIT_ERROR, EXIT_OK


def add_parser(sub) -> None:
    p = sub.add_parser("dump", help="show the parsed structure of a draft (for plugin authors)")
    p.add_argument("path", metavar="FILE")
    p.add_argument("--sentences", action="store_true", help="list sentences too")
    p.set_defaults(run=run)


def _line(doc, index, offset):
    line, col = index.position(doc.offsets.to_source(offset))
    return f"{line}:{col}"


def run(args) -> int:
    from copydesk.decode import InputError, decode
    from copydesk.engine import Engine
    from copydesk.model import LineIndex

    engine = Engine()
    try:
        with open(args.path, "rb") as fh:
            text = decode(fh.read())
    except (OSError, InputError) as exc:
        sys.stderr.write(f"copydesk: error: {args.path}: {exc}\n")
        return EXIT_ERROR
    doc = engine.reader_for(args.path).read(args.path, text)
    index = LineIndex(doc.source)
    print(f"format: {doc.format}")
    for key in ("title", "publication", "canonical_url", "domain", "date", "byline"):
        print(f"{key}: {getattr(doc.meta, key)!r}")
    print("blocks:")
    for b in doc.blocks:
        flag = " (boilerplate)" if b.boilerplate else ""
        print(f"  {_line(doc, index, b.start):>7} {b.kind}{flag}: {doc.text[b.start:b.end][:90]!r}")
    if args.sentences:
        print("sentences:")
        for s in doc.sentences:
            print(f"  {_line(doc, index, s.start):>7} {doc.text[s.start:s.end][:100]!r}")
    print("citations:")
    for c in doc.citations:
        print(f"  {_line(doc, index, c.start):>7} {c.kind} key={c.key!r} {doc.text[c.start:c.end]!r}"
              + (f" url={c.url!r}" if c.url else ""))
    print("references:")
    for r in doc.references:
        print(f"  {_line(doc, index, r.start):>7} [{r.key}] publisher={r.publisher!r} title={r.title!r} url={r.url!r}")
    return EXIT_OK
