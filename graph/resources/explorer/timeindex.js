/* newsgraph explorer, timeindex: which dated events fall in a window of time, without
 * looking at them all. vis-timeline makes and measures an object for every item it is
 * given, so a long timeline gives it only the events near its window; this finds them by
 * binary search. No DOM and no library: tests/js/ runs it in Node. */
(function (NGX) {
  "use strict";
  // An event spanning at most this long is found by its start; a longer one (a year, an
  // open range running to its article's date) is on a list of its own, looked through whole.
  const SHORT_SPAN = 45 * 86400000;

  /** The first index in ``sorted`` (ascending) whose value is >= ``value``. */
  function lowerBound(sorted, value) {
    let lo = 0, hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** An index over events: ``starts`` and ``ends`` (milliseconds, ends >= starts) by event
   * number, the numbers in order of start. ``within(from, to)`` gives, in order of start, the
   * numbers of those in ``order`` (a subsequence: the events that pass the filters) whose
   * span meets ``from``..``to``. */
  function timeIndex(starts, ends, order) {
    const short = [], shortStarts = [], long = [];
    order.forEach(function (i) {
      if (ends[i] - starts[i] <= SHORT_SPAN) { short.push(i); shortStarts.push(starts[i]); } else long.push(i);
    });
    return {
      size: order.length,
      within: function (from, to) {
        const out = [];
        let a = 0, b = lowerBound(shortStarts, to + 1);
        for (let k = lowerBound(shortStarts, from - SHORT_SPAN); k < b; k++) {
          const i = short[k];
          if (ends[i] >= from) out.push(i);
        }
        const longs = long.filter(function (i) { return starts[i] <= to && ends[i] >= from; });
        if (!longs.length) return out;
        const merged = []; // both lists are in order of start
        for (b = 0; a < out.length || b < longs.length;) {
          merged.push(b >= longs.length || (a < out.length && starts[out[a]] <= starts[longs[b]]) ? out[a++] : longs[b++]);
        }
        return merged;
      },
    };
  }

  /** At most ``max`` of ``list``, spread evenly across it (all of it when it is short enough). */
  function spread(list, max) {
    if (list.length <= max) return list;
    const out = [], step = list.length / max;
    for (let k = 0; k < max; k++) out.push(list[Math.floor(k * step)]);
    return out;
  }

  /** The event numbers to give vis-timeline, at most ``max`` (and ``keep``): ``inside`` (those
   * that pass the filters and meet the window, in order of start) and ``near`` (those that
   * pass around it, ``inside`` among them). All of ``near`` when that is few enough; else all
   * of ``inside`` and a spread of the rest of ``near``; else a spread of ``inside``. ``keep``
   * (an event that passes, or null) is given whatever the sample. Also how many of the events
   * in the window are given (``shown``) of how many there are (``total``). */
  function windowSample(inside, near, max, keep) {
    let items = near, shown = inside.length;
    if (inside.length >= max) {
      items = spread(inside, max);
      shown = items.length;
    } else if (near.length > max) {
      const taken = new Set(inside);
      items = inside.concat(spread(near.filter(function (i) { return !taken.has(i); }), max - inside.length));
    }
    const sampled = items.length < near.length;
    if (keep !== null && items.indexOf(keep) < 0) {
      items = items.concat([keep]);
      if (inside.indexOf(keep) >= 0) shown++;
    }
    return { items: items, sampled: sampled, shown: shown, total: inside.length };
  }

  NGX.timeIndex = timeIndex;
  NGX.spread = spread;
  NGX.windowSample = windowSample;
  NGX.lowerBound = lowerBound;
})(typeof module === "object" && module.exports ? module.exports : (window.NGX = window.NGX || {}));
