/* styrdok: the search page (templates/overrides/sok.html) with the site's Pagefind index
   (styrdok/webb/sok.py). Does nothing on other pages. pagefind.js is imported only when
   someone searches (or opens a filter).
   Ranking: Pagefind's score, with pages whose status is ersatt, upphävd or utgången
   weighted down (the same query run once more with those statuses as a filter tells which
   they are), unless the visitor filters on status. A query that looks like a KFS number or
   diarienummer (EKFS 2021:2, 2021:2, KS 2021/123) is also looked up exactly in
   pagefind/styrdok-beteckningar-<år>.json, and those pages come first.
   pagefind/styrdok-sok.json tells whether the index takes in another one (the intranet's
   takes in a copy of the public site's, styrdok/webb/sok_sammanslagning.py): that one is
   merged, and its pages the site does not have as they are there ("utan") are left out,
   from the hits and from the filters' counts. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-styrdok-sok]");
  if (!form) return;

  var HISTORISKA = ["ersatt", "upphävd", "utgången"];
  var VIKT_HISTORISK = 0.25;
  var PER_SIDA = 10;
  var BETECKNING = /^\s*([A-Za-zÅÄÖåäö]{1,10}\s*)?\d{4}\s*[:\/]\s*\d+\s*$/;

  var rot = new URL(form.getAttribute("data-rot") || "./", location.href);
  var fält = form.querySelector("input[name=q]");
  var status = document.querySelector("[data-styrdok-sok-status]");
  var lista = document.querySelector("[data-styrdok-sok-traffar]");
  var fler = document.querySelector("[data-styrdok-sok-fler]");
  var väljare = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var pagefind = null, beteckningar = {}, filterLaddade = false, utan = {}, utanFilter = {};
  var träffar = [], visade = 0, omgång = 0, exaktaAdresser = {};

  function ladda() {
    if (!pagefind) {
      var beskrivning = fetch(new URL("pagefind/styrdok-sok.json", rot).href)
        .then(function (svar) { return svar.ok ? svar.json() : {}; });
      pagefind = Promise.all([import(new URL("pagefind/pagefind.js", rot).href), beskrivning])
        .then(function (svar) {
          var pf = svar[0], annat = svar[1] || {}, val = { baseUrl: rot.pathname, excerptLength: 24 };
          return pf.options(val).then(function () {
            if (!annat.index) return;
            (annat.utan || []).forEach(function (id) { utan[id] = true; });
            utanFilter = annat.filter || {};
            return pf.mergeIndex(new URL("pagefind/" + annat.index, rot).pathname, val);
          }).then(function () {
            pf.init();
            return pf;
          });
        });
    }
    return pagefind;
  }

  function egna(svar) {  // each page once (the merged index may hold the same as the own)
    var sett = {};
    return svar.results.filter(function (r) {
      if (utan[r.id] || sett[r.id]) return false;
      sett[r.id] = true;
      return true;
    });
  }

  function nyckel(text) { return text.replace(/\s+/g, "").toUpperCase(); }

  function exakta(q) {
    var år = BETECKNING.test(q) && q.match(/\d{4}/);
    if (!år) return Promise.resolve([]);
    if (!beteckningar[år[0]]) {
      beteckningar[år[0]] = fetch(new URL("pagefind/styrdok-beteckningar-" + år[0] + ".json", rot).href)
        .then(function (svar) { return svar.ok ? svar.json() : {}; })
        .catch(function () { return {}; });
    }
    return beteckningar[år[0]].then(function (alla) {
      return ((alla.nycklar || {})[nyckel(q)] || []).map(function (i) { return alla.sidor[i]; });
    });
  }

  function valdaFilter() {
    var filter = {};
    väljare.forEach(function (s) { if (s.value) filter[s.getAttribute("data-filter")] = s.value; });
    return filter;
  }

  function fyllFilter(pf) {
    if (filterLaddade) return Promise.resolve();
    filterLaddade = true;
    return pf.filters().then(function (alla) {
      väljare.forEach(function (s) {
        var namn = s.getAttribute("data-filter");
        var antal = {};
        Object.keys(alla[namn] || {}).forEach(function (v) {
          var n = alla[namn][v] - ((utanFilter[namn] || {})[v] || 0);
          if (n > 0) antal[v] = n;
        });
        var värden = Object.keys(antal);
        värden.sort(function (a, b) {
          return namn === "år" ? b.localeCompare(a) : a.localeCompare(b, "sv");
        });
        var valt = s.value || new URLSearchParams(location.search).get(namn) || "";
        värden.forEach(function (v) {
          var o = document.createElement("option");
          o.value = v;
          o.textContent = v.charAt(0).toUpperCase() + v.slice(1) + " (" + antal[v] + ")";
          s.appendChild(o);
        });
        s.value = valt;
        s.disabled = värden.length === 0;
      });
    });
  }

  function passar(post, filter) {
    return Object.keys(filter).every(function (namn) {
      var värden = (post.filter || {})[namn];
      return värden === filter[namn];
    });
  }

  function text(element, innehåll, klass) {
    var e = document.createElement(element);
    e.textContent = innehåll;
    if (klass) e.className = klass;
    return e;
  }

  function utdrag(html) {
    // Pagefind's excerpt is HTML with <mark>: keep only its text and the marks.
    var p = document.createElement("p");
    p.className = "styrdok-sok__utdrag";
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    Array.prototype.forEach.call(doc.body.firstChild.childNodes, function (nod) {
      if (nod.nodeName === "MARK") p.appendChild(text("mark", nod.textContent));
      else p.appendChild(document.createTextNode(nod.textContent));
    });
    return p;
  }

  function visa(data) {
    if (data.excerpt !== undefined && exaktaAdresser[data.url]) return;  // already first
    var meta = data.meta || {};
    var li = document.createElement("li");
    var h = document.createElement("h2");
    var a = text("a", meta.title || data.url);
    a.href = data.url;
    h.appendChild(a);
    li.appendChild(h);
    var fakta = [meta.dokumenttyp, meta.kfs, meta.status, meta.diarienummer, meta.dokumentansvarig]
      .filter(Boolean);
    if (fakta.length) li.appendChild(text("p", fakta.join(" · "), "styrdok-sok__fakta"));
    if (data.excerpt) li.appendChild(utdrag(data.excerpt));
    else if (meta.sammanfattning) li.appendChild(text("p", meta.sammanfattning, "styrdok-sok__utdrag"));
    lista.appendChild(li);
  }

  function visaFler(nr) {
    var del = träffar.slice(visade, visade + PER_SIDA);
    visade += del.length;
    return Promise.all(del.map(function (t) { return t.data ? t.data() : Promise.resolve(t); }))
      .then(function (alla) {
        if (nr !== omgång) return;
        var första = lista.children.length;
        alla.forEach(visa);
        fler.hidden = visade >= träffar.length;
        return första;
      });
  }

  function sök(frånAdress) {
    var q = fält.value.trim();
    var filter = valdaFilter();
    var nr = ++omgång;
    var adress = new URLSearchParams();
    if (q) adress.set("q", q);
    Object.keys(filter).forEach(function (k) { adress.set(k, filter[k]); });
    if (!frånAdress) history.replaceState(null, "", "?" + adress.toString());
    if (!q && !Object.keys(filter).length) {
      lista.textContent = ""; fler.hidden = true; status.textContent = "";
      return Promise.resolve();
    }
    status.textContent = "Söker …";
    return ladda().then(function (pf) {
      var villkor = Object.keys(filter).length ? { filters: filter } : {};
      var historiska = filter.status ? Promise.resolve({ results: [] }) : pf.search(
        q || null, { filters: Object.assign({}, filter, { status: { any: HISTORISKA } }) });
      return Promise.all([pf.search(q || null, villkor), historiska, exakta(q), fyllFilter(pf)]);
    }).then(function (svar) {
      if (nr !== omgång) return;
      var gamla = {};
      egna(svar[1]).forEach(function (r) { gamla[r.id] = true; });
      var poster = egna(svar[0]).map(function (r, i) {
        return { r: r, poäng: r.score * (gamla[r.id] ? VIKT_HISTORISK : 1), i: i };
      });
      poster.sort(function (a, b) { return b.poäng - a.poäng || a.i - b.i; });
      var först = svar[2].filter(function (p) { return passar(p, filter); }).map(function (p) {
        return { url: new URL(p.url, rot).pathname, meta: p.meta };
      });
      exaktaAdresser = {};
      först.forEach(function (p) { exaktaAdresser[p.url] = true; });
      träffar = först.concat(poster.map(function (p) { return p.r; }));
      lista.textContent = "";
      visade = 0;
      var antal = Math.max(poster.length, först.length);
      return visaFler(nr).then(function (första) {
        if (nr !== omgång) return;
        status.textContent = antal === 0
          ? "Inga träffar för »" + q + "«" + (Object.keys(filter).length ? " med de valda filtren." : ".")
          : antal + (antal === 1 ? " träff" : " träffar") + (q ? " för »" + q + "«" : "") + ".";
        return första;
      });
    }).catch(function () {
      if (nr !== omgång) return;
      status.textContent = "Sökningen kunde inte göras. Ladda om sidan och försök igen.";
    });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); sök(false); });
  väljare.forEach(function (s) { s.addEventListener("change", function () { sök(false); }); });
  form.querySelector("fieldset").addEventListener("focusin", function () {
    ladda().then(fyllFilter).catch(function () {});
  });
  fler.addEventListener("click", function () {
    visaFler(omgång).then(function (första) {
      var länk = lista.children[första] && lista.children[första].querySelector("a");
      if (länk) länk.focus();
    });
  });

  var parametrar = new URLSearchParams(location.search);
  fält.value = parametrar.get("q") || "";
  var harFilter = väljare.some(function (s) { return parametrar.get(s.getAttribute("data-filter")); });
  if (fält.value || harFilter) {
    if (harFilter) {
      ladda().then(fyllFilter).then(function () { sök(true); });
    } else {
      sök(true);
    }
  } else {
    fält.focus();
  }
})();
