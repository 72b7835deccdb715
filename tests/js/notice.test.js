// The timeline's notice that it shows a sample (graph/resources/explorer/notice.js), run in Node: `node --test tests/js`.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { sampleNote, sampleNotice } = require("../../graph/resources/explorer/notice.js");

test("the notice gives both numbers when the window's events are a sample, and says nothing when all are shown", () => {
  assert.strictEqual(sampleNote(1000, 23412),
                     "Showing 1,000 of 23,412 events in this window. Zoom in or filter to see every one.");
  assert.strictEqual(sampleNote(1000, 1001), "Showing 1,000 of 1,001 events in this window. Zoom in or filter to see every one.");
  assert.strictEqual(sampleNote(1000, 1000), "");
  assert.strictEqual(sampleNote(12, 12), "");
  assert.strictEqual(sampleNote(0, 0), "");
});

test("the live region's text is written only when its words change, so it is read out once", () => {
  let text = "", writes = 0;
  const box = { get textContent() { return text; }, set textContent(value) { text = value; writes++; } };
  const say = sampleNotice(box);
  say(1000, 5000);
  say(1000, 5000);
  assert.deepStrictEqual([text, writes], ["Showing 1,000 of 5,000 events in this window. Zoom in or filter to see every one.", 1]);
  say(1000, 1200);
  say(80, 80);
  say(90, 90);
  assert.deepStrictEqual([text, writes], ["", 3]);
});
