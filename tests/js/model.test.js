// The explorer's filter rules (graph/resources/explorer/model.js), run in Node: `node --test tests/js`.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { model } = require("../../graph/resources/explorer/model.js");

// A small page: two dated events, one undated statement, two actors and a place.
function page() {
  return {
    details: {
      detention: { kind: "event", type: "arrest", label: "Police detain 40 men",
                   date: { edtf: "2017-03-28", precision: "day", earliest: "2017-03-28", latest: "2017-03-28" } },
      talks: { kind: "event", type: "meeting", label: "Ministers hold talks",
               date: { edtf: "2017-05", precision: "month", earliest: "2017-05-01", latest: "2017-05-31" } },
      denial: { kind: "statement", type: "statement", label: "Statement by Ann Lee", date: null },
      police: { kind: "organization", label: "Chechen police" },
      lee: { kind: "person", label: "Ann Lee" },
      grozny: { kind: "place", label: "Grozny" },
    },
    edges: [
      { from: "detention", to: "police", label: "agent" },
      { from: "detention", to: "grozny", label: "hasPlace" },
      { from: "talks", to: "lee", label: "participant" },
      { from: "denial", to: "lee", label: "speaker" },
    ],
  };
}

test("with no filter every node shows and every event is on the timeline", () => {
  const m = model(page());
  m.computeVisible();
  assert.deepStrictEqual([...m.visible].sort(), ["denial", "detention", "grozny", "lee", "police", "talks"]);
  assert.deepStrictEqual([...m.onTimeline].sort(), ["denial", "detention", "talks"]);
});

test("an actor filter keeps that actor's events and the nodes they link to", () => {
  const m = model(page());
  m.state.actor = "lee";
  m.computeVisible();
  assert.deepStrictEqual([...m.onTimeline].sort(), ["denial", "talks"]);
  assert.deepStrictEqual([...m.visible].sort(), ["denial", "lee", "talks"]);
});

test("a date range keeps the events that overlap it and drops the undated", () => {
  const m = model(page());
  m.state.from = "2017-05-15";
  m.computeVisible();
  assert.deepStrictEqual([...m.onTimeline], ["talks"]);
  m.state.from = "";
  m.state.to = "2017-04-01";
  m.computeVisible();
  assert.deepStrictEqual([...m.onTimeline], ["detention"]);
});

test("an open range stays in every later window", () => {
  const data = page();
  data.details.talks.date = { edtf: "2017-05-01/..", precision: "since", earliest: "2017-05-01", latest: null };
  const m = model(data);
  m.state.from = "2030-01-01";
  m.computeVisible();
  assert.deepStrictEqual([...m.onTimeline], ["talks"]);
});

test("a search finds an event by its label or by the name of a participant", () => {
  const m = model(page());
  m.state.search = "grozny";
  m.computeVisible();
  assert.deepStrictEqual([...m.onTimeline], ["detention"]);
  assert.ok(m.visible.has("grozny"));
  m.state.search = "talks";
  m.computeVisible();
  assert.deepStrictEqual([...m.onTimeline], ["talks"]);
});

test("a hidden kind leaves both views", () => {
  const m = model(page());
  m.state.hiddenKinds.add("statement");
  m.state.hiddenKinds.add("place");
  m.computeVisible();
  assert.ok(!m.onTimeline.has("denial"));
  assert.ok(!m.visible.has("grozny"));
});

test("the network can follow the timeline's window while the timeline keeps every event", () => {
  const m = model(page());
  m.state.follow = true;
  m.state.windowFrom = "2017-03-01";
  m.state.windowTo = "2017-03-31";
  m.computeVisible();
  assert.deepStrictEqual([...m.onTimeline].sort(), ["denial", "detention", "talks"]);
  assert.ok(m.visible.has("detention") && !m.visible.has("talks"));
});

test("reset clears every filter but keeps the selection", () => {
  const m = model(page());
  Object.assign(m.state, { search: "x", actor: "lee", type: "arrest", selected: "talks" });
  m.state.hiddenKinds.add("place");
  m.reset();
  assert.strictEqual(m.state.search + m.state.actor + m.state.type, "");
  assert.strictEqual(m.state.hiddenKinds.size, 0);
  assert.strictEqual(m.state.selected, "talks");
});

