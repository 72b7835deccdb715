/* newsgraph explorer, panel: what the page knows of the selected node, with its evidence. */
(function (NGX) {
  "use strict";
  const HINT = "Select an event, a statement or an actor on the timeline or in the network.";

  NGX.panel = function (app) {
    const m = app.model, data = app.data, details = app.data.details;
    const dom = NGX.dom, el = dom.el, row = dom.row, list = dom.list;

    function linkTo(id, text) {
      if (!details[id]) return el("span", null, text || id);
      const button = el("button", { type: "button", className: "link" }, text || m.display(id));
      button.addEventListener("click", function () { app.select(id, "panel"); });
      return button;
    }

    function articleLine(iri) {
      const a = data.articles[iri];
      if (!a) return el("div", { className: "source" }, iri);
      const headline = a.headline || iri;
      let title;
      if (a.url && /^https?:\/\//i.test(a.url)) {
        title = el("a", { href: a.url, target: "_blank", rel: "noopener noreferrer" }, headline);
      } else {
        title = el("span", null, headline + (a.url ? " (" + a.url + ")" : ""));
      }
      const extra = [a.outlet, a.published].filter(Boolean).join(", ");
      return el("div", { className: "source" }, [title, extra ? " — " + extra : ""]);
    }

    function evidenceBlock(ev) {
      const sentence = el("div", { className: "sentence" }, [ev.before, el("mark", null, ev.exact), ev.after]);
      const where = ev.start !== undefined ? " [characters " + ev.start + "–" + ev.end + "]" : "";
      const source = articleLine(ev.article);
      source.appendChild(document.createTextNode(where));
      return el("div", { className: "evidence" }, [sentence, source]);
    }

    function dateBlock(d) {
      const dl = el("dl", { id: "panel-date" });
      if (d.date && d.date.precision === "disputed") {
        row(dl, "EDTF", d.date.edtf);
        row(dl, "dates", "the sources disagree (see Sources); drawn from " + d.date.earliest + " to " + d.date.latest);
      } else if (d.date) {
        row(dl, "EDTF", d.date.edtf);
        row(dl, "precision", d.date.precision);
        row(dl, "between", (d.date.earliest || "open start") + " and " + (d.date.latest || "open end"));
        row(dl, "phrase", d.date.phrase ? "“" + d.date.phrase + "”" : "");
        row(dl, "anchor", d.date.anchor);
        row(dl, "rule", d.date.rule);
      } else {
        row(dl, "date", "undated: the article gives no date for it");
      }
      return dl;
    }

    function eventBlocks(panel, id, d) {
      panel.appendChild(el("h3", null, "Date"));
      panel.appendChild(dateBlock(d));
      const out = m.outgoing[id] || [];
      const actors = m.actorsOf(id);
      const places = out.filter(function (p) { return p[1] === "hasPlace"; });
      const linked = out.filter(function (p) { return p[1] === "reports" || p[1] === "callsFor"; });
      panel.appendChild(el("h3", null, "Participants"));
      panel.appendChild(actors.length || places.length ? list(actors.map(function (p) {
        return [NGX.roleWord(p[1]) + ": ", linkTo(p[0])];
      }).concat(places.map(function (p) { return [NGX.roleWord(p[1]) + ": ", linkTo(p[0])]; }))) : el("p", { className: "hint" }, "none named"));
      if (linked.length) {
        panel.appendChild(el("h3", null, "Reports / calls for"));
        panel.appendChild(list(linked.map(function (p) { return [NGX.roleWord(p[1]) + ": ", linkTo(p[0])]; })));
      }
      const chains = m.sourceChains(id);
      if (chains.length) { // from the event back to the first source
        panel.appendChild(el("h3", null, "Reported by"));
        panel.appendChild(el("div", { id: "panel-reported-by" }, list(chains.map(function (chain) {
          return chain.reduce(function (parts, sid, i) {
            return parts.concat(i ? [" ← relayed by ", linkTo(sid)] : [linkTo(sid)]);
          }, []);
        }))));
      }
      if (d.quantity) {
        panel.appendChild(el("h3", null, "How many"));
        panel.appendChild(el("p", { id: "panel-quantity" }, d.quantity));
      }
      panel.appendChild(el("h3", null, "Factuality"));
      const fdl = el("dl");
      row(fdl, "certainty", d.factuality.certainty);
      row(fdl, "polarity", d.factuality.polarity);
      row(fdl, "cue", d.factuality.cue ? "“" + d.factuality.cue + "”" : "");
      panel.appendChild(fdl);
      if (d.text) {
        panel.appendChild(el("h3", null, "Words"));
        panel.appendChild(el("blockquote", null, d.text));
      }
    }

    function entityBlocks(panel, id, d) {
      const dl = el("dl");
      row(dl, "also called", (d.aliases || []).join("; "));
      row(dl, "titles", (d.titles || []).join("; "));
      panel.appendChild(dl);
      if (d.merges) mergesBlock(panel, d);
      if (app.network.canExpand && app.network.canExpand(id)) {
        const expand = el("button", { type: "button", id: "panel-expand" },
                          app.network.isExpanded(id) ? "Hide its events in the network" : "Show its events in the network");
        expand.addEventListener("click", function () { app.network.toggleExpand(id); render(id); });
        panel.appendChild(expand);
      }
      const events = m.eventsOf(id);
      panel.appendChild(el("h3", null, "Events (" + events.length + ")"));
      panel.appendChild(eventList(events.map(function (p) { return [p[0], NGX.roleWord(p[1])]; })));
    }

    /** Events as lines "date — label (role)", in the order given. */
    function eventList(pairs) {
      return list(pairs.map(function (p) {
        const d = details[p[0]];
        const when = d.date ? (d.date.precision === "disputed" ? d.date.earliest + "?" : d.date.edtf) : "undated";
        return [el("span", { className: "when" }, when + " — "), linkTo(p[0]), p[1] ? " (" + p[1] + ")" : ""];
      }), "panel-events");
    }

    function mergesBlock(panel, d) { // a corpus node: which names were merged, by which rule, and how to undo it
      panel.appendChild(el("h3", null, "Merged names (" + d.merges.length + ")"));
      panel.appendChild(el("div", { id: "panel-merges" }, d.merges.map(function (mg) {
        return el("div", { className: "merge" }, [
          el("div", null, "“" + mg.a + "” = “" + mg.b + "” — rule: " + mg.rule),
          el("div", { className: "hint" }, "to split them, paste into the rules file:"),
          el("code", { className: "rule-line" }, mg.split),
        ]);
      })));
    }

    /** The panel for a link of the actors' overview: the events the two actors share. */
    function renderLink(link) {
      const panel = dom.$("panel");
      panel.replaceChildren();
      panel.appendChild(el("h2", { id: "panel-label" }, m.display(link.from) + " — " + m.display(link.to)));
      panel.appendChild(el("p", null, [linkTo(link.from), " and ", linkTo(link.to), " share " + link.weight +
                                       (link.weight === 1 ? " event" : " events")]));
      panel.appendChild(el("h3", null, "Shared events (" + link.events.length + ")"));
      panel.appendChild(eventList(m.byDate(link.events).map(function (e) { return [e, ""]; })));
    }

    function sourcesBlock(panel, d) { // a corpus node: what each article says
      panel.appendChild(el("h3", null, "Sources (" + d.sources.length + ")"));
      panel.appendChild(el("div", { id: "panel-sources" }, d.sources.map(function (s) {
        const line = articleLine(s[0]);
        if (s[1]) line.appendChild(document.createTextNode(" — dates it " + s[1] + (s[2] ? " (“" + s[2] + "”)" : "")));
        if (s[3]) line.appendChild(document.createTextNode(" — counts " + s[3]));
        return line;
      })));
    }

    /** Fill the panel for node ``id`` (or the hint, with none). */
    function render(id) {
      const panel = dom.$("panel");
      panel.replaceChildren();
      if (!id || !details[id]) {
        panel.appendChild(el("p", { className: "hint" }, HINT));
        return;
      }
      const d = details[id];
      const badge = el("span", { className: "kind" }, d.kind);
      badge.style.background = (data.legend[d.kind] || {}).color || "#777";
      panel.appendChild(el("h2", { id: "panel-label" }, m.display(id)));
      panel.appendChild(el("div", null, [badge, m.isEvent(id) ? " " + d.type : ""]));
      if (m.isEvent(id)) eventBlocks(panel, id, d); else entityBlocks(panel, id, d);
      if (d.sources) sourcesBlock(panel, d);
      const evidence = data.evidence(id);
      panel.appendChild(el("h3", null, "Evidence (" + evidence.length + ")"));
      const box = el("div", { id: "panel-evidence" });
      evidence.forEach(function (ev) { box.appendChild(evidenceBlock(ev)); });
      panel.appendChild(box);
      if (d.article && !evidence.length) panel.appendChild(articleLine(d.article));
    }
    return { render: render, renderLink: renderLink };
  };
})(typeof module === "object" && module.exports ? module.exports : (window.NGX = window.NGX || {}));
