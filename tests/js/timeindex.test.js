// Which dated events fall in a window (graph/resources/explorer/timeindex.js), run in Node: `node --test tests/js`.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { timeIndex, spread, windowSample } = require("../../graph/resources/explorer/timeindex.js");

const DAY = 86400000;

// Days, months, ranges of a few days and open ranges of up to two years, sorted by start.
function events(count, seed) {
  let x = seed;
  function next() { x = (x * 1103515245 + 12345) % 2147483648; return x / 2147483648; }
  const spans = [];
  for (let i = 0; i < count; i++) {
    const start = Math.floor(next() * 1000) * DAY, roll = next();
    const length = roll < 0.5 ? 0 : roll < 0.7 ? 30 * DAY : roll < 0.9 ? Math.floor(next() * 20) * DAY : Math.floor(next() * 700) * DAY;
    spans.push([start, start + length]);
  }
  spans.sort(function (a, b) { return a[0] - b[0]; });
  return { starts: spans.map(function (s) { return s[0]; }), ends: spans.map(function (s) { return s[1]; }) };
}

test("a window gets exactly the passing events whose span meets it, ranges that run into it included", () => {
  const { starts, ends } = events(3000, 7);
  const passing = starts.map(function (_, i) { return i; }).filter(function (i) { return i % 3 !== 0; });
  const index = timeIndex(starts, ends, passing);
  [[100, 130], [0, 5], [400, 401], [990, 1800], [-50, -1], [250, 250]].forEach(function (w) {
    const from = w[0] * DAY, to = w[1] * DAY;
    const expected = passing.filter(function (i) { return starts[i] <= to && ends[i] >= from; });
    const found = index.within(from, to);
    assert.deepStrictEqual(found.slice().sort(function (a, b) { return a - b; }), expected);
    assert.ok(found.every(function (i, k) { return k === 0 || starts[found[k - 1]] <= starts[i]; }), "in order of start");
  });
});

test("a long list is cut to an even spread across it, a short one kept whole", () => {
  const list = Array.from({ length: 1000 }, function (_, i) { return i; });
  assert.deepStrictEqual(spread(list, 4), [0, 250, 500, 750]);
  assert.strictEqual(spread(list, 2000), list);
});

// The passing events of a long timeline (every third one filtered out) and an index over them.
function filtered() {
  const { starts, ends } = events(6000, 3);
  const passing = starts.map(function (_, i) { return i; }).filter(function (i) { return i % 3 !== 0; });
  return { starts: starts, ends: ends, index: timeIndex(starts, ends, passing) };
}

test("a window holding more events than vis-timeline may have counts them all and gives a spread of them", () => {
  const { index } = filtered();
  const inside = index.within(200 * DAY, 800 * DAY), near = index.within(0, 1000 * DAY);
  assert.ok(inside.length > 1000 && near.length > inside.length);
  const chosen = windowSample(inside, near, 1000, null);
  assert.strictEqual(chosen.items.length, 1000);
  const inWindow = new Set(inside);
  assert.ok(chosen.items.every(function (i) { return inWindow.has(i); }), "only events of the window");
  assert.deepStrictEqual([chosen.shown, chosen.total, chosen.sampled], [1000, inside.length, true]);
});

test("a window with fewer events than the most is shown whole, though the events around it are a sample", () => {
  const { index } = filtered();
  const inside = index.within(400 * DAY, 500 * DAY), near = index.within(300 * DAY, 600 * DAY);
  assert.ok(inside.length < 1000 && near.length > 1000);
  const chosen = windowSample(inside, near, 1000, null);
  assert.strictEqual(chosen.items.length, 1000);
  assert.deepStrictEqual(chosen.items.slice(0, inside.length), inside);
  assert.deepStrictEqual([chosen.shown, chosen.total, chosen.sampled], [inside.length, inside.length, true]);
});

test("few events near the window are given all, with nothing sampled", () => {
  const { index } = filtered();
  const inside = index.within(400 * DAY, 410 * DAY), near = index.within(390 * DAY, 420 * DAY);
  const chosen = windowSample(inside, near, 1000, null);
  assert.strictEqual(chosen.items, near);
  assert.deepStrictEqual([chosen.shown, chosen.total, chosen.sampled], [inside.length, inside.length, false]);
});

test("a chosen event left out of the sample is given too, and counted as shown only when in the window", () => {
  const { index } = filtered();
  const inside = index.within(200 * DAY, 800 * DAY), near = index.within(0, 1000 * DAY);
  const left = inside.filter(function (i) { return spread(inside, 1000).indexOf(i) < 0; });
  const far = near.filter(function (i) { return inside.indexOf(i) < 0; });
  const within = windowSample(inside, near, 1000, left[0]), outside = windowSample(inside, near, 1000, far[0]);
  assert.deepStrictEqual([within.items.length, within.items[1000], within.shown], [1001, left[0], 1001]);
  assert.deepStrictEqual([outside.items.length, outside.items[1000], outside.shown], [1001, far[0], 1000]);
  assert.strictEqual(outside.total, inside.length);
});
