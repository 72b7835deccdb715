/* newsgraph explorer, model: the page's data, its adjacency, the filter state and the
 * filter rules. No DOM and no library: tests/js/ runs it in Node. */
(function (NGX) {
  "use strict";
  const EVENT_KINDS = new Set(["event", "statement"]);
  const ROLES = new Set(["agent", "patient", "participant", "speaker", "addressee"]);
  const OPEN_END = "9999-12-31";

  const ROLE_WORDS = { agent: "actor", patient: "target", participant: "with", speaker: "speaker",
                       addressee: "addressed to", hasPlace: "place", reports: "reports", callsFor: "calls for",
                       relays: "relays" };
  const LABEL_MAX = 70; // characters of a label on the timeline and in lists

  /** A role as a person says it: "target", never a predicate name like "patient" or "hasPlace". */
  function roleWord(role) { return ROLE_WORDS[role] || role.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase(); }

  /** ``text`` cut to ``max`` characters at a word boundary, with an ellipsis. */
  function shorten(text, max) {
    max = max || LABEL_MAX;
    if (text.length <= max) return text;
    const cut = text.slice(0, max - 1), space = cut.lastIndexOf(" ");
    return (space > max / 3 ? cut.slice(0, space) : cut).replace(/[\s,;:.\-–—]+$/, "") + "…";
  }

  /** An event's label fit to read: a label under three words, or one that does not start
   * with a capital or a digit (a clause fragment: "who was", "Th"), gives way to its type and
   * main actor ("Statement — Boeing"); the result is never cut mid-word. */
  function readableLabel(label, type, actor) {
    const text = (label || "").trim().replace(/\s+/g, " ");
    const words = text ? text.split(" ").filter(function (w) { return /[\p{L}\p{N}]/u.test(w); }) : [];
    const fragment = words.length < 3 || !/^["“‘']?[\p{Lu}\p{N}]/u.test(text);
    if (!fragment) return shorten(text);
    const kind = (type || "event").replace(/[_-]+/g, " ");
    return shorten(kind.charAt(0).toUpperCase() + kind.slice(1) + (actor ? " — " + actor : ""));
  }

  const DAY_MS = 86400000;
  const BIN_UNITS = ["day", "week", "month", "year"];
  const STRIP_BINS = 150; // at most this many bars on the strip

  function dayNumber(iso) { return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS; }
  function isoOf(number) { return new Date(number * DAY_MS).toISOString().slice(0, 10); }

  /** The first day of the bin of ISO day ``iso``: itself, its week's Monday, its month's or its year's first day. */
  function binStart(iso, unit) {
    if (unit === "day") return iso;
    if (unit === "week") { const n = dayNumber(iso); return isoOf(n - (new Date(n * DAY_MS).getUTCDay() + 6) % 7); }
    return unit === "month" ? iso.slice(0, 7) + "-01" : iso.slice(0, 4) + "-01-01";
  }

  /** The first day of the bin after the one starting on ``key``. */
  function nextBin(key, unit) {
    if (unit === "day" || unit === "week") return isoOf(dayNumber(key) + (unit === "day" ? 1 : 7));
    let y = Number(key.slice(0, 4)), mo = Number(key.slice(5, 7)) + 1;
    if (unit === "year" || mo > 12) { y++; mo = 1; }
    return String(y).padStart(4, "0") + "-" + String(mo).padStart(2, "0") + "-01";
  }

  /** The finest unit (day, week, month, year) that cuts ``first``..``last`` into at most ``max`` bins. */
  function binUnit(first, last, max) {
    const years = Number(last.slice(0, 4)) - Number(first.slice(0, 4));
    const bins = { day: dayNumber(last) - dayNumber(first) + 1,
                   week: (dayNumber(binStart(last, "week")) - dayNumber(binStart(first, "week"))) / 7 + 1,
                   month: years * 12 + Number(last.slice(5, 7)) - Number(first.slice(5, 7)) + 1, year: years + 1 };
    return BIN_UNITS.find(function (u) { return bins[u] <= max; }) || "year";
  }

  /** Events per bin from the first date to the last, empty bins included, in the finest unit
   * that gives at most ``max`` bins: {unit, bins: [first day of each bin], counts, end: the day
   * after the last bin}. An event counts in the bin it starts in. */
  function binCounts(starts, max) {
    const days = starts.filter(Boolean).sort();
    if (!days.length) return { unit: "month", bins: [], counts: [], end: null };
    const unit = binUnit(days[0], days[days.length - 1], max || STRIP_BINS);
    const last = binStart(days[days.length - 1], unit), bins = [];
    for (let key = binStart(days[0], unit); key <= last; key = nextBin(key, unit)) bins.push(key);
    const index = new Map(bins.map(function (k, i) { return [k, i]; }));
    const counts = bins.map(function () { return 0; });
    let day = null, at = -1;
    days.forEach(function (d) { // sorted: a day's bar is found once
      if (d !== day) { day = d; at = index.get(binStart(d, unit)); }
      counts[at]++;
    });
    return { unit: unit, bins: bins, counts: counts, end: nextBin(last, unit) };
  }

  function newState() {
    return { search: "", actor: "", type: "", from: "", to: "", lanes: "type", follow: false,
             windowFrom: "", windowTo: "", hiddenKinds: new Set(), selected: null };
  }

  /** The model of one page's data: ``visible`` (network nodes) and ``onTimeline`` (events on
   * the timeline and in the undated list) are recomputed by ``computeVisible`` from ``state``. */
  function model(data) {
    const details = data.details;
    const outgoing = {}; // node -> [[target, role]]
    const incoming = {}; // node -> [[source, role]]
    data.edges.forEach(function (e) {
      (outgoing[e.from] = outgoing[e.from] || []).push([e.to, e.label]);
      (incoming[e.to] = incoming[e.to] || []).push([e.from, e.label]);
    });
    const m = { data: data, details: details, outgoing: outgoing, incoming: incoming, state: newState(),
                visible: new Set(), onTimeline: new Set() };

    m.isEvent = function (id) { return EVENT_KINDS.has(details[id].kind); };
    m.actorsOf = function (id) { return (outgoing[id] || []).filter(function (p) { return ROLES.has(p[1]); }); };
    m.distinctActors = function (id) {
      return m.actorsOf(id).map(function (p) { return p[0]; }).filter(function (a, i, all) { return all.indexOf(a) === i; });
    };
    m.dateText = function (d) {
      if (!d.date) return "undated";
      return d.date.edtf + " (" + d.date.precision + ")";
    };
    /** The label an event shows (:func:`readableLabel`), any other node's own label. */
    const shown = new Map(); // id -> its display label, made once
    m.display = function (id) {
      const d = details[id];
      if (!d) return id;
      if (!shown.has(id)) {
        const first = m.isEvent(id) ? m.distinctActors(id)[0] : null;
        shown.set(id, m.isEvent(id) ? readableLabel(d.label, d.type, first && details[first] ? details[first].label : "")
          : d.label);
      }
      return shown.get(id);
    };
    /** The events of an actor or place, in date order (undated last): [[event, role]]. */
    m.eventsOf = function (id) {
      const pairs = (incoming[id] || []).filter(function (p) { return details[p[0]]; });
      const order = new Map(m.byDate(pairs.map(function (p) { return p[0]; })).map(function (e, i) { return [e, i]; }));
      return pairs.slice().sort(function (a, b) { return order.get(a[0]) - order.get(b[0]); });
    };
    /** Events in date order (undated last, then by label). */
    /** Who reports an event or statement, each as a chain back to the outermost source:
     * [the statement reporting it, the statement relaying that one, ...] ("40 detained" <-
     * rights groups' report <- the State Department's statement). */
    m.sourceChains = function (id) {
      const reporters = (incoming[id] || []).filter(function (p) { return p[1] === "reports" || p[1] === "relays"; });
      return reporters.map(function (p) {
        const chain = [p[0]];
        for (let hop = 0; hop < 10; hop++) {
          const up = (incoming[chain[chain.length - 1]] || []).find(function (q) {
            return q[1] === "relays" && chain.indexOf(q[0]) < 0;
          });
          if (!up) break;
          chain.push(up[0]);
        }
        return chain;
      });
    };

    m.byDate = function (ids) {
      function key(id) { const d = details[id].date; return d ? d.earliest || d.latest || "" : "~"; }
      return ids.slice().sort(function (a, b) {
        const x = key(a), y = key(b);
        return x < y ? -1 : x > y ? 1 : m.display(a).localeCompare(m.display(b));
      });
    };
    function labelMatches(id, q) { return details[id].label.toLowerCase().indexOf(q) >= 0; }

    /** Whether an event passes the filters, with the dates [from, to] (ISO days, "" for open). */
    m.eventPasses = function (id, from, to) {
      const state = m.state, d = details[id];
      if (state.hiddenKinds.has(d.kind)) return false;
      if (state.type && d.type !== state.type) return false;
      if (state.actor && !m.actorsOf(id).some(function (p) { return p[0] === state.actor; })) return false;
      if (from || to) {
        if (!d.date) return false;
        const lo = d.date.earliest, hi = d.date.latest || OPEN_END;
        if (from && hi < from) return false;
        if (to && lo > to) return false;
      }
      if (state.search) {
        const q = state.search;
        const near = (outgoing[id] || []).some(function (p) { return details[p[0]] && !m.isEvent(p[0]) && labelMatches(p[0], q); });
        if (!labelMatches(id, q) && !near) return false;
      }
      return true;
    };

    /** Events pass on their own; other nodes show when no filter is set, when an event
     * shown links to them, or when a search alone names them. The network may follow the
     * timeline's window, narrowing its dates to it. */
    let eventIds = null, otherIds = null;
    m.computeVisible = function () {
      const state = m.state, from = state.from, to = state.to;
      let netFrom = from, netTo = to;
      if (state.follow && state.windowFrom) {
        netFrom = from > state.windowFrom ? from : state.windowFrom;
        netTo = to && to < state.windowTo ? to : state.windowTo;
      }
      const active = Boolean(state.search || state.actor || state.type || netFrom || netTo);
      const eventOnly = Boolean(state.actor || state.type || netFrom || netTo);
      if (!eventIds) { // once: tens of thousands of nodes at 10 k articles
        eventIds = [];
        otherIds = [];
        Object.keys(details).forEach(function (id) { (m.isEvent(id) ? eventIds : otherIds).push(id); });
      }
      const free = !(state.search || state.actor || state.type || state.hiddenKinds.size); // every event passes ...
      function passing(lo, hi) { // ... when no date limits them either
        return free && !lo && !hi ? new Set(eventIds) : new Set(eventIds.filter(function (id) { return m.eventPasses(id, lo, hi); }));
      }
      const onTimeline = passing(from, to), visible = passing(netFrom, netTo);
      otherIds.forEach(function (id) {
        if (state.hiddenKinds.has(details[id].kind)) return;
        if (!active) { visible.add(id); return; }
        const near = (incoming[id] || []).some(function (p) { return visible.has(p[0]); });
        if (near || (state.search && !eventOnly && labelMatches(id, state.search))) visible.add(id);
      });
      m.visible = visible;
      m.onTimeline = onTimeline;
    };

    m.reset = function () {
      const hidden = m.state.hiddenKinds;
      hidden.clear();
      Object.assign(m.state, newState(), { hiddenKinds: hidden, selected: m.state.selected });
    };
    return m;
  }

  NGX.model = model;
  NGX.roleWord = roleWord;
  NGX.binCounts = binCounts;
  NGX.binStart = binStart;
  NGX.shorten = shorten;
  NGX.readableLabel = readableLabel;
})(typeof module === "object" && module.exports ? module.exports : (window.NGX = window.NGX || {}));
