/* newsgraph explorer, dom: small DOM helpers. Every string from an article reaches the
 * page through textContent (or, where a library insists on HTML, through escapeHtml),
 * never through innerHTML. */
(function (NGX) {
  "use strict";
  function $(id) { return document.getElementById(id); }

  function el(tag, props, children) {
    const node = document.createElement(tag);
    if (props) Object.assign(node, props);
    [].concat(children === undefined ? [] : children).forEach(function (child) {
      if (child === null || child === undefined || child === "") return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function localDay(iso) { // "2018-12-29" as local midnight, as vis-timeline reads a date string, minus its parser
    const day = new Date(2000, 0, 1);
    day.setFullYear(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
    return day;
  }

  function isoDay(date) {
    const d = new Date(date);
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  function list(items, id) {
    return el("ul", id ? { id: id } : null, items.map(function (item) { return el("li", null, item); }));
  }

  function row(dl, term, value) {
    if (value === null || value === undefined || value === "") return;
    dl.appendChild(el("dt", null, term));
    dl.appendChild(el("dd", null, value));
  }

  NGX.dom = { $: $, el: el, escapeHtml: escapeHtml, localDay: localDay, isoDay: isoDay, list: list, row: row };
})(typeof module === "object" && module.exports ? module.exports : (window.NGX = window.NGX || {}));
