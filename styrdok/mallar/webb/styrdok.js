/* styrdok: progressive enhancement for tables. Without JavaScript every table and every
   filtered view of the register (plain pages) still works. */
(function () {
  "use strict";

  function cellText(row, i) {
    var c = row.cells[i];
    return c ? c.textContent.trim() : "";
  }

  var SORT_MIN_ROWS = 8;  // rows: a shorter table is read at a glance, and sorting it is noise

  function makeSortable(table) {
    var head = table.tHead;
    if (!head || !table.tBodies.length || table.tBodies[0].rows.length < SORT_MIN_ROWS) return;
    Array.prototype.forEach.call(head.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "styrdok-sortera";
      while (th.firstChild) button.appendChild(th.firstChild);  // keeps marks such as .styrdok-valfri
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.rows[0].cells, function (other) {
          other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellText(a, index), y = cellText(b, index);
          var r = x.localeCompare(y, "sv", { numeric: true });
          return ascending ? r : -r;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function addFilter(box, table) {
    var columns = { "Kategori": -1, "Status": -1, "År": -1 };
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      var name = th.textContent.trim();
      if (name in columns) columns[name] = i;
      if (name === "Beslutsdatum") columns["År"] = i;
    });
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var selects = {};
    Object.keys(columns).forEach(function (name) {
      var i = columns[name];
      if (i < 0) return;
      var values = {};
      rows.forEach(function (row) {
        var v = cellText(row, i);
        if (name === "År") v = v.slice(0, 4);
        values[v] = true;
      });
      var id = "styrdok-filter-" + name.toLowerCase().replace("å", "a");
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = name + " ";
      var select = document.createElement("select");
      select.id = id;
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "Alla";
      select.appendChild(all);
      Object.keys(values).sort(function (a, b) { return a.localeCompare(b, "sv"); }).forEach(function (v) {
        var o = document.createElement("option");
        o.value = v;
        o.textContent = v;
        select.appendChild(o);
      });
      select.addEventListener("change", apply);
      selects[name] = { select: select, index: i };
      label.appendChild(select);
      box.appendChild(label);
    });
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    box.appendChild(status);
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Object.keys(selects).every(function (name) {
          var s = selects[name], want = s.select.value, v = cellText(row, s.index);
          if (name === "År") v = v.slice(0, 4);
          return !want || v === want;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      status.textContent = "Visar " + shown + " av " + rows.length + " författningar.";
    }
    box.hidden = false;
    apply();
  }

  /* Printouts: the address the page was printed from and the day (overrides/main.html). */
  function fillPrintout() {
    var address = document.querySelector("[data-styrdok-adress]");
    var printed = document.querySelector("[data-styrdok-utskriven]");
    if (address) {
      address.lastElementChild.textContent = window.location.href.split("#")[0];
      address.hidden = false;
    }
    if (printed) {
      printed.lastElementChild.textContent = new Date().toLocaleDateString("sv-SE", {
        year: "numeric", month: "long", day: "numeric"
      });
      printed.hidden = false;
    }
  }
  window.addEventListener("beforeprint", fillPrintout);

  document.addEventListener("DOMContentLoaded", function () {
    fillPrintout();
    var tables = document.querySelectorAll(".md-content table:not(.styrdok-metadata)");
    Array.prototype.forEach.call(tables, makeSortable);
    var box = document.querySelector(".styrdok-filter");
    if (box) {
      var table = box.parentElement.querySelector("table:not(.styrdok-metadata)");
      var next = box.nextElementSibling;
      while (next && next.tagName !== "TABLE" && !next.querySelector("table")) next = next.nextElementSibling;
      if (next) table = next.tagName === "TABLE" ? next : next.querySelector("table");
      if (table && table.tHead) addFilter(box, table);
    }
  });
})();
