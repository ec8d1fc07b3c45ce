// glossary.js: the glossary's terms in the lessons' text. A use marked
// data-term="id" is focusable, described by its definition in the glossary
// panel (aria-describedby), and shows the definition in a small box on
// hover and on focus; Escape hides it. The header's Glossary button opens
// the panel.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const pop = $("term-pop");
  function showTerm(el) {
    const dd = document.getElementById("gloss-" + el.dataset.term);
    const dt = document.getElementById("term-" + el.dataset.term);
    if (!dd || !dt) return;
    const name = document.createElement("strong");
    name.textContent = dt.textContent;
    pop.replaceChildren(name, " " + dd.textContent);
    pop.hidden = false;
    const r = el.getBoundingClientRect();
    const w = Math.min(360, window.innerWidth - 16);
    pop.style.width = w + "px";
    pop.style.left = Math.max(8, Math.min(r.left, window.innerWidth - w - 8)) + window.scrollX + "px";
    pop.style.top = r.bottom + window.scrollY + 6 + "px";
  }
  function hideTerm() { pop.hidden = true; }
  document.querySelectorAll("[data-term]").forEach((el) => {
    el.tabIndex = 0;
    el.classList.add("term");
    el.setAttribute("aria-describedby", "gloss-" + el.dataset.term);
    el.addEventListener("mouseenter", () => showTerm(el));
    el.addEventListener("focus", () => showTerm(el));
    el.addEventListener("mouseleave", hideTerm);
    el.addEventListener("blur", hideTerm);
  });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") hideTerm(); });
  $("glossary-button").addEventListener("click", () => {
    const g = $("glossary");
    g.open = true;
    g.scrollIntoView({ block: "start" });
    g.querySelector("summary").focus();
  });
})();
