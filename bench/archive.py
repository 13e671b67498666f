"""A synthetic, reproducible archive of news drafts for the benchmark.

Drafts come in the three formats copydesk reads (plain text, Markdown, HTML), 3-15 KB each,
with a title, a byline and date, sections, in-text citations and a reference list, figures
(money, percentages, counts, some attributed, some not) and fact statements about a fixed cast
of fictional organisations and people ("X, led by Y", "X was founded in 2011", "X invested
$2.4bn in Z"). Each organisation has one true state; a small share of drafts gets a fact
wrong, so the archive has conflicts for the ledger to find, as a real one does.

The same seed always gives the same archive. ``entities.yaml`` (a fact pack of entities, with
no facts) lets the fact check recognise the cast, so the claim ledger has claims to compare.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

_SYLLABLES = ("nor val ter bri cas lum ven dor ax qui mar sol cor pen tal ris mon gal fer "
              "vin hal bel dra kel lor ost rav sen tor vel zan").split()
_SUFFIXES = ("Systems", "Labs", "Robotics", "Analytics", "Networks", "Biotech", "Energy",
             "Capital", "Dynamics", "Semiconductors", "Logistics", "Health")
_FIRST = ("Dana Marco Aisha Priya Tomas Elena Kenji Olu Sofia Henrik Mei Rafael Ingrid Malik "
          "Laura Chen Amara Viktor Noor Jonas").split()
_LAST = ("Whitfield Ferri Okafor Raman Novak Petrov Tanaka Adeyemi Lindqvist Moreau Castillo "
         "Hartmann Osei Kowalski Brennan Sato Haddad Costa Iversen Mbeki").split()
_CITIES = ("Lisbon Rotterdam Austin Nairobi Osaka Tallinn Montreal Lyon Bangalore Denver "
           "Krakow Auckland Porto Leeds Medellin").split()
_PUBLISHERS = (("Reuters", "reuters.com"), ("Financial Times", "ft.com"), ("Bloomberg", "bloomberg.com"),
               ("The Verge", "theverge.com"), ("TechCrunch", "techcrunch.com"), ("Ars Technica", "arstechnica.com"),
               ("Wired", "wired.com"), ("The Information", "theinformation.com"), ("Axios", "axios.com"))
_TOPICS = ("chips", "robots", "batteries", "cloud", "logistics", "diagnostics", "models", "satellites")

_FILLER = (
    "Analysts said the move reflects broader pressure on margins across the sector.",
    "The company did not respond to a request for comment on the timing.",
    "Customers have asked for clearer pricing and longer support windows for years.",
    "Rivals are expected to answer with products of their own before the end of the year.",
    "The decision follows a long review of the business and its place in the market.",
    "Executives framed the change as a return to the firm's original focus on {topic}.",
    "Some employees described the mood inside the company as cautious but hopeful.",
    "Regulators in Europe have signalled that they are watching the market closely.",
    "Investors have rewarded companies that show a credible path to profit in {topic}.",
    "The plan depends on suppliers delivering parts on schedule, which is far from certain.",
    "Industry veterans noted that similar bets have failed when demand turned.",
    "Details of the arrangement were not disclosed, and neither side would say more.",
    "For smaller competitors, the question is whether they can keep pace on price.",
    "The shift could take years to show up in the company's results.",
    "Partners said they would wait for independent tests before committing.",
)
_FIGURES = (
    "Revenue rose {pct}% to ${money}bn in the last quarter, according to {pub}.",
    "The company now employs {count} people, up from {count2} a year earlier [{ref}].",
    "Shares climbed {pct}% on the day of the announcement [{ref}].",
    "The market for {topic} is worth about ${money}bn a year, {pub} estimates.",
    "Its latest model scored {score} on the benchmark, against {score2} for the previous one [{ref}].",
    "The group spent ${money2}m on research last year, {pct}% more than in the year before.",
    "About {pct}% of customers renewed their contracts, the company said.",
)
_FACTS = (
    "{org}, led by {ceo}, has spent the past year reorganising its {topic} business [{ref}].",
    "{ceo}, chief executive of {org}, said the company would keep investing in {topic}.",
    "{org} was founded in {year} and has raised money from several large funds [{ref}].",
    "{investor} invested ${stake}bn in {org} last year, the largest deal in its history [{ref}].",
    "{org}, based in {city}, plans to open a second site next year.",
    "{org} was acquired by {parent} in {year2}, though it still operates under its own name.",
)


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    ceo: tuple[str, str]  # (id, name)
    founded: int
    city: str
    investor: str  # org id
    stake: float  # billions
    parent: str | None
    acquired: int


def _name(rng: random.Random) -> str:
    return (rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES)).capitalize()


def cast(seed: int = 7, n_orgs: int = 300) -> list[Org]:
    """The fictional organisations, each with one chief executive (names are unique)."""
    rng = random.Random(seed)
    names: set[str] = set()
    while len(names) < n_orgs:
        names.add(f"{_name(rng)} {rng.choice(_SUFFIXES)}")
    people = [f"{first} {last}" for first in _FIRST for last in _LAST]  # 400 distinct names
    rng.shuffle(people)
    orgs = []
    ordered = sorted(names)
    for i, name in enumerate(ordered):
        person = people[i]
        orgs.append(Org(
            id=_slug(name), name=name, ceo=(_slug(person), person),
            founded=rng.randint(1975, 2022), city=rng.choice(_CITIES),
            investor=_slug(ordered[(i + 7) % n_orgs]), stake=round(rng.uniform(0.2, 20), 1),
            parent=_slug(ordered[(i + 13) % n_orgs]) if rng.random() < 0.3 else None,
            acquired=rng.randint(2005, 2024),
        ))
    return orgs


def _slug(text: str) -> str:
    return "-".join(text.lower().split())


def entity_pack(orgs: list[Org]) -> str:
    """A fact pack naming the cast (no facts): what lets the fact check see their claims."""
    lines = ["# generated by bench/archive.py: the synthetic archive's cast", "entities:"]
    for org in orgs:
        lines.append(f"  - {{id: {org.id}, name: {org.name}, type: organization}}")
    for org in orgs:
        lines.append(f"  - {{id: {org.ceo[0]}, name: {org.ceo[1]}, type: person}}")
    lines.append("facts: []")
    return "\n".join(lines) + "\n"


class Writer:
    """Composes one draft's content, format-free: title, sections of sentences, references."""

    def __init__(self, rng: random.Random, orgs: list[Org], by_id: dict[str, Org], wrong: float):
        self.rng, self.orgs, self.by_id, self.wrong = rng, orgs, by_id, wrong

    def draft(self, target: int) -> dict:
        rng = self.rng
        focus = rng.sample(self.orgs, 3)
        refs = [self._reference(focus[0]) for _ in range(rng.randint(3, 7))]
        title = f"{focus[0].name} bets on {rng.choice(_TOPICS)} as {focus[1].name} closes in"
        sections, size = [], len(title) + 200 + sum(len(" — ".join(r)) for r in refs)
        while size < target:
            paragraphs = []
            for _ in range(rng.randint(2, 4)):
                sentences = [self._sentence(rng.choice(focus), len(refs)) for _ in range(rng.randint(3, 6))]
                paragraphs.append(" ".join(sentences))
                size += len(paragraphs[-1]) + 2
            sections.append((self._heading(), paragraphs))
            size += 40
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        return {"title": title, "date": f"2025-{month:02d}-{day:02d}",
                "byline": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", "sections": sections, "refs": refs}

    def _heading(self) -> str:
        return self.rng.choice(("What changed", "The numbers", "Why it matters", "The competition",
                                "What comes next", "Inside the deal", "The bigger picture"))

    def _reference(self, org: Org) -> tuple[str, str, str]:
        pub, domain = self.rng.choice(_PUBLISHERS)
        slug = org.id + "-" + self.rng.choice(_TOPICS)
        return pub, f"{org.name} expands its {self.rng.choice(_TOPICS)} push", f"https://www.{domain}/{slug}"

    def _sentence(self, org: Org, n_refs: int) -> str:
        rng = self.rng
        roll = rng.random()
        slots = {"topic": rng.choice(_TOPICS), "ref": rng.randint(1, n_refs),
                 "pub": rng.choice(_PUBLISHERS)[0]}
        if roll < 0.55:
            return rng.choice(_FILLER).format(**slots)
        if roll < 0.8:
            return rng.choice(_FIGURES).format(
                pct=rng.randint(2, 60), money=round(rng.uniform(0.5, 90), 1), money2=rng.randint(20, 900),
                count=f"{rng.randint(1, 90) * 100:,}", count2=f"{rng.randint(1, 90) * 100:,}",
                score=rng.randint(30, 90), score2=rng.randint(30, 90), **slots)
        return self._fact(org, slots)

    def _fact(self, org: Org, slots: dict) -> str:
        rng = self.rng
        off = rng.random() < self.wrong  # this draft gets this fact wrong
        other = rng.choice(self.orgs)
        template = rng.choice(_FACTS)
        if "{parent}" in template and not org.parent:
            template = _FACTS[0]
        return template.format(
            org=org.name, ceo=(other if off else org).ceo[1], year=org.founded + (rng.randint(1, 4) if off else 0),
            investor=self.by_id[org.investor].name, stake=round(org.stake * (1.4 if off else 1), 1),
            city=org.city, parent=self.by_id[org.parent].name if org.parent else "",
            year2=org.acquired, **slots)


def render_txt(d: dict) -> str:
    out = ["Back to Newsroom", "", d["title"], "", f"{d['byline']} · {d['date']}", ""]
    for heading, paragraphs in d["sections"]:
        out += [heading, ""]
        for p in paragraphs:
            out += [p, ""]
    out += ["References", ""]
    out += [f"[{i}] {pub} — {title} — {url}" for i, (pub, title, url) in enumerate(d["refs"], 1)]
    return "\n".join(out) + "\n"


def render_md(d: dict) -> str:
    out = ["---", f"title: \"{d['title']}\"", f"date: {d['date']}", f"author: {d['byline']}", "---", "",
           f"# {d['title']}", ""]
    for heading, paragraphs in d["sections"]:
        out += [f"## {heading}", ""]
        for p in paragraphs:
            out += [_footnotes(p), ""]
    out += [f"[^{i}]: {pub} — [{title}]({url})" for i, (pub, title, url) in enumerate(d["refs"], 1)]
    return "\n".join(out) + "\n"


def _footnotes(text: str) -> str:
    import re

    return re.sub(r"\[(\d+)\]", r"[^\1]", text)


def render_html(d: dict) -> str:
    import html
    import re

    def cite(p: str) -> str:
        return re.sub(r"\[(\d+)\]", r'<sup><a href="#ref-\1">[\1]</a></sup>', html.escape(p, quote=False))

    body = [f"<h1>{html.escape(d['title'])}</h1>",
            f'<p class="byline">By {html.escape(d["byline"])} · <time datetime="{d["date"]}">{d["date"]}</time></p>']
    for heading, paragraphs in d["sections"]:
        body.append(f"<h2>{html.escape(heading)}</h2>")
        body += [f"<p>{cite(p)}</p>" for p in paragraphs]
    body.append("<h2>References</h2>\n<ol class=\"references\">")
    body += [f'<li id="ref-{i}">{html.escape(pub)} — <a href="{url}">{html.escape(title)}</a></li>'
             for i, (pub, title, url) in enumerate(d["refs"], 1)]
    body.append("</ol>")
    return ("<!doctype html>\n<html><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(d['title'])}</title></head>\n<body>\n"
            "<nav><a href=\"/\">Home</a> · <a href=\"/news\">News</a></nav>\n<article>\n"
            + "\n".join(body) + "\n</article>\n<footer>© Example Desk</footer>\n</body></html>\n")


RENDERERS = {".txt": render_txt, ".md": render_md, ".html": render_html}


def generate(folder: Path, count: int, *, seed: int = 7, wrong: float = 0.03) -> list[Path]:
    """Write ``count`` drafts (and ``entities.yaml``) under ``folder``; return the draft paths."""
    orgs = cast(seed)
    by_id = {o.id: o for o in orgs}
    rng = random.Random(seed * 1_000_003 + count)
    writer = Writer(rng, orgs, by_id, wrong)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "entities.yaml").write_text(entity_pack(orgs), encoding="utf-8")
    paths = []
    suffixes = tuple(RENDERERS)
    for i in range(count):
        suffix = suffixes[i % 3]
        text = RENDERERS[suffix](writer.draft(rng.randint(3_000, 14_000)))
        path = folder / "drafts" / f"{i // 1000:03d}" / f"draft-{i:05d}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "bench-archive")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    made = generate(target, n)
    sizes = sorted(p.stat().st_size for p in made)
    print(f"{len(made)} drafts in {target}/drafts, {sizes[0]}-{sizes[-1]} bytes")
