/* newsgraph explorer: unpacks the page's data (graph/export/pagedata.py writes it) back
 * into the shape of explorer_data(): nodes, edges and details keyed by IRI. Evidence is
 * unpacked only when the panel shows it (data.evidence(id)); a corpus page's deferred
 * details once data.loadDetails(id) is called (a Promise; all of them without an id). */
window.newsgraphUnpack = function (packed) {
  "use strict";

  function unstep(steps) { let at = 0; return steps.map(function (s) { at += s; return at; }); }

  function unfrontCode(coded) { // "n rest": the first n characters of the id before, then rest (pagedata.py, front_code)
    let previous = "";
    return coded.map(function (c) {
      const space = c.indexOf(" ");
      previous = previous.slice(0, Number(c.slice(0, space))) + c.slice(space + 1);
      return previous;
    });
  }
  const FACTUAL = ["Certain", "Positive", null];
  const NO_EVIDENCE = Object.freeze([]); // shared: a node's evidence is replaced when it comes, never changed
  const ids = unfrontCode(packed.ids).map(function (rest) { return packed.base + rest; });
  const articleIris = packed.articles.map(function (a) { return a[0]; });

  const details = {};
  if (packed.corpus) fromColumns(packed.nodes);
  else {
    packed.nodes.forEach(function (n, i) { // [kind, x, y, size, label, short label?]
      details[ids[i]] = detail(packed.details[i], n[4], packed.kinds[n[0]]);
    });
  }
  let nodes = null; // made when asked for: a corpus page draws its overview instead
  function nodeList() {
    if (!nodes) {
      const c = packed.nodes;
      nodes = ids.map(function (id, i) {
        if (packed.corpus) return { id: id, label: i in c.short ? c.short[i] : c.label[i], kind: packed.kinds[c.kind[i]], x: 0, y: 0, size: 10 };
        const n = packed.nodes[i];
        return { id: id, label: n.length > 5 ? n[5] : n[4], kind: packed.kinds[n[0]], x: n[1], y: n[2], size: n[3] };
      });
    }
    return nodes;
  }

  /** A corpus page's details, in columns (pagedata.py, _columns). */
  function fromColumns(c) {
    const article = unstep(c.article), made = new Array(ids.length);
    const usual = Object.freeze({ certainty: FACTUAL[0], polarity: FACTUAL[1], cue: FACTUAL[2] }); // replaced, never changed
    ids.forEach(function (id, i) { // each detail made whole at once: 286,000 of them at 10 k articles
      const d = { label: c.label[i], kind: packed.kinds[c.kind[i]], packedEvidence: NO_EVIDENCE };
      if (c.type[i] >= 0) { d.factuality = usual; d.type = c.types[c.type[i]]; }
      if (article[i] >= 0) d.article = articleIris[article[i]];
      if (c.span[i]) fill(d, { span: c.span[i] });
      details[id] = made[i] = d;
    });
    unstep(c.dated).forEach(function (i, k) {
      const d = made[i];
      d.date = { edtf: c.edtf[k], precision: c.precision[k], earliest: c.earliest[k], latest: c.latest[k] };
      if (c.span[i] === undefined) d.span = window.newsgraphSpan(d.date, (packed.articles[article[i]] || [])[4]);
    });
  }


  function detail(p, label, kind) {
    const d = { label: label, kind: kind, packedEvidence: [] };
    if (p.type !== undefined) d.factuality = { certainty: FACTUAL[0], polarity: FACTUAL[1], cue: FACTUAL[2] };
    fill(d, p); // the usual factuality is left out of ``p``
    return d;
  }

  function fill(d, p) { // the fields of packed detail ``p`` (all of them, or a corpus page's deferred ones) into ``d``
    if (p.evidence) d.packedEvidence = p.evidence;
    if (p.type !== undefined) d.type = p.type;
    if (p.text !== undefined) d.text = p.text;
    if (p.article !== undefined) d.article = articleIris[p.article];
    if (p.aliases) d.aliases = p.aliases;
    if (p.titles) d.titles = p.titles;
    if (p.merges) d.merges = p.merges;
    if (p.quantity !== undefined) d.quantity = p.quantity;
    if (p.sources) d.sources = p.sources.map(function (s) { return [articleIris[s[0]], s[1], s[2], s[3]]; });
    if (p.date) {
      const t = p.date;
      d.date = { edtf: t[0], precision: t[1], earliest: t[2], latest: t[3], phrase: t[4], anchor: t[5], rule: t[6] };
    }
    if (p.derivation) Object.assign(d.date, { phrase: p.derivation[0], anchor: p.derivation[1], rule: p.derivation[2] });
    if (p.span) {
      const s = p.span;
      d.span = { start: s[0], type: s[2], className: s[3] };
      if (s[1] !== null) d.span.end = s[1];
    } else if (p.date && p.span === undefined) {
      d.span = window.newsgraphSpan(d.date, (packed.articles[p.article] || [])[4]);
    }
    if (p.factuality) d.factuality = { certainty: p.factuality[0], polarity: p.factuality[1], cue: p.factuality[2] };
  }

  // A corpus page sends what only the panel shows as gzipped JSON (pagedata.py, _deferred),
  // in chunks of nodes and of articles' passages: the first click unpacks only the chunks of
  // its node, by the browser's own DecompressionStream (no library, no request).
  const more = packed.more, done = new Set(), loads = new Map();
  function loadChunk(kind, k) { // kind: "details" or "passages"; a Promise
    const key = kind + k;
    if (!loads.has(key)) {
      loads.set(key, window.newsgraphInflate(more[kind][k]).then(function (chunk) {
        if (kind === "details") {
          chunk.forEach(function (p, j) { if (p) fill(details[ids[k * more.nodes + j]], p); });
        } else {
          chunk.passages.forEach(function (texts, j) {
            packed.passages[k * more.articles + j] = texts;
            packed.offsets[k * more.articles + j] = chunk.offsets[j];
          });
        }
        done.add(key);
      }));
    }
    return loads.get(key);
  }
  let position = null; // id -> node number, made at the first question
  function chunksOf(id) { // the chunks a node's panel needs: [[kind, k]], those of its evidence once known
    if (!position) position = new Map(ids.map(function (node, i) { return [node, i]; }));
    const i = position.get(id);
    if (i === undefined) return [];
    const own = [["details", Math.floor(i / more.nodes)]];
    if (!done.has("details" + own[0][1])) return own;
    const articles = new Set(details[id].packedEvidence.map(function (q) { return q[0]; }));
    articles.forEach(function (a) { if (a !== null) own.push(["passages", Math.floor(a / more.articles)]); });
    return own;
  }
  /** Whether the panel of ``id`` (of every node: no id) has all it shows. */
  function detailsLoaded(id) {
    if (!more) return true;
    if (id === undefined) return done.size === more.details.length + more.passages.length;
    return chunksOf(id).every(function (c) { return done.has(c[0] + c[1]); });
  }
  /** Unpack what the panel of ``id`` shows (of every node: no id, one chunk after another). A Promise. */
  function loadDetails(id) {
    if (!more) return Promise.resolve();
    if (id === undefined) {
      const all = more.details.map(function (_, k) { return ["details", k]; })
        .concat(more.passages.map(function (_, k) { return ["passages", k]; }));
      return all.reduce(function (previous, c) { return previous.then(function () { return loadChunk(c[0], c[1]); }); },
                        Promise.resolve());
    }
    const first = chunksOf(id), asked = new Set(first.map(function (c) { return c[0] + c[1]; }));
    return Promise.all(first.map(function (c) { return loadChunk(c[0], c[1]); })).then(function () {
      return Promise.all(chunksOf(id).filter(function (c) { return !asked.has(c[0] + c[1]); }) // its evidence's passages
        .map(function (c) { return loadChunk(c[0], c[1]); }));
    });
  }

  // An edge is (step from the previous edge's source, step from its source to its target, role).
  const edges = new Array(packed.edges.length / 3), edgeEnds = new Int32Array(packed.edges.length / 3 * 3);
  for (let i = 0, e = 0, from = 0; i < packed.edges.length; i += 3, e++) {
    from += packed.edges[i];
    const to = from + packed.edges[i + 1];
    edges[e] = { from: ids[from], to: ids[to], label: packed.roles[packed.edges[i + 2]] };
    edgeEnds[i] = from; edgeEnds[i + 1] = to; edgeEnds[i + 2] = packed.edges[i + 2];
  }

  // A link of the actors' overview carries no events: they are those both its actors take
  // part in (graph/export/overview.py), found in the edges when the panel asks.
  let eventsOfActor = null; // actor number -> the numbers of its events
  function sharedEvents(a, b) {
    if (!eventsOfActor) { // by the roles that make a link (overview.py, LINK_ROLES, sent with the overview)
      const linking = new Set(packed.overview.linkRoles.map(function (r) { return packed.roles.indexOf(r); }));
      eventsOfActor = new Map();
      for (let e = 0; e < edgeEnds.length; e += 3) {
        if (!linking.has(edgeEnds[e + 2])) continue;
        const list = eventsOfActor.get(edgeEnds[e + 1]);
        if (!list) eventsOfActor.set(edgeEnds[e + 1], [edgeEnds[e]]);
        else if (list[list.length - 1] !== edgeEnds[e]) list.push(edgeEnds[e]);
      }
    }
    const theirs = new Set(eventsOfActor.get(b) || []);
    return Array.from(new Set(eventsOfActor.get(a) || [])).filter(function (e) { return theirs.has(e); })
      .map(function (e) { return ids[e]; });
  }
  function Link(a, b, weight) { this.from = ids[a]; this.to = ids[b]; this.weight = weight; this.ends = [a, b]; }
  Object.defineProperty(Link.prototype, "events", { get: function () { return sharedEvents(this.ends[0], this.ends[1]); } });

  const articles = {};
  packed.articles.forEach(function (a) {
    articles[a[0]] = { headline: a[1], outlet: a[2], url: a[3], published: a[4] };
  });

  function quote(q) { // [article, start, end, passage, begin, exact, exactEnd, stop] or [article, start, end, before, exact, after]
    const out = { article: q[0] === null ? "" : articleIris[q[0]] };
    if (q.length === 6 && typeof q[3] === "number") { // [article, passage, begin, exact, exactEnd, stop]
      const text = packed.passages[q[0]][q[1]], at = packed.offsets[q[0]][q[1]];
      out.start = at + q[3]; out.end = at + q[4];
      out.before = text.slice(q[2], q[3]); out.exact = text.slice(q[3], q[4]); out.after = text.slice(q[4], q[5]);
      return out;
    }
    if (q[1] !== null) { out.start = q[1]; out.end = q[2]; }
    if (typeof q[3] === "string") {
      out.before = q[3]; out.exact = q[4]; out.after = q[5];
    } else {
      const text = packed.passages[q[0]][q[3]];
      out.before = text.slice(q[4], q[5]); out.exact = text.slice(q[5], q[6]); out.after = text.slice(q[6], q[7]);
    }
    return out;
  }

  function byId(list) { return list.map(function (i) { return ids[i]; }); }
  const o = packed.overview;
  let overview = null;
  if (o) { // in columns (pagedata.py, _overview)
    const labelled = new Set(o.labelled), links = [];
    for (let i = 0, a = 0; i < o.links.length; i += 3) {
      a += o.links[i];
      links.push(new Link(a, a + o.links[i + 1], o.links[i + 2]));
    }
    overview = {
      nodes: unstep(o.nodes).map(function (n, i) {
        return { id: ids[n], x: o.x[i], y: o.y[i], events: o.events[i], community: o.community[i], label: labelled.has(i) };
      }),
      edges: links, isolated: byId(unstep(o.isolated)), minor: byId(unstep(o.minor)),
    };
  }
  const data = {
    corpus: Boolean(packed.corpus), overview: overview,
    title: packed.title, legend: packed.legend, large: packed.large, types: packed.types,
    nodeCount: ids.length, edges: edges, details: details, articles: articles,
    timeline: byId(packed.timeline), undated: byId(packed.undated),
    actors: packed.actors.map(function (i) { return [ids[i], details[ids[i]].label]; }),
    evidence: function (id) { return details[id] ? details[id].packedEvidence.map(quote) : []; },
    loadDetails: loadDetails,
    detailsLoaded: detailsLoaded,
  };
  Object.defineProperty(data, "nodes", { get: nodeList, enumerable: true });
  return data;
};

