/* editio web edition: reading options of a document page. Plain script, works from file://. */
(function () {
  "use strict";
  var text = document.getElementById("text");

  function each(selector, fn, root) { Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn); }

  /* reading / diplomatic view */
  function setView(view) {
    if (!text) return;
    text.classList.toggle("view-reading", view === "reading");
    text.classList.toggle("view-diplomatic", view === "diplomatic");
  }

  /* read the text as one witness: show only the readings (and milestones) carrying its siglum */
  function setWitness(siglum) {
    if (!text) return;
    text.setAttribute("data-witness", siglum);
    each(".rdg", function (r) {
      var sigla = (r.getAttribute("data-wit") || "").split(/\s+/);
      r.classList.toggle("rdg-current", sigla.indexOf(siglum) >= 0);
    }, text);
    each('input[name="witness"]', function (i) { i.checked = i.value === siglum; });
  }

  /* a text with lemmata: "Edited text" (the lemma of every entry, data-wit "*") comes first */
  var lemma = text && text.querySelector('.rdg[data-wit~="*"]');
  var first = document.querySelector('input[name="witness"]');
  if (lemma && first) {
    var label = document.createElement("label");
    var radio = document.createElement("input");
    radio.type = "radio"; radio.name = "witness"; radio.value = "*";
    label.appendChild(radio);
    label.appendChild(document.createTextNode(" Edited text"));
    first.parentNode.parentNode.insertBefore(label, first.parentNode);
    setWitness("*");
  }

  each('input[name="view"]', function (input) {
    input.addEventListener("change", function () { if (input.checked) setView(input.value); });
  });
  each('input[name="witness"]', function (input) {
    input.addEventListener("change", function () { if (input.checked) setWitness(input.value); });
  });
  each('input[name="hl"]', function (input) {
    input.addEventListener("change", function () {
      if (text) text.classList.toggle("hl-" + input.value, input.checked);
    });
  });

  /* apparatus markers open the readings of every witness */
  each(".app-marker", function (button) {
    button.addEventListener("click", function () {
      var panel = document.getElementById(button.getAttribute("aria-controls"));
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
      if (panel) panel.hidden = open;
    });
  });

  /* synoptic view: hidden until asked for */
  var synoptic = document.getElementById("synoptic");
  var opener = document.getElementById("open-synoptic");
  if (synoptic && opener) {
    synoptic.hidden = location.hash !== "#synoptic";
    opener.setAttribute("aria-expanded", String(!synoptic.hidden));
    opener.setAttribute("aria-controls", "synoptic");
    opener.setAttribute("role", "button");
    opener.addEventListener("click", function (event) {
      event.preventDefault();
      synoptic.hidden = !synoptic.hidden;
      opener.setAttribute("aria-expanded", String(!synoptic.hidden));
      if (!synoptic.hidden) { synoptic.scrollIntoView(); synoptic.querySelector("h2").setAttribute("tabindex", "-1"); synoptic.querySelector("h2").focus(); }
    });
  }

  /* cards on hover and focus for names linked to the register */
  var pop = null;
  function hideCard() { if (pop) { pop.remove(); pop = null; } }
  function showCard(link) {
    var card = document.getElementById("card-" + link.getAttribute("data-ref"));
    if (!card) return;
    hideCard();
    pop = document.createElement("div");
    pop.className = "card-pop";
    pop.setAttribute("aria-hidden", "true");       /* the link's aria-describedby already says it */
    pop.textContent = card.textContent;
    document.body.appendChild(pop);
    var box = link.getBoundingClientRect();
    var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8);
    pop.style.left = Math.max(4, left) + "px";
    pop.style.top = (window.scrollY + box.bottom + 6) + "px";
  }
  each("a.ent[data-ref]", function (link) {
    link.addEventListener("mouseenter", function () { showCard(link); });
    link.addEventListener("focus", function () { showCard(link); });
    link.addEventListener("mouseleave", hideCard);
    link.addEventListener("blur", hideCard);
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hideCard(); });

  /* arriving at a mention: if it sits in another witness's reading, switch to that witness */
  function reveal() {
    if (!text || !location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target || !text.contains(target)) return;
    var rdg = target.closest(".rdg");
    if (rdg && !rdg.classList.contains("rdg-current")) {
      setWitness((rdg.getAttribute("data-wit") || "").split(/\s+/)[0]);
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", reveal);
  reveal();

  /* stable URL shown absolute when the site has no configured base URL */
  var stable = document.querySelector("a.stable-url");
  if (stable && !/^https?:/.test(stable.textContent.trim())) {
    each("a.stable-url code, .stable-url-text", function (node) { node.textContent = stable.href; });
  }
  each("button.copy-cite", function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      navigator.clipboard.writeText(source.textContent.trim()).then(function () { button.textContent = "Copied"; });
    });
  });
})();
