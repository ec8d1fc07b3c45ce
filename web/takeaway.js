// takeaway.js: what a student or an instructor takes away from the page:
// every chart as PNG, SVG and CSV, the exported code (copy or .py), a link
// to the exact state on screen and the code that embeds it. main.js calls
// bnlabTakeaway.addDownloads on every panel it writes.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);

  // copyText puts text on the clipboard; where that is refused it selects
  // the element sel (when given) for Ctrl+C instead. It resolves to
  // "copied" or "shown".
  function copyText(text, sel) {
    const fallback = () => {
      if (sel) {
        const r = document.createRange();
        r.selectNodeContents(sel);
        getSelection().removeAllRanges();
        getSelection().addRange(r);
      }
      return "shown";
    };
    if (!navigator.clipboard || !navigator.clipboard.writeText) return Promise.resolve(fallback());
    return navigator.clipboard.writeText(text).then(() => "copied", fallback);
  }

  // Chart downloads: every chart a panel shows (an <svg role="img">, from
  // lessons/charts) gets PNG, SVG and CSV buttons, made in the browser from
  // the chart itself (CSV from its <metadata class="chart-data">), named
  // after the lesson, the chart and the settings in the address.
  function addDownloads(el) {
    el.querySelectorAll('svg[role="img"]').forEach((svg) => {
      const box = svg.closest("figure") || svg.parentElement;
      if (!box || box.querySelector(":scope > .downloads")) return;
      const title = svg.getAttribute("aria-label") || "chart";
      const bar = document.createElement("div");
      bar.className = "downloads";
      bar.setAttribute("role", "group");
      bar.setAttribute("aria-label", "Download " + title);
      for (const kind of ["png", "svg", "csv"]) {
        if (kind === "csv" && !svg.querySelector("metadata.chart-data")) continue;
        const b = document.createElement("button");
        b.type = "button";
        b.dataset.download = kind;
        b.textContent = kind.toUpperCase();
        b.setAttribute("aria-label", "Download “" + title + "” as " + kind.toUpperCase());
        bar.appendChild(b);
      }
      box.appendChild(bar);
    });
  }
  function fileName(svg, ext) {
    const slug = (s) => s.toLowerCase().replace(/[^a-z0-9.=_-]+/g, "-").replace(/^-+|-+$/g, "");
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const lesson = params.get("lesson") || document.body.dataset.lesson || "lesson";
    params.delete("lesson");
    const settings = slug(Array.from(params, ([k, v]) => k + "=" + v).join("_")).slice(0, 150);
    return ["bnlab", slug(lesson), slug(svg.getAttribute("aria-label") || "chart").slice(0, 40), settings].filter(Boolean).join("_") + "." + ext;
  }
  function save(blob, name) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }
  // Exported code (pages.ExportPanel): copy a <pre>'s text, or save it as
  // a .py file named by the panel.
  document.addEventListener("click", (e) => {
    const t = e.target.closest && e.target.closest("[data-copy], a[data-save]");
    if (!t) return;
    e.preventDefault();
    const pre = document.getElementById(t.dataset.copy || t.dataset.save);
    if (!pre) return;
    if (t.dataset.save) {
      save(new Blob([pre.textContent], { type: "text/x-python" }), t.dataset.saveName || "bnlab.py");
      return;
    }
    copyText(pre.textContent, pre).then((how) => {
      t.textContent = how === "copied" ? "Copied" : "Selected: press Ctrl+C";
      setTimeout(() => { t.textContent = "Copy"; }, 2000);
    });
  });
  document.addEventListener("click", (e) => {
    const b = e.target.closest && e.target.closest("button[data-download]");
    if (!b) return;
    const box = b.closest(".downloads").parentElement;
    const svg = box.querySelector('svg[role="img"]');
    if (!svg) return;
    const kind = b.dataset.download;
    if (kind === "csv") {
      save(new Blob([svg.querySelector("metadata.chart-data").textContent], { type: "text/csv" }), fileName(svg, "csv"));
      return;
    }
    const text = new XMLSerializer().serializeToString(svg);
    const blob = new Blob([text], { type: "image/svg+xml" });
    if (kind === "svg") { save(blob, fileName(svg, "svg")); return; }
    // PNG at print resolution: at least 1600 px wide, on white.
    const w = svg.viewBox.baseVal && svg.viewBox.baseVal.width || svg.getBoundingClientRect().width || 600;
    const h = svg.viewBox.baseVal && svg.viewBox.baseVal.height || svg.getBoundingClientRect().height || 400;
    const scale = Math.max(2, 1600 / w);
    const img = new Image();
    const url = URL.createObjectURL(blob);
    img.onload = () => {
      const c = document.createElement("canvas");
      c.width = Math.round(w * scale);
      c.height = Math.round(h * scale);
      const g = c.getContext("2d");
      g.fillStyle = "#fff";
      g.fillRect(0, 0, c.width, c.height);
      g.drawImage(img, 0, 0, c.width, c.height);
      URL.revokeObjectURL(url);
      c.toBlob((png) => { if (png) save(png, fileName(svg, "png")); }, "image/png");
    };
    img.onerror = () => { URL.revokeObjectURL(url); b.textContent = "PNG failed"; };
    img.src = url;
  });

  // Copy a link to this exact state (the address holds every setting and
  // the seed), or an <iframe> that embeds it.
  function shareURL(embed) {
    const u = new URL(location.href);
    u.search = embed ? "?embed=1" : "";
    return u.href;
  }
  // copyNote copies text and says so in the note under the header, with the
  // text itself, so that it can be copied by hand where the clipboard is
  // not allowed.
  function copyNote(text, what) {
    const note = $("copied");
    copyText(text, null).then((how) => {
      note.textContent = (how === "copied" ? what + " copied: " : what + ": ") + text;
      note.hidden = false;
      clearTimeout(copyNote.timer);
      copyNote.timer = setTimeout(() => { note.hidden = true; }, 8000);
    });
  }
  $("copy-link").addEventListener("click", () => copyNote(shareURL(false), "Link"));
  $("copy-embed").addEventListener("click", () => {
    const title = (document.title || "bnlab").replace(/"/g, "&quot;");
    copyNote('<iframe src="' + shareURL(true).replace(/"/g, "%22") + '" title="' + title + '" width="100%" height="900" loading="lazy" style="border:0"></iframe>', "Embed code");
  });

  window.bnlabTakeaway = { addDownloads };
})();
