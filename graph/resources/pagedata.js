/* newsgraph explorer: unpacks the page's data (graph/export/pagedata.py writes it) back
 * into the shape of explorer_data(): nodes, edges and details keyed by IRI. Evidence is
 * unpacked only when the panel shows it (data.evidence(id)); a corpus page's deferred
 * details once data.loadDetails() is called (a Promise). */
window.newsgraphUnpack = function (packed) {
  "use strict";
  const FACTUAL = ["Certain", "Positive", null];
  const ids = packed.ids.map(function (rest) { return packed.base + rest; });
  const articleIris = packed.articles.map(function (a) { return a[0]; });

  const nodes = new Array(ids.length);
  const details = {};
  packed.nodes.forEach(function (n, i) { // [kind, x, y, size, label, short label?]; a corpus: [kind, label, short label?]
    const kind = packed.kinds[n[0]];
    if (packed.corpus) {
      nodes[i] = { id: ids[i], label: n.length > 2 ? n[2] : n[1], kind: kind, x: 0, y: 0, size: 10 };
      details[ids[i]] = detail(packed.details[i], n[1], kind);
      return;
    }
    nodes[i] = { id: ids[i], label: n.length > 5 ? n[5] : n[4], kind: kind, x: n[1], y: n[2], size: n[3] };
    details[ids[i]] = detail(packed.details[i], n[4], kind);
  });

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
    }
    if (p.factuality) d.factuality = { certainty: p.factuality[0], polarity: p.factuality[1], cue: p.factuality[2] };
  }

  // A corpus page sends what only the panel shows as gzipped JSON (pagedata.py, _deferred):
  // unpacked once, by the browser's own DecompressionStream, no library and no request.
  let loading = null;
  function loadDetails() {
    if (!packed.more) return Promise.resolve();
    if (!loading) {
      loading = window.newsgraphInflate(packed.more)
        .then(function (more) {
          packed.passages = more.passages;
          packed.offsets = more.offsets;
          more.details.forEach(function (p, i) { if (p) fill(details[ids[i]], p); });
          packed.more = null;
        });
    }
    return loading;
  }

  const edges = new Array(packed.edges.length / 3);
  for (let i = 0, e = 0; i < packed.edges.length; i += 3, e++) {
    edges[e] = { from: ids[packed.edges[i]], to: ids[packed.edges[i + 1]], label: packed.roles[packed.edges[i + 2]] };
  }

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
  const overview = o ? {
    nodes: o.nodes.map(function (n) { return { id: ids[n[0]], x: n[1], y: n[2], events: n[3], community: n[4], label: n[5] === 1 }; }),
    edges: o.edges.map(function (e) { return { from: ids[e[0]], to: ids[e[1]], weight: e[2].length, events: byId(e[2]) }; }),
    isolated: byId(o.isolated),
    minor: byId(o.minor || []),
  } : null;
  return {
    corpus: Boolean(packed.corpus), overview: overview,
    title: packed.title, legend: packed.legend, large: packed.large, types: packed.types,
    nodes: nodes, edges: edges, details: details, articles: articles,
    timeline: byId(packed.timeline), undated: byId(packed.undated),
    actors: packed.actors.map(function (i) { return [ids[i], details[ids[i]].label]; }),
    evidence: function (id) { return details[id] ? details[id].packedEvidence.map(quote) : []; },
    loadDetails: loadDetails,
    detailsLoaded: function () { return !packed.more; },
  };
};

/** The JSON in a gzipped, base64 string (graph/export/pagedata.py, _gzip64), by the
 * browser's own DecompressionStream: no library, no request. A Promise. */
window.newsgraphInflate = function (base64) {
  "use strict";
  const text = atob(base64), bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
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
