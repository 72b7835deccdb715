/* newsgraph explorer, notice: the line over the timeline that says when vis-timeline is given
 * a sample of the events in its window (timeline.js gives it at most MAX_ITEMS), so that
 * nobody counts a sample as all. The wording needs no DOM: tests/js/ runs it in Node. */
(function (NGX) {
  "use strict";

  function number(n) { return n.toLocaleString("en-US"); }

  /** What the notice says when ``shown`` of the ``total`` events in the window are drawn:
   * nothing when all are. */
  function sampleNote(shown, total) {
    if (shown >= total) return "";
    return "Showing " + number(shown) + " of " + number(total) + " events in this window. " +
      "Zoom in or filter to see every one.";
  }

  /** A function that says it in ``box`` (a live region, empty when all are drawn). Its text
   * changes only when the words do, so a screen reader hears each once. */
  function sampleNotice(box) {
    return function (shown, total) {
      const text = sampleNote(shown, total);
      if (box && box.textContent !== text) box.textContent = text;
    };
  }

  NGX.sampleNote = sampleNote;
  NGX.sampleNotice = sampleNotice;
})(typeof module === "object" && module.exports ? module.exports : (window.NGX = window.NGX || {}));
