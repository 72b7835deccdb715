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
  assert.deepStrictEqual(["agent", "patient", "hasPlace", "speaker"].map(roleWord), ["actor", "target", "place", "speaker"]);
});

test("an actor's events come in date order, undated last", () => {
  const data = page();
  data.edges.push({ from: "detention", to: "lee", label: "patient" });
  const m = model(data);
  assert.deepStrictEqual(m.eventsOf("lee").map((p) => p[0]), ["detention", "talks", "denial"]);
});

test("the overview counts events per month, empty months included", () => {
  const { monthCounts } = require("../../graph/resources/explorer/model.js");
  const out = monthCounts(["2017-11-03", "2018-01-30", "2017-11-20", null]);
  assert.deepStrictEqual(out.months, ["2017-11", "2017-12", "2018-01"]);
  assert.deepStrictEqual(out.counts, [2, 0, 1]);
  assert.deepStrictEqual(monthCounts([]).months, []);
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
