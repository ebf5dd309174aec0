/* editio web edition: filter the list of letters as the reader types (all words must occur). */
(function () {
  "use strict";
  var input = document.querySelector("input[data-filter-table]");
  if (!input) return;
  var table = document.getElementById(input.getAttribute("data-filter-table"));
  var status = document.getElementById("letters-status");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  function run() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var keep = words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    // "on this page" where the letters go on over several pages (data-scope)
    status.textContent = shown + (shown === 1 ? " letter" : " letters") + (words.length ? " match" : "") +
      (status.getAttribute("data-scope") || "");
  }
  input.addEventListener("input", run);
})();
