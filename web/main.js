// main.js: the page shell. It works before (and without) the WebAssembly
// program: lesson routing from the URL hash, the lesson list with progress in
// localStorage, previous/next, the help panel, the loading bar and the error
// box. The Go program in the stage iframe calls window.bnlab to report.
// takeaway.js (downloads, exported code, links), offline.js and
// glossary.js (the terms' pop-ups) load before it.
"use strict";

(function () {
  const LESSONS = Array.from(document.querySelectorAll(".lesson-list a[data-id]")).map((a) => ({
    id: a.dataset.id,
    title: a.textContent.replace(/^\s*\d+\s*/, "").trim(),
    link: a,
  }));
  const STORE = "bnlab.visited";
  const CHECKS = "bnlab.checks";
  const body = document.body;
  const $ = (id) => document.getElementById(id);

  // Embed mode (?embed=1#lesson=…): one lesson without the course's
  // navigation, for an <iframe> in a course page (see style.css).
  const EMBED = new URLSearchParams(location.search).get("embed") === "1";
  if (EMBED) body.dataset.embed = "1";

  function visited() {
    try {
      const v = JSON.parse(localStorage.getItem(STORE) || "[]");
      return Array.isArray(v) ? v : [];
    } catch (e) {
      return [];
    }
  }

  function markVisited(id) {
    const v = visited();
    if (!v.includes(id)) {
      v.push(id);
      try { localStorage.setItem(STORE, JSON.stringify(v)); } catch (e) { /* private mode: progress is not kept */ }
    }
  }

  // lessonFromHash reads the lesson id from "#lesson=id&...", defaulting to the first.
  function lessonFromHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const id = params.get("lesson");
    return LESSONS.find((l) => l.id === id) ? id : LESSONS[0].id;
  }

  let current = null;
  let lastLesson = null; // the lesson shown last (the overview keeps it behind)
  function route() {
    const overview = location.hash === "#overview";
    body.dataset.view = overview ? "overview" : "lesson";
    if (overview) {
      current = "overview";
      document.querySelectorAll("section[data-lesson]").forEach((s) => { s.hidden = s.dataset.lesson !== "overview"; });
      LESSONS.forEach((l) => l.link.removeAttribute("aria-current"));
      showProgress();
      showOverview();
      document.title = "Course overview · bnlab";
      return;
    }
    const id = lessonFromHash();
    if (id === current) return;
    current = id;
    // A failed MNIST download belongs to its lesson; another lesson
    // fetches the images again if it needs them.
    if (id !== lastLesson) {
      dataTries = 0;
      dataRetrying = false;
      hideDataFault();
    }
    lastLesson = id;
    body.dataset.lesson = id;
    document.querySelectorAll("section[data-lesson]").forEach((s) => { s.hidden = s.dataset.lesson !== id; });
    markVisited(id);
    showProgress();
    const i = LESSONS.findIndex((l) => l.id === id);
    pagerLink($("prev"), LESSONS[i - 1]);
    pagerLink($("next"), LESSONS[i + 1]);
    const h = document.querySelector('section[data-lesson="' + id + '"] h1');
    document.title = (h ? h.textContent + " · " : "") + "bnlab";
  }

  // showProgress marks the lesson list (visited, completed) and writes the
  // progress note.
  function showProgress() {
    const seen = visited();
    LESSONS.forEach((l) => {
      const done = completed(l.id);
      l.link.classList.toggle("visited", seen.includes(l.id));
      l.link.classList.toggle("completed", done);
      if (l.id === current) l.link.setAttribute("aria-current", "page"); else l.link.removeAttribute("aria-current");
      let note = l.link.querySelector(".visited-note");
      if (!note) {
        note = document.createElement("span");
        note.className = "sr-only visited-note";
        l.link.appendChild(note);
      }
      note.textContent = done ? " (completed)" : seen.includes(l.id) ? " (visited)" : "";
    });
    const n = LESSONS.filter((l) => seen.includes(l.id)).length;
    const c = LESSONS.filter((l) => completed(l.id)).length;
    $("progress-note").textContent = n + " of " + LESSONS.length + " lessons visited, " + c + " completed";
  }

  // showOverview writes each lesson's status and ticks the answered checks
  // in the course overview.
  function showOverview() {
    const seen = visited();
    const done = answered();
    document.querySelectorAll("[data-status-for]").forEach((el) => {
      const id = el.dataset.statusFor;
      el.textContent = completed(id) ? "✓ completed" : seen.includes(id) ? "visited" : "";
    });
    document.querySelectorAll("[data-check-ref]").forEach((li) => li.classList.toggle("answered", done.includes(li.dataset.checkRef)));
  }

  function pagerLink(a, lesson) {
    a.hidden = !lesson;
    if (!lesson) return;
    a.href = "#lesson=" + lesson.id;
    a.querySelector("span").textContent = lesson.title;
  }

  function go(delta) {
    const i = LESSONS.findIndex((l) => l.id === current) + delta;
    if (i >= 0 && i < LESSONS.length) location.hash = "lesson=" + LESSONS[i].id;
  }

  // Help panel.
  function toggleHelp(show) {
    const help = $("help");
    const open = show === undefined ? help.hidden : show;
    help.hidden = !open;
    $("help-button").setAttribute("aria-expanded", String(open));
    if (open) $("help-close").focus();
  }

  function toggleDebug(show) {
    const d = $("debug");
    d.hidden = show === undefined ? !d.hidden : !show;
  }

  function editable(t) {
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || editable(e.target)) return;
    if (e.key === "?") { toggleHelp(); e.preventDefault(); }
    else if (e.key === "Escape") toggleHelp(false);
    else if (e.key === "[") go(-1);
    else if (e.key === "]") go(1);
    else if (e.key === "d") toggleDebug();
  });

  const shownPanels = new WeakMap(); // element → the HTML it shows
  const panelWritten = new WeakMap(); // element → when it was last written
  const pendingPanels = new Map(); // element → newer HTML held back while playing
  const panelOnScreen = new WeakSet();
  const PLAY_ON_SCREEN = 500, PLAY_OFF_SCREEN = 3000; // ms between rewrites while playing
  function writePanel(el, html, now) {
    pendingPanels.delete(el);
    shownPanels.set(el, html);
    panelWritten.set(el, now);
    el.innerHTML = html;
    // A note that the check could not be judged (class "verdict unanswered":
    // a prediction it could not read, or a state that cannot answer yet) is
    // not an answer.
    if (html && el.classList.contains("check-feedback") && !html.includes("verdict unanswered")) markAnswered(el.id.replace(/-feedback$/, ""));
    window.bnlabTakeaway.addDownloads(el);
  }

  const panelObserver = window.IntersectionObserver ? new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) { panelOnScreen.delete(e.target); continue; }
      panelOnScreen.add(e.target);
      const html = pendingPanels.get(e.target);
      if (html !== undefined) writePanel(e.target, html, performance.now());
    }
  }, { rootMargin: "200px" }) : null;
  const watched = new WeakSet();
  function watchPanel(el) {
    if (watched.has(el)) return;
    watched.add(el);
    if (panelObserver) panelObserver.observe(el); else panelOnScreen.add(el);
  }
  let workEl = null;
  function workBox() {
    if (workEl) return workEl;
    workEl = document.createElement("div");
    workEl.className = "notice work";
    workEl.id = "work";
    workEl.setAttribute("role", "status");
    workEl.hidden = true;
    const span = document.createElement("span");
    const bar = document.createElement("progress");
    bar.setAttribute("aria-label", "Progress of the training worker");
    workEl.append(span, " ", bar);
    $("notice").after(workEl);
    return workEl;
  }

  // painted resolves once the lesson's text is on screen (the page's first
  // contentful paint). The stage iframe shares this page's main thread, so
  // it waits for it before it compiles and starts the engine. Where paint
  // timing is missing it waits two frames; a hidden tab paints nothing and
  // does not wait; and it never waits more than 3 s.
  const painted = new Promise((resolve) => {
    if (document.visibilityState === "hidden") { resolve(); return; }
    setTimeout(resolve, 3000);
    const types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
    if (types.includes("paint")) {
      const po = new PerformanceObserver((list) => {
        if (list.getEntries().some((e) => e.name === "first-contentful-paint")) { po.disconnect(); resolve(); }
      });
      po.observe({ type: "paint", buffered: true });
    } else {
      requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
  });

  // Network faults. Once the page has loaded, its text needs nothing more
  // from the network; what does is the engine (app.wasm, which the stage's
  // worker downloads, and the stage itself if the worker could not) and
  // the MNIST images (mnist.bin, which the worker downloads the first time
  // a lesson that trains needs them). Each failure says in words what
  // failed and that the text still works, in a box announced as an alert
  // with a Retry button that retries that download where the student is:
  // the address holds the lesson's state, and nothing else is lost.
  //
  // The engine (#error): before the Go program has started, Retry reloads
  // only the stage's frame (its worker goes with it); after, when Go itself
  // stopped, it reloads the page.
  let engineStarted = false;
  const engineBytes = { loaded: 0, total: 0 };
  const mb = (n) => (n / 1048576).toFixed(1) + " MB";
  // engineMessage words a failure that stage.js reports before the engine
  // starts (its own message is kept in brackets when it adds something).
  function engineMessage(m) {
    if (engineStarted) return m;
    const { loaded, total } = engineBytes;
    if (/server answered/.test(m)) return m.replace(/ Check your connection and reload\.$/, "");
    if (total > 0 && loaded > 0 && loaded < total) {
      const detail = m.replace(/^The engine could not (start|be downloaded):? */, "").replace(/\.$/, "");
      return "The engine's download was cut off after " + mb(loaded) + " of " + mb(total) +
        ": the connection dropped or the server stopped sending (" + detail + ").";
    }
    if (/could not be downloaded/.test(m)) {
      return "The engine could not be downloaded: the connection failed, the server may have stopped, or this computer is offline.";
    }
    return m;
  }
  // While a retry runs its box is hidden; focus that was in it waits on
  // `to`, and goes back to the Retry button if the retry fails and the
  // student has not moved it meanwhile.
  let parkedAt = null;
  function park(box, to) {
    if (!box.contains(document.activeElement)) return;
    parkedAt = to;
    to.focus({ preventScroll: true });
  }
  function unpark(button) {
    if (parkedAt && document.activeElement === parkedAt) button.focus();
    parkedAt = null;
  }
  function retryEngine() {
    if (engineStarted) { location.reload(); return; }
    const frame = $("stage-frame");
    park($("error"), $("main"));
    $("error").hidden = true;
    engineBytes.loaded = engineBytes.total = 0;
    $("loading-bar").value = 0;
    $("loading-text").textContent = "Loading the engine again…";
    setState("loading");
    try { frame.contentWindow.location.reload(); } catch (e) { location.reload(); }
  }

  // The MNIST images (#data-error): the worker reports a failed download as
  // the lesson's notice (worker/frame.go: "the MNIST images could not be
  // downloaded (why)…" or "…arrived damaged…"). Retry asks the stage to
  // configure the lesson again from the address, which makes the worker
  // fetch the images again: the hash is written once more with an empty
  // "&" at its end (the parser skips it, so it is the same state) and a
  // hashchange is sent; the stage writes the canonical hash back. The
  // box hides while the retry runs, and focus waits on Play; if the retry
  // fails too, the box comes back, says how many tries failed, and focus
  // returns to Retry.
  const MNIST_FAULT = /the MNIST images (could not be downloaded|arrived damaged)/i;
  let dataTries = 0;
  let dataRetrying = false;
  function dataMessage(m) {
    const status = m.match(/server answered (\d{3}[^);]*)/);
    let why;
    if (/arrived damaged/i.test(m)) why = "The download arrived incomplete or damaged.";
    else if (/\(network error\)/.test(m)) why = "The download was cut off partway: the connection dropped, or the server stopped sending.";
    else if (status) why = "The server could not send them (it answered " + status[1].trim() + ").";
    else why = "The connection failed while they were downloading: the server may have stopped, or this computer is offline.";
    if (dataTries > 0) why += " Tried again " + (dataTries === 1 ? "once" : dataTries + " times") + ", without success.";
    return why;
  }
  function showDataFault(m) {
    const box = $("data-error");
    $("data-error-text").textContent = dataMessage(m);
    box.hidden = false;
    if (dataRetrying) unpark($("data-retry"));
    dataRetrying = false;
  }
  function hideDataFault() {
    const box = $("data-error");
    if (box.hidden) return;
    park(box, $("play").disabled ? $("main") : $("play"));
    box.hidden = true;
  }
  function retryData() {
    if ($("data-error").hidden) return;
    dataTries++;
    dataRetrying = true;
    hideDataFault();
    const h = location.hash.length > 1 ? location.hash : "#lesson=" + current;
    history.replaceState(history.state, "", h + "&");
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  }

  // The API the stage (stage.js and the Go program) reports through.
  let state = "loading";
  function setState(s) {
    state = s;
    body.dataset.state = s;
    if (s === "ready") window.bnlabKeepOffline();
  }

  window.bnlab = {
    get state() { return state; },
    painted,
    panelMs: 0, // the time the last worker frame took to enter the page
    progress(loaded, total) {
      engineBytes.loaded = loaded;
      engineBytes.total = total;
      const bar = $("loading-bar");
      if (total > 0) {
        bar.max = total;
        bar.value = Math.min(loaded, total);
        $("loading-text").textContent = "Loading the engine… " + (loaded / 1048576).toFixed(1) + " of " + (total / 1048576).toFixed(1) + " MB";
      } else {
        bar.removeAttribute("value");
        $("loading-text").textContent = "Loading the engine… " + (loaded / 1048576).toFixed(1) + " MB";
      }
    },
    starting() {
      engineStarted = true;
      $("loading-text").textContent = "Starting the engine…";
    },
    ready() {
      if (state === "error") return;
      document.querySelectorAll(".transport button, .transport select").forEach((b) => { b.disabled = false; });
      setState("ready");
    },
    fail(message) {
      $("error-text").textContent = engineMessage(message || "Something went wrong.");
      $("reload").title = engineStarted ? "Reload the page (the address keeps your place)" : "Download the engine again";
      $("error").hidden = false;
      unpark($("reload"));
      document.querySelectorAll(".transport button, .transport select, #controls input, #controls button, #controls select").forEach((b) => { b.disabled = true; });
      setState("error");
    },
    notice(message) {
      if (message && MNIST_FAULT.test(message)) {
        showDataFault(message);
        message = "";
      } else if (!message) {
        hideDataFault(); // a setting changed: the worker fetches the images again by itself
      }
      const n = $("notice");
      n.textContent = message || "";
      n.hidden = !message;
    },
    // panels puts a worker frame's HTML fragments into the elements with
    // those ids inside the lesson's section (only where they changed).
    // While the lesson plays, parsing, laying out and painting big charts
    // several times a second would take the stage's frames, so a panel on
    // screen is rewritten at most every PLAY_ON_SCREEN ms and one off screen
    // every PLAY_OFF_SCREEN ms; a panel that scrolls into view, and every
    // panel of a frame that is not playing (a step, a setting, a pause),
    // gets the newest content at once.
    panels(lesson, panels, playing) {
      const sec = document.querySelector('section[data-lesson="' + lesson + '"]');
      if (!sec || !panels) return;
      const t0 = performance.now();
      for (const id of Object.keys(panels)) {
        const el = document.getElementById(id);
        if (!el || !sec.contains(el)) continue;
        watchPanel(el);
        const html = String(panels[id]);
        if (shownPanels.get(el) === html) { pendingPanels.delete(el); continue; }
        const wait = panelOnScreen.has(el) ? PLAY_ON_SCREEN : PLAY_OFF_SCREEN;
        if (playing && t0 - (panelWritten.get(el) || 0) < wait) { pendingPanels.set(el, html); continue; }
        writePanel(el, html, t0);
      }
      window.bnlab.panelMs = performance.now() - t0; // for the debug overlay
    },
    // work shows a progress line for slow work in the training worker
    // (the MNIST download in bytes, a slow set-up); work(null) hides it.
    work(what, loaded, total) {
      const box = workBox();
      if (!what) { box.hidden = true; return; }
      box.hidden = false;
      const bar = box.querySelector("progress");
      let text = what;
      if (total > 0) {
        bar.max = total;
        bar.value = Math.min(loaded, total);
        text += " " + (loaded / 1048576).toFixed(1) + " of " + (total / 1048576).toFixed(1) + " MB";
      } else {
        bar.removeAttribute("value");
        if (loaded > 0) text += " " + (loaded / 1048576).toFixed(1) + " MB";
      }
      box.querySelector("span").textContent = text;
    },
    toggleHelp,
    toggleDebug,
    lesson: () => current,
  };

  // Checks (pages.CheckForm): the stage sends a prediction to the engine
  // (wasm/checks.go). Submitting never reloads the page, and before the
  // engine is ready the form says so. An answered check is kept in
  // localStorage; a lesson whose checks are all answered is completed.
  function answered() {
    try {
      const v = JSON.parse(localStorage.getItem(CHECKS) || "[]");
      return Array.isArray(v) ? v : [];
    } catch (e) {
      return [];
    }
  }
  function markAnswered(id) {
    const v = answered();
    if (v.includes(id)) return;
    v.push(id);
    try { localStorage.setItem(CHECKS, JSON.stringify(v)); } catch (e) { /* private mode */ }
    showProgress();
  }
  function completed(id) {
    const forms = Array.from(document.querySelectorAll('section[data-lesson="' + id + '"] form[data-check]'));
    const done = answered();
    return forms.length > 0 && forms.every((f) => done.includes(f.id));
  }
  document.addEventListener("submit", (e) => {
    const f = e.target;
    if (!f.matches || !f.matches("form[data-check]")) return;
    e.preventDefault();
    if (body.dataset.state !== "ready") {
      const fb = document.getElementById(f.id + "-feedback");
      if (fb) fb.textContent = "The engine is still loading, so it cannot check yet. Press the button again in a moment.";
    }
  });
  $("progress-reset").addEventListener("click", () => {
    try { localStorage.removeItem(STORE); localStorage.removeItem(CHECKS); } catch (e) { /* private mode */ }
    current = null;
    route();
  });

  document.querySelectorAll(".transport button, .transport select").forEach((b) => { b.disabled = true; });
  // Enter in a text control must not submit (and reload) the page.
  $("controls").addEventListener("submit", (e) => e.preventDefault());
  $("help-button").addEventListener("click", () => toggleHelp());
  $("help-close").addEventListener("click", () => toggleHelp(false));
  $("reload").addEventListener("click", retryEngine);
  $("data-retry").addEventListener("click", retryData);
  // Back online: a download that failed is tried again at once.
  window.addEventListener("online", retryData);
  window.addEventListener("hashchange", route);
  if (new URLSearchParams(location.search).get("debug") === "1") toggleDebug(true);
  route();
})();
