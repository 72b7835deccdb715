// Which dated events fall in a window (graph/resources/explorer/timeindex.js), run in Node: `node --test tests/js`.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { timeIndex, spread } = require("../../graph/resources/explorer/timeindex.js");

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