/** How a dated event is drawn on the timeline, from its date and its article's publication
 * date: graph/export/timeline.py's timeline_span (pagedata.py sends a span only when it differs). */
window.newsgraphSpan = function (date, published) { // also run in Node by tests/test_explorer_js.py
  "use strict";
  const OPEN_RANGE_DAYS = 30; // timeline.py's OPEN_RANGE_MIN_DAYS (tests/test_explorer_js.py holds them equal)
  function plus(iso, days) {
    const d = new Date(0);
    d.setUTCFullYear(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)) + days);
    return String(d.getUTCFullYear()).padStart(4, "0") + "-" + String(d.getUTCMonth() + 1).padStart(2, "0") + "-" +
      String(d.getUTCDate()).padStart(2, "0");
  }
  const earliest = date.earliest, latest = date.latest;
  if (!earliest) {
    const end = plus(latest, 1);
    return { start: plus(end, -OPEN_RANGE_DAYS), end: end, type: "range", className: "ng-before" };
  }
  if (date.precision === "open" || !latest) {
    let end = plus(earliest, OPEN_RANGE_DAYS);
    if (published && published > end) end = published;
    return { start: earliest, end: end, type: "range", className: "ng-open" };
  }
  if (date.precision === "day" || latest <= earliest) return { start: earliest, type: "box", className: "ng-day" };
  const kind = ["month", "year", "range"].indexOf(date.precision) >= 0 ? date.precision : "range";
  return { start: earliest, end: plus(latest, 1), type: "range", className: "ng-" + kind };
};

/** The JSON in a gzipped, base64 string (graph/export/pagedata.py, _gzip64), by the
 * browser's own DecompressionStream: no library, no request. A Promise. */
window.newsgraphInflate = function (base64) {
  "use strict";
  let bytes;
  if (Uint8Array.fromBase64) bytes = Uint8Array.fromBase64(base64); // chromium 140 on: no loop over megabytes
  else {
    const text = atob(base64);
    bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  }
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).json();
};

/** The page's data (a Promise): unpacked, once gunzipped when the page sends it so (squeeze). */
window.newsgraphOpen = function (packed) {
  "use strict";
  if (!packed.gz) return Promise.resolve(window.newsgraphUnpack(packed));
  return window.newsgraphInflate(packed.gz).then(function (eager) {
    eager.more = packed.more;
    return window.newsgraphUnpack(eager);
  });
};
