/* copydesk HTML report: builds the index at once and each draft's DOM on demand.
 * Draft text only ever reaches the page as text nodes (textContent), never as markup. */
(function () {
  "use strict";
  const started = performance.now();
  const byId = (id) => document.getElementById(id);

  /* h("a", {href: x, class: "y"}, "text", child, [more]) -> element; strings become text nodes */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const key in attrs || {}) {
      const value = attrs[key];
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") el.className = value;
      else if (key === "style") el.style.cssText = value;
      else el.setAttribute(key, value === true ? "" : value);
    }
    append(el, children);
    return el;
  }
  function append(el, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) append(el, child);
      else el.append(child);
    }
  }
  const number = (n) => n.toLocaleString("en");
  const plural = (n, word) => number(n) + " " + word + (n === 1 ? "" : "s");

  /* ---- data ------------------------------------------------------------------------- */
  const index = JSON.parse(byId("cd-index").textContent);
  const files = index.files;
  const categories = index.categories;
  const severities = index.severities;
  const catPos = new Map(categories.map((c, i) => [c.id, i]));
  const sevPos = new Map(severities.map((s, i) => [s, i]));
  const catClass = (id) => "c" + ((catPos.has(id) ? catPos.get(id) : 0) % 8);
  const sevClass = (s) => "sev-" + String(s).replace(/[^a-z]/g, "");
  const catLabel = (id) => (catPos.has(id) ? categories[catPos.get(id)].label : id);
  const sevLabel = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  const sevCount = (s, n) => number(n) + " " + (n === 1 || s === "info" ? s : s + "s");

  const state = {
    hiddenCats: new Set(), hiddenSevs: new Set(), query: "", only: false,
    current: null, popFor: null, pinned: false,
  };
  const views = files.map((file, i) => ({ i, file, rendered: false, expanded: file.total > 0 }));
  const visible = (f) => !state.hiddenCats.has(f.category) && !state.hiddenSevs.has(f.severity);

  function countOf(counts, skipCats, skipSevs) {
    let n = 0;
    for (const cat in counts) {
      if (skipCats.has(cat)) continue;
      for (const sev in counts[cat]) if (!skipSevs.has(sev)) n += counts[cat][sev];
    }
    return n;
  }
  const catTotal = (file, cat) => Object.values(file.counts[cat] || {}).reduce((a, b) => a + b, 0);
  const visibleCount = (i) => countOf(files[i].counts, state.hiddenCats, state.hiddenSevs);
  const fileShown = (i) => files[i].path.toLowerCase().includes(state.query)
    && (!state.only || visibleCount(i) > 0);

  const totals = { findings: 0, withFindings: 0, failed: 0, byCat: {}, bySev: {}, byCatSev: {} };
  for (const file of files) {
    totals.findings += file.total;
    if (file.total) totals.withFindings += 1;
    if (file.error) totals.failed += 1;
    for (const cat in file.counts) {
      for (const sev in file.counts[cat]) {
        const n = file.counts[cat][sev];
        totals.byCat[cat] = (totals.byCat[cat] || 0) + n;
        totals.bySev[sev] = (totals.bySev[sev] || 0) + n;
        const bySev = totals.byCatSev[cat] || (totals.byCatSev[cat] = {});
        bySev[sev] = (bySev[sev] || 0) + n;
      }
    }
  }

  /* The four categories of the contract always show; a plugin's only when it found something. */
  const shownCats = () => categories.filter((c) => totals.byCat[c.id] || c.description);

  /* ---- index: summary, filters, file table, draft shells ------------------------------- */
  function bar(value, max, label) {
    const pct = max ? Math.max(value ? 2 : 0, (100 * value) / max) : 0;
    return h("span", { class: "bar", role: "img", "aria-label": label },
      h("span", { class: "bar-fill", style: "width:" + pct.toFixed(1) + "%" }));
  }
  function sevLine(bySev) {
    const parts = severities.filter((s) => bySev && bySev[s])
      .map((s) => h("span", { class: "sev-count " + sevClass(s) }, sevCount(s, bySev[s])));
    return parts.length ? parts : [h("span", { class: "muted" }, "none")];
  }

  function renderSummary() {
    const cards = byId("cd-cards");
    const maxCat = Object.values(totals.byCat).reduce((a, b) => Math.max(a, b), 1);
    cards.append(h("div", { class: "card overview" },
      h("p", { class: "card-label" }, "Findings"),
      h("p", { class: "card-num", id: "cd-total" }, number(totals.findings)),
      h("p", { class: "card-desc" }, "in " + number(totals.withFindings) + " of " + plural(files.length, "draft")),
      h("span", { class: "stack", role: "img", "aria-label": severities.map((s) => sevCount(s, totals.bySev[s] || 0)).join(", ") },
        severities.filter((s) => totals.bySev[s]).map((s) =>
          h("span", { class: "stack-part " + sevClass(s), style: "flex-grow:" + totals.bySev[s] }))),
      h("p", { class: "card-sev" }, sevLine(totals.bySev)),
      totals.failed ? h("p", { class: "card-failed" }, plural(totals.failed, "draft") + " could not be checked") : null));
    for (const cat of shownCats()) {
      const n = totals.byCat[cat.id] || 0;
      cards.append(h("div", { class: "card " + catClass(cat.id), "data-category": cat.id },
        h("p", { class: "card-label" }, h("span", { class: "swatch", "aria-hidden": "true" }), cat.label),
        h("p", { class: "card-num" }, number(n)),
        bar(n, maxCat, plural(n, "finding") + " of " + number(totals.findings)),
        h("p", { class: "card-desc" }, cat.description),
        h("p", { class: "card-sev" }, sevLine(totals.byCatSev[cat.id]))));
    }
  }

  function chip(kind, id, label, cls) {
    return h("button", { type: "button", class: "chip " + cls, "aria-pressed": "true", "data-kind": kind, "data-value": id },
      h("span", { class: "swatch", "aria-hidden": "true" }), label, " ", h("span", { class: "chip-n" }));
  }
  function renderFilters() {
    const catBox = byId("cd-cat-filters");
    for (const cat of shownCats()) catBox.append(chip("cat", cat.id, cat.label, catClass(cat.id)));
    const sevBox = byId("cd-sev-filters");
    for (const sev of severities) sevBox.append(chip("sev", sev, sevLabel(sev), sevClass(sev)));
    byId("cd-toolbar").hidden = false;
  }

  /* Paths are shown below the folder all drafts share, named once in the table's heading. */
  const sharedDir = (() => {
    let prefix = files.length ? files[0].path : "";
    for (const file of files) while (!file.path.startsWith(prefix)) prefix = prefix.slice(0, -1);
    return prefix.slice(0, Math.max(prefix.lastIndexOf("/"), prefix.lastIndexOf("\\")) + 1);
  })();

  function pathParts(fullPath) {
    const path = fullPath.slice(sharedDir.length);
    const cut = path.lastIndexOf("/") + 1;
    return [h("span", { class: "dir" }, path.slice(0, cut)), h("span", { class: "base" }, path.slice(cut))];
  }

  /* The table lists the first ROWS_SHOWN drafts (in the chosen order) until asked for all:
   * a thousand table rows cost more layout than the rest of the index together. */
  const ROWS_SHOWN = 100;
  const table = { order: views, limit: ROWS_SHOWN, cats: [], maxTotal: 1 };

  function renderFileTable() {
    if (sharedDir) byId("files-h").append(" ", h("span", { class: "shared-dir" }, "in " + sharedDir));
    table.cats = shownCats();
    table.maxTotal = files.reduce((max, f) => Math.max(max, f.total), 1);
    const more = h("button", { type: "button", class: "more", id: "cd-more" });
    byId("cd-files").append(h("caption", { class: "sr-only" }, "Findings per draft, by category"),
      h("thead", null, h("tr", null,
        h("th", { scope: "col", "aria-sort": "none" }, h("button", { type: "button", class: "sort", "data-sort": "path" }, "Draft")),
        table.cats.map((c) => h("th", { scope: "col", class: "num", title: c.label },
          h("span", { class: "swatch " + catClass(c.id), "aria-hidden": "true" }), c.short || c.label)),
        h("th", { scope: "col", class: "num", "aria-sort": "none" }, h("button", { type: "button", class: "sort", "data-sort": "total" }, "Total")),
        h("th", { scope: "col", class: "bar-col" }, h("span", { class: "sr-only" }, "Share by category")))),
      h("tbody"),
      h("tfoot", null, h("tr", null, h("td", { colspan: table.cats.length + 3 }, more))));
  }

  function fileRow(v) {
    if (v.row) return v.row;
    const file = v.file;
    v.row = h("tr", { "data-file": v.i, "data-path": file.path },
      h("th", { scope: "row" }, h("a", { href: "#d-" + v.i, class: "file-link", title: file.path }, pathParts(file.path)),
        file.error ? h("span", { class: "badge-error", title: file.error }, "error") : null),
      table.cats.map((c) => {
        const n = catTotal(file, c.id);
        return h("td", { class: "num" + (n ? "" : " zero") }, n ? number(n) : "–");
      }),
      h("td", { class: "num total" }),
      h("td", { class: "bar-col" }, h("span", { class: "stack", style: "width:" + (100 * file.total / table.maxTotal).toFixed(1) + "%" },
        table.cats.filter((c) => file.counts[c.id]).map((c) =>
          h("span", { class: "stack-part " + catClass(c.id), style: "flex-grow:" + catTotal(file, c.id) })))));
    return v.row;
  }

  function renderRows() {
    const shown = table.order.filter((v) => fileShown(v.i));
    const rows = shown.slice(0, table.limit).map((v) => {
      const row = fileRow(v);
      row.querySelector(".total").textContent = number(visibleCount(v.i));
      return row;
    });
    const body = byId("cd-files").tBodies[0];
    body.textContent = "";
    const frag = document.createDocumentFragment();
    for (const row of rows) frag.append(row);
    body.append(frag);
    const more = byId("cd-more");
    more.closest("tfoot").hidden = shown.length <= table.limit;
    more.textContent = "Show all " + plural(shown.length, "draft") + " (" + number(table.limit) + " listed)";
  }

  function renderDraftShells() {
    const box = byId("drafts");
    const frag = document.createDocumentFragment();
    files.forEach((file, i) => {
      const v = views[i];
      const toggle = h("button", { type: "button", class: "disclose", "aria-expanded": String(v.expanded), "aria-controls": "d-" + i + "-b" },
        h("span", { class: "chev", "aria-hidden": "true" }), h("span", { class: "path", title: file.path }, pathParts(file.path)));
      const counts = file.total
        ? shownCats().filter((c) => file.counts[c.id]).map((c) =>
          h("span", { class: "count-chip " + catClass(c.id), title: c.label },
            h("span", { class: "swatch", "aria-hidden": "true" }), catTotal(file, c.id)))
        : [file.lines ? h("span", { class: "clean" }, "No findings") : h("span", { class: "failed" }, "Not checked")];
      v.body = h("div", { class: "draft-body pending", id: "d-" + i + "-b", hidden: !v.expanded });
      v.section = h("section", { class: "draft" + (v.expanded ? "" : " closed"), id: "d-" + i, "data-file": i, "data-path": file.path,
        "aria-labelledby": "d-" + i + "-h", style: "--rows:" + Math.min(file.rows || 1, 3000) },
        h("header", { class: "draft-head" },
          h("h2", { class: "draft-title", id: "d-" + i + "-h" }, toggle),
          h("span", { class: "draft-counts" }, counts,
            file.lines ? h("span", { class: "lines" }, plural(file.lines, "line")) : null)),
        file.error ? h("p", { class: "draft-error", role: "note" }, (file.lines ? "Not fully checked: " : "Not checked: ") + file.error) : null,
        v.body);
      frag.append(v.section);
    });
    box.append(frag);
  }

  /* ---- one draft: text with findings marked, and its notes ----------------------------- */
  function lineRanges(text) {
    const ranges = [];
    const re = /\r\n|\r|\n/g;
    let start = 0;
    let m;
    while ((m = re.exec(text))) { ranges.push([start, m.index]); start = re.lastIndex; }
    ranges.push([start, text.length]);
    return ranges;
  }

  /* Splits the text at every finding boundary and line break: each piece is a text node, or a
   * <mark> carrying every finding that covers it, so overlapping findings all show. */
  function markText(v, text, ranged, points) {
    const src = h("div", { class: "source" });
    const edges = ranged.flatMap((f) => [f.from, f.to]).concat(points.map((f) => f.from));
    const bounds = Array.from(new Set(edges)).sort((a, b) => a - b);
    let fi = 0, bi = 0, pi = 0, active = [];
    const lines = lineRanges(text);
    if (lines.length > 1 && lines[lines.length - 1][0] === text.length
      && !points.some((f) => f.from >= text.length)) lines.pop();
    lines.forEach(([ls, le], n) => {
      const tx = h("span", { class: "tx" });
      const emitPoints = (upto) => {
        while (pi < points.length && points[pi].from <= upto) tx.append(mark(v, "", [points[pi++]]));
      };
      let pos = ls;
      while (pos < le) {
        while (fi < ranged.length && ranged[fi].from <= pos) active.push(ranged[fi++]);
        active = active.filter((f) => f.to > pos);
        while (bi < bounds.length && bounds[bi] <= pos) bi += 1;
        const next = Math.min(le, bi < bounds.length ? bounds[bi] : le);
        emitPoints(pos);
        const piece = text.slice(pos, next);
        tx.append(active.length ? mark(v, piece, active.slice()) : piece);
        pos = next;
      }
      emitPoints(le);
      src.append(h("div", { class: le > ls ? "line" : "line blank", "data-line": n + 1 },
        h("span", { class: "ln", "aria-hidden": "true" }, String(n + 1)), tx));
    });
    return src;
  }

  function mark(v, piece, covering) {
    const m = h("mark", { "data-f": covering.map((f) => f.id).join(" ") }, piece);
    m.findings = covering;
    for (const f of covering) {
      if (!f.anchor) f.anchor = m;
      f.last = m;
    }
    v.marks.push(m);
    return m;
  }

  const innermost = (a, b) => (b.to - b.from < a.to - a.from
    || (b.to - b.from === a.to - a.from && sevPos.get(b.severity) < sevPos.get(a.severity)) ? b : a);

  /* Styles a mark by its visible findings: the innermost decides the colour. */
  function refreshMark(m) {
    const shown = m.findings.filter(visible);
    if (!shown.length) {
      m.className = "hl off";
      for (const name of ["tabindex", "role", "aria-haspopup", "aria-label", "data-notes"]) m.removeAttribute(name);
      return;
    }
    const top = shown.reduce(innermost);
    m.className = "hl " + catClass(top.category) + " " + sevClass(top.severity)
      + (shown.length > 1 ? " multi" : "") + (m.textContent ? "" : " point");
    m.setAttribute("role", "button");
    m.setAttribute("aria-haspopup", "dialog");
    m.tabIndex = shown.some((f) => f.anchor === m) ? 0 : -1;
    m.setAttribute("aria-label", (m.textContent ? "“" + m.textContent + "”: " : "")
      + shown.map((f) => catLabel(f.category) + ", " + f.severity + ": " + f.message).join("; "));
    const ends = shown.filter((f) => f.last === m).map((f) => f.n);
    if (ends.length) m.dataset.notes = ends.join(","); else m.removeAttribute("data-notes");
  }

  /* A link only for a web address; anything else (a javascript: URL included) stays text. */
  function link(url, text, cls) {
    return /^https?:\/\/\S+$/i.test(url)
      ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer", class: cls || null }, text || url)
      : h("span", { class: cls || null }, text ? null : url);
  }

  function sevBadge(sev) { return h("span", { class: "sev " + sevClass(sev) }, sevLabel(sev)); }

  function renderNotes(v) {
    const list = h("ol", { class: "notes", "aria-label": "Findings in " + v.file.path });
    for (const f of v.order) {
      f.note = h("li", { class: "note " + catClass(f.category), id: "f-" + v.i + "-" + f.k, value: f.n,
        "data-finding": f.id, "data-category": f.category, "data-severity": f.severity, "data-rule": f.rule },
        h("span", { class: "note-head" },
          h("button", { type: "button", class: "note-loc", "aria-label": "Show finding " + f.n + " at line " + f.line }, "L" + f.line + ":" + f.column),
          sevBadge(f.severity)),
        h("span", { class: "note-body" },
          h("span", { class: "msg" }, f.message),
          h("span", { class: "note-meta" }, h("code", { class: "rule" }, f.rule),
            f.source ? [" · ", link(f.source)] : null)));
      f.note.querySelector(".note-loc").addEventListener("click", () => goTo(f, true));
      list.append(f.note);
    }
    return h("section", { class: "notes-wrap", "aria-label": "Findings" },
      h("div", { class: "notes-scroll" }, h("h3", { class: "notes-h" }, plural(v.order.length, "finding")), list));
  }

  function renderDraft(i) {
    const v = views[i];
    if (v.rendered) return v;
    const block = byId("cd-draft-" + i);
    const data = JSON.parse(block.textContent);
    v.marks = [];
    v.order = data.findings.map((f, k) => Object.assign(f, { k, id: i + "." + k, file: i, anchor: null, last: null }))
      .sort((a, b) => a.from - b.from || b.to - a.to || a.k - b.k);
    v.order.forEach((f, n) => { f.n = n + 1; });
    const body = v.body;
    body.replaceChildren();
    if (data.text !== null) {
      const len = data.text.length;
      for (const f of v.order) {
        f.from = Math.min(Math.max(f.from, 0), len);
        f.to = Math.min(Math.max(f.to, f.from), len);
      }
      body.append(markText(v, data.text, v.order.filter((f) => f.to > f.from), v.order.filter((f) => f.to === f.from)));
    }
    if (v.order.length) body.append(renderNotes(v));
    else body.append(h("p", { class: "clean-note" }, data.text === null ? "The draft's text is not available." : "No findings in this draft."));
    v.marks.forEach(refreshMark);
    for (const f of v.order) f.note.hidden = !visible(f);
    body.classList.replace("pending", "rendered");
    v.section.dataset.rendered = "true";
    v.rendered = true;
    if (observer) observer.unobserve(v.section);
    block.remove(); // parsed once: let the browser drop the JSON text
    return v;
  }

  function setExpanded(i, open) {
    const v = views[i];
    v.expanded = open;
    v.body.hidden = !open;
    v.section.classList.toggle("closed", !open);
    if (!open && state.popFor && v.body.contains(state.popFor)) closePop(false);
    v.section.querySelector(".disclose").setAttribute("aria-expanded", String(open));
    if (open) renderDraft(i);
  }

  /* ---- filters ------------------------------------------------------------------------ */
  function applyFilters() {
    for (const v of views) {
      if (v.rendered) {
        v.marks.forEach(refreshMark);
        for (const f of v.order) f.note.hidden = !visible(f);
      }
      v.section.hidden = !fileShown(v.i);
    }
    renderRows();
    for (const el of document.querySelectorAll(".chip")) {
      const isCat = el.dataset.kind === "cat";
      const id = el.dataset.value;
      const n = files.reduce((sum, file) => sum + (isCat
        ? countOf({ [id]: file.counts[id] || {} }, new Set(), state.hiddenSevs)
        : countOf(file.counts, state.hiddenCats, new Set(severities.filter((s) => s !== id)))), 0);
      el.querySelector(".chip-n").textContent = number(n);
      el.setAttribute("aria-pressed", String(!(isCat ? state.hiddenCats : state.hiddenSevs).has(id)));
    }
    const shownFindings = files.reduce((sum, file, i) => sum + (fileShown(i) ? visibleCount(i) : 0), 0);
    byId("cd-shown").textContent = shownFindings === totals.findings
      ? plural(totals.findings, "finding") : number(shownFindings) + " of " + plural(totals.findings, "finding");
    if (state.current && !visible(state.current)) setCurrent(null);
    if (state.popFor && !state.popFor.findings.some(visible)) closePop(false);
  }

  function toggleFilter(el) {
    const set = el.dataset.kind === "cat" ? state.hiddenCats : state.hiddenSevs;
    const id = el.dataset.value;
    if (set.has(id)) set.delete(id); else set.add(id);
    applyFilters();
  }

  function sortTable(key) {
    const th = byId("cd-files").querySelector('[data-sort="' + key + '"]').parentElement;
    const descending = key === "total" && th.getAttribute("aria-sort") !== "descending";
    const ascending = key === "path" && th.getAttribute("aria-sort") !== "ascending";
    for (const cell of byId("cd-files").querySelectorAll("th[aria-sort]")) cell.setAttribute("aria-sort", "none");
    table.order = views.slice();
    if (descending) table.order.sort((a, b) => b.file.total - a.file.total || a.i - b.i);
    else if (ascending) table.order.sort((a, b) => a.file.path.localeCompare(b.file.path));
    th.setAttribute("aria-sort", descending ? "descending" : ascending ? "ascending" : "none");
    renderRows();
  }

  /* ---- detail popover ---------------------------------------------------------------- */
  const pop = byId("cd-pop");
  let showTimer = 0, hideTimer = 0;

  /* What a check attached to a finding (the fact it compared, say), as nested definition lists. */
  function evidence(value, depth) {
    if (value === null || value === undefined || value === "") return null;
    if (typeof value !== "object") {
      const text = String(value);
      return /^https?:\/\//i.test(text) ? link(text) : text.length > 300 ? text.slice(0, 299) + "…" : text;
    }
    if (depth > 2) return JSON.stringify(value).slice(0, 120);
    if (Array.isArray(value)) {
      return h("ul", { class: "evidence-list" }, value.slice(0, 5).map((item) => h("li", null, evidence(item, depth + 1))));
    }
    const rows = Object.keys(value).filter((key) => value[key] !== null && value[key] !== "").slice(0, 10)
      .map((key) => [h("dt", null, key.replace(/_/g, " ")), h("dd", null, evidence(value[key], depth + 1))]);
    return rows.length ? h("dl", { class: "evidence" }, rows) : null;
  }

  function popItem(f) {
    const rule = index.rules[f.rule] || {};
    return h("article", { class: "pop-item " + catClass(f.category), "data-finding": f.id },
      h("p", { class: "pop-tags" },
        h("span", { class: "cat-tag" }, h("span", { class: "swatch", "aria-hidden": "true" }), catLabel(f.category)),
        sevBadge(f.severity),
        h("span", { class: "where" }, "line " + f.line + ", column " + f.column)),
      h("p", { class: "pop-msg" }, f.message),
      h("dl", { class: "pop-facts" },
        h("dt", null, "Rule"),
        h("dd", null, h("code", { class: "rule" }, f.rule),
          rule.summary ? h("span", { class: "rule-summary" }, " — " + rule.summary) : null),
        f.source ? [h("dt", null, "Source"), h("dd", { class: "pop-source" }, link(f.source))] : null),
      f.data ? evidence(f.data, 0) : null,
      rule.help ? link(rule.help, "Rule documentation", "docs-link") : null);
  }

  function openPop(m, pinned, focusInside) {
    const shown = m.findings.filter(visible);
    if (!shown.length) return;
    clearTimeout(hideTimer);
    if (state.popFor && state.popFor !== m) state.popFor.removeAttribute("aria-expanded");
    const first = state.current && shown.includes(state.current) ? state.current : null;
    const ordered = first ? [first, ...shown.filter((f) => f !== first)] : shown;
    pop.replaceChildren(
      h("div", { class: "pop-head" },
        h("h2", { id: "cd-pop-title", class: "pop-title", tabindex: "-1" },
          shown.length > 1 ? plural(shown.length, "finding") + " here" : "Finding " + shown[0].n),
        h("button", { type: "button", class: "pop-close", "aria-label": "Close" }, "×")),
      ...ordered.map(popItem));
    pop.hidden = false;
    pop.classList.toggle("pinned", pinned);
    state.popFor = m;
    state.pinned = pinned;
    m.setAttribute("aria-expanded", "true");
    m.setAttribute("aria-controls", "cd-pop");
    place(m);
    if (focusInside) byId("cd-pop-title").focus({ preventScroll: true });
  }

  /* Below the highlight, or above it when there is more room there; never under the filter bar. */
  function place(m) {
    const rect = m.getClientRects()[0] || m.getBoundingClientRect();
    const width = Math.min(440, window.innerWidth - 16);
    pop.style.width = width + "px";
    pop.style.maxHeight = "";
    const height = pop.offsetHeight;
    const ceiling = Math.max(0, byId("cd-toolbar").getBoundingClientRect().bottom) + 8;
    const below = window.innerHeight - rect.bottom - 16;
    const above = rect.top - ceiling - 8;
    const under = height <= below || below >= above;
    const room = Math.max(160, under ? below : above);
    pop.style.maxHeight = room + "px";
    const top = under ? rect.bottom + 8 : rect.top - Math.min(height, room) - 8;
    const left = Math.min(Math.max(8, rect.left), window.innerWidth - width - 8);
    pop.style.top = (top + window.scrollY) + "px";
    pop.style.left = (left + window.scrollX) + "px";
  }

  function closePop(returnFocus) {
    if (pop.hidden) return;
    const m = state.popFor;
    pop.hidden = true;
    state.popFor = null;
    state.pinned = false;
    if (m) {
      m.removeAttribute("aria-expanded");
      if (returnFocus && m.isConnected) m.focus();
    }
  }

  /* ---- moving between findings -------------------------------------------------------- */
  function setCurrent(f) {
    const old = state.current;
    if (old && old.anchor) old.anchor.classList.remove("current");
    if (old) old.note.classList.remove("current");
    state.current = f;
    if (!f) return;
    if (f.anchor) f.anchor.classList.add("current");
    f.note.classList.add("current");
    const list = f.note.closest(".notes-scroll");
    if (list.scrollHeight > list.clientHeight + 1) { // the notes column scrolls on its own
      const top = f.note.getBoundingClientRect().top - list.getBoundingClientRect().top + list.scrollTop;
      if (top < list.scrollTop || top > list.scrollTop + list.clientHeight - f.note.offsetHeight) {
        list.scrollTop = top - list.clientHeight / 3;
      }
    }
  }

  function goTo(f, open) {
    setExpanded(f.file, true);
    setCurrent(f);
    const target = f.anchor || f.note;
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
    const total = views[f.file].order.length;
    byId("cd-status").textContent = "Finding " + f.n + " of " + total + " in " + files[f.file].path + ": " + f.message;
    if (f.anchor && (open || state.pinned)) openPop(f.anchor, true, false);
    else closePop(false);
  }

  function scan(order, start, dir) {
    for (let n = start; n >= 0 && n < order.length; n += dir) if (visible(order[n])) return order[n];
    return null;
  }

  function step(dir) {
    const cur = state.current;
    if (cur && fileShown(cur.file)) {
      const f = scan(views[cur.file].order, cur.n - 1 + dir, dir);
      if (f) return goTo(f);
    }
    for (let i = cur ? cur.file + dir : (dir > 0 ? 0 : files.length - 1); i >= 0 && i < files.length; i += dir) {
      if (!fileShown(i) || !visibleCount(i)) continue;
      const v = renderDraft(i);
      const f = scan(v.order, dir > 0 ? 0 : v.order.length - 1, dir);
      if (f) return goTo(f);
    }
    byId("cd-status").textContent = dir > 0 ? "No further findings" : "No earlier findings";
  }

  /* ---- events -------------------------------------------------------------------------- */
  const typing = (el) => el && el.closest && el.closest("input, textarea, select, [contenteditable]");

  function wire() {
    byId("cd-toolbar").addEventListener("click", (e) => {
      const el = e.target.closest(".chip");
      if (el) toggleFilter(el);
    });
    let queryTimer = 0;
    byId("cd-query").addEventListener("input", (e) => {
      clearTimeout(queryTimer);
      queryTimer = setTimeout(() => { state.query = e.target.value.trim().toLowerCase(); applyFilters(); }, 120);
    });
    byId("cd-only").addEventListener("change", (e) => { state.only = e.target.checked; applyFilters(); });
    byId("cd-next").addEventListener("click", () => step(1));
    byId("cd-prev").addEventListener("click", () => step(-1));
    byId("cd-files").addEventListener("click", (e) => {
      const sort = e.target.closest(".sort");
      if (sort) return sortTable(sort.dataset.sort);
      if (e.target.closest(".more")) {
        table.limit = Infinity;
        return renderRows();
      }
      const link = e.target.closest(".file-link");
      if (link) setExpanded(+link.closest("tr").dataset.file, true);
    });

    const drafts = byId("drafts");
    drafts.addEventListener("click", (e) => {
      const toggle = e.target.closest(".disclose");
      if (toggle) {
        const i = +toggle.closest(".draft").dataset.file;
        return setExpanded(i, !views[i].expanded);
      }
      const m = e.target.closest("mark.hl");
      if (m && !m.classList.contains("off")) {
        const f = m.findings.find((x) => x.anchor === m && visible(x)) || m.findings.find(visible);
        setCurrent(f);
        openPop(m, true, false);
      }
    });
    drafts.addEventListener("focusin", (e) => {
      const m = e.target.closest("mark.hl");
      if (!m || (state.current && state.current.anchor === m)) return;
      const f = m.findings.find((x) => x.anchor === m && visible(x));
      if (f) setCurrent(f);
    });
    drafts.addEventListener("mouseover", (e) => {
      const m = e.target.closest("mark.hl");
      if (!m || m.classList.contains("off") || state.pinned) return;
      clearTimeout(hideTimer);
      clearTimeout(showTimer);
      showTimer = setTimeout(() => openPop(m, false, false), 120);
    });
    drafts.addEventListener("mouseout", (e) => {
      if (!e.target.closest("mark.hl")) return;
      clearTimeout(showTimer);
      if (!state.pinned) hideTimer = setTimeout(() => closePop(false), 250);
    });
    pop.addEventListener("mouseenter", () => clearTimeout(hideTimer));
    pop.addEventListener("mouseleave", () => { if (!state.pinned) hideTimer = setTimeout(() => closePop(false), 250); });
    pop.addEventListener("click", (e) => { if (e.target.closest(".pop-close")) closePop(true); });
    pop.addEventListener("keydown", (e) => { // tabbing out of the detail goes back to its highlight
      if (e.key !== "Tab") return;
      const stops = [byId("cd-pop-title"), ...pop.querySelectorAll("a, button")];
      if (e.target === stops[e.shiftKey ? 0 : stops.length - 1]) {
        e.preventDefault();
        closePop(true);
      }
    });
    document.addEventListener("click", (e) => {
      if (!pop.hidden && !pop.contains(e.target) && !e.target.closest("mark.hl, .note-loc, .nav-btn")) closePop(false);
    });

    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        if (!pop.hidden) { e.preventDefault(); closePop(true); }
        return;
      }
      if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return;
      const m = e.target.closest && e.target.closest("mark.hl");
      if (m && (e.key === "Enter" || e.key === " ")) {
        e.preventDefault();
        openPop(m, true, true);
      } else if (e.key === "j" || e.key === "n") {
        e.preventDefault();
        step(1);
      } else if (e.key === "k" || e.key === "p") {
        e.preventDefault();
        step(-1);
      }
    });
    window.addEventListener("resize", () => { if (state.popFor) place(state.popFor); });
    window.addEventListener("beforeprint", () => {
      closePop(false);
      views.forEach((v) => { if (v.expanded && fileShown(v.i)) renderDraft(v.i); });
    });
  }

  /* Drafts render when they come near the viewport. */
  const observer = "IntersectionObserver" in window ? new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const i = +entry.target.dataset.file;
      if (entry.isIntersecting && views[i].expanded) renderDraft(i);
    }
  }, { rootMargin: "1200px 0px" }) : null;

  function openFromHash() {
    const m = /^#(?:d|f)-(\d+)(?:-(\d+))?$/.exec(location.hash);
    if (!m || !views[+m[1]]) return;
    const v = views[+m[1]];
    setExpanded(v.i, true);
    const f = m[2] !== undefined ? v.order.find((x) => x.k === +m[2]) : null;
    if (f) goTo(f, false); else v.section.scrollIntoView();
  }

  /* ---- start ------------------------------------------------------------------------- */
  const withFindings = totals.withFindings;
  byId("cd-run-meta").textContent = plural(files.length, "draft") + " · " + plural(totals.findings, "finding")
    + " in " + plural(withFindings, "draft") + " · generated " + index.generated + (index.tool ? " · copydesk " + index.tool : "");
  document.title = "copydesk report — " + plural(totals.findings, "finding") + " in " + plural(files.length, "draft");
  renderSummary();
  renderFilters();
  renderFileTable();
  renderDraftShells();
  applyFilters();
  wire();
  for (const v of views) {
    if (!v.expanded) continue;
    if (observer) observer.observe(v.section); else renderDraft(v.i);
  }
  const timing = { scriptStart: started, indexReady: performance.now() };
  document.documentElement.dataset.state = "ready";
  requestAnimationFrame(() => setTimeout(() => { timing.indexPainted = performance.now(); }, 0));
  window.copydeskReport = { timing, open: (i) => setExpanded(i, true) };
  window.addEventListener("hashchange", openFromHash);
  openFromHash();
})();