test("a clause fragment as a label gives way to the event's type and main actor", () => {
  const { readableLabel } = require("../../graph/resources/explorer/model.js");
  assert.strictEqual(readableLabel("who was", "statement", "Ann Lee"), "Statement — Ann Lee");
  assert.strictEqual(readableLabel("Th", "arrest", ""), "Arrest");
  assert.strictEqual(readableLabel("which was sold to the bank", "sale", "Acme"), "Sale — Acme");
  assert.strictEqual(readableLabel("Police detain 40 men", "arrest", "Police"), "Police detain 40 men");
});

test("a long label is cut at a word boundary with an ellipsis", () => {
  const { shorten } = require("../../graph/resources/explorer/model.js");
  const out = shorten("The ministers of the northern provinces held talks about the new harbour tolls today", 40);
  assert.ok(out.endsWith("…") && out.length <= 40, out);
  assert.ok("The ministers of the northern provinces held".startsWith(out.slice(0, -1)), out);
});

test("roles read as plain words, never predicate names", () => {
  const { roleWord } = require("../../graph/resources/explorer/model.js");
  assert.deepStrictEqual(["agent", "patient", "hasPlace", "speaker", "callsFor"].map(roleWord),
                         ["actor", "target", "place", "speaker", "calls for"]);
});

test("an actor's events come in date order, undated last", () => {
  const data = page();
  data.edges.push({ from: "detention", to: "lee", label: "patient" });
  const m = model(data);
  assert.deepStrictEqual(m.eventsOf("lee").map((p) => p[0]), ["detention", "talks", "denial"]);
});

test("the strip counts events per bin, empty bins included", () => {
  const { binCounts } = require("../../graph/resources/explorer/model.js");
  const out = binCounts(["2017-11-03", "2018-01-30", "2017-11-20", null], 3);
  assert.strictEqual(out.unit, "month");
  assert.deepStrictEqual(out.bins, ["2017-11-01", "2017-12-01", "2018-01-01"]);
  assert.deepStrictEqual(out.counts, [2, 0, 1]);
  assert.strictEqual(out.end, "2018-02-01");
  assert.deepStrictEqual(binCounts([]).bins, []);
});

test("the strip's bin follows the span: days for a week's events, years for decades", () => {
  const { binCounts } = require("../../graph/resources/explorer/model.js");
  const week = binCounts(["2020-02-27", "2020-03-01", "2020-03-01"]);
  assert.strictEqual(week.unit, "day");
  assert.deepStrictEqual(week.bins, ["2020-02-27", "2020-02-28", "2020-02-29", "2020-03-01"]);
  assert.deepStrictEqual(week.counts, [1, 0, 0, 2]);
  const season = binCounts(["2021-01-04", "2021-06-30"]);
  assert.strictEqual(season.unit, "week");
  assert.strictEqual(season.bins[0], "2021-01-04"); // a Monday: weeks start on Mondays
  assert.strictEqual(season.counts.reduce((a, b) => a + b), 2);
  assert.strictEqual(binCounts(["2000-05-05", "2010-01-01"]).unit, "month");
  const ages = binCounts(["1850-07-14", "2020-01-01"]);
  assert.strictEqual(ages.unit, "year");
  assert.deepStrictEqual([ages.bins[0], ages.end], ["1850-01-01", "2021-01-01"]);
});

test("a week starts on the Monday before, across a month and a year", () => {
  const { binStart } = require("../../graph/resources/explorer/model.js");
  assert.strictEqual(binStart("2021-01-03", "week"), "2020-12-28"); // a Sunday
  assert.strictEqual(binStart("2021-01-04", "week"), "2021-01-04");
  assert.strictEqual(binStart("2021-03-17", "month"), "2021-03-01");
  assert.strictEqual(binStart("2021-03-17", "year"), "2021-01-01");
});

test("an event's sources are followed back through the statements that relay them", () => {
  const data = {
    details: {
      detention: { kind: "event", type: "detention", label: "40 men detained", date: null },
      groups: { kind: "statement", type: "report", label: "Rights groups report 40 men detained", date: null },
      state: { kind: "statement", type: "statement", label: "State Department says rights groups report", date: null },
      lee: { kind: "statement", type: "statement", label: "Ann Lee said: “40 were held”", date: null },
    },
    edges: [
      { from: "groups", to: "detention", label: "reports" },
      { from: "state", to: "groups", label: "relays" },
      { from: "lee", to: "detention", label: "reports" },
    ],
  };
  const m = model(data);
  assert.deepStrictEqual(m.sourceChains("detention"), [["groups", "state"], ["lee"]]);
  assert.deepStrictEqual(m.sourceChains("groups"), [["state"]]);
  assert.deepStrictEqual(m.sourceChains("state"), []);
});
