/* editio web edition: offline search. Pagefind when the site is served; the script index
   (search-index.js) when it is opened from file://, where browsers refuse to fetch files. */
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var pagefind = null;

  function filters() {
    var out = {};
    Array.prototype.forEach.call(document.querySelectorAll("select[data-filter]"), function (s) {
      if (s.value) out[s.getAttribute("data-filter")] = s.value;
    });
    return out;
  }

  /* Copy only text and <mark> from an excerpt: nothing else from an index reaches the page. */
  function excerptInto(node, html) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    (function copy(from, to) {
      Array.prototype.forEach.call(from.childNodes, function (child) {
        if (child.nodeType === 3) to.appendChild(document.createTextNode(child.nodeValue));
        else if (child.nodeType === 1 && child.tagName === "MARK") copy(child, to.appendChild(document.createElement("mark")));
        else if (child.nodeType === 1) copy(child, to);
      });
    })(doc.body, node);
  }

  function show(results, term) {
    list.textContent = "";
    status.textContent = results.length === 0 ? "No documents found." :
      results.length + (results.length === 1 ? " document found." : " documents found.");
    results.forEach(function (r) {
      var li = document.createElement("li");
      var h = document.createElement("h2");
      var a = document.createElement("a");
      a.href = r.url; a.textContent = r.title;
      h.appendChild(a); li.appendChild(h);
      if (r.date) { var m = document.createElement("p"); m.className = "result-meta"; m.textContent = r.date; li.appendChild(m); }
      var p = document.createElement("p");
      excerptInto(p, r.excerpt || "");
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  function escapeText(s) { var d = document.createElement("div"); d.textContent = s; return d.innerHTML; }

  /* the built-in index: every word of the query must occur; filters must match */
  function localSearch(term, wanted) {
    var words = term.toLowerCase().split(/\s+/).filter(Boolean);
    return (window.EDITIO_SEARCH || []).filter(function (rec) {
      var hay = (rec.title + " " + rec.text).toLowerCase();
      var okWords = words.every(function (w) { return hay.indexOf(w) >= 0; });
      var okFilters = Object.keys(wanted).every(function (k) { return (rec.filters[k] || []).indexOf(wanted[k]) >= 0; });
      return okWords && okFilters;
    }).map(function (rec) {
      var lower = rec.text.toLowerCase(), at = words.length ? lower.indexOf(words[0]) : 0, excerpt;
      if (at < 0) { excerpt = escapeText(rec.summary || rec.text.slice(0, 200)); }
      else {
        var start = Math.max(0, at - 90), end = Math.min(rec.text.length, at + words[0].length + 90);
        excerpt = (start > 0 ? "…" : "") + escapeText(rec.text.slice(start, at)) + "<mark>" +
          escapeText(rec.text.slice(at, at + words[0].length)) + "</mark>" + escapeText(rec.text.slice(at + words[0].length, end)) + (end < rec.text.length ? "…" : "");
      }
      return { url: rec.url, title: rec.title, date: rec.date, excerpt: excerpt };
    });
  }

  function run() {
    var term = input.value.trim(), wanted = filters();
    if (!term && Object.keys(wanted).length === 0) { list.textContent = ""; status.textContent = ""; return; }
    if (!pagefind) { show(localSearch(term, wanted), term); return; }
    status.textContent = "Searching…";
    pagefind.search(term || null, { filters: wanted }).then(function (search) {
      return Promise.all(search.results.map(function (r) { return r.data(); }));
    }).then(function (data) {
      show(data.map(function (d) {
        return { url: d.url, title: (d.meta && d.meta.title) || d.url, date: d.meta && d.meta.date, excerpt: d.excerpt };
      }), term);
    }).catch(function () { pagefind = null; show(localSearch(term, wanted), term); });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", run);
  Array.prototype.forEach.call(document.querySelectorAll("select[data-filter]"), function (s) { s.addEventListener("change", run); });

  var params = new URLSearchParams(location.search);
  if (params.get("q")) input.value = params.get("q");
  Array.prototype.forEach.call(document.querySelectorAll("select[data-filter]"), function (s) {
    var v = params.get(s.name); if (v) s.value = v;
  });

  var ready = location.protocol === "file:" ? Promise.reject(new Error("file://")) :
    import(new URL("pagefind/pagefind.js", document.baseURI).href).then(function (pf) {
      /* a large edition has several indexes (pagefind-1/, …, listed on the results list): merge them */
      var extra = (list.getAttribute("data-indexes") || "").split(" ").filter(Boolean);
      return Promise.resolve(pf.options ? pf.options({ baseUrl: new URL(".", document.baseURI).pathname }) : null).then(function () {
        return Promise.all(extra.map(function (name) { return pf.mergeIndex(new URL(name + "/", document.baseURI).href); }));
      }).then(function () { pagefind = pf; });
    });
  ready.catch(function () { pagefind = null; }).then(function () {
    document.body.setAttribute("data-search-engine", pagefind ? "pagefind" : "built-in");
    run();
  });
})();
