// Bench probe: a Playwright init script on the site's pages (bench/site_browser.py). It only
// watches the page and records timestamps (ms since navigation start), it changes nothing.
//   ready   the drop zone became ready (body[data-engine=ready])
//   change  the file input fired "change" (the file was dropped)
//   draws   the dashboard cards were redrawn, taken once the next frame is rendered (a task
//           posted from its animation-frame callback): after BokehJS repainted, in that
//           frame's later callbacks, the charts whose sources were set with the cards
//   bets    the bets table's pager was redrawn (the last request of a dashboard refresh)
//   stages  the import's status text as it moved on (reading, storing, saving, imported)
//   painted each performance.mark the page made (dashboard-kept, pictures-kept, dashboard-live...):
//           its first time, once the next frame is rendered, as for draws (the mark's own time
//           is in the page's performance timeline)
//   longTasks()  every main-thread task of 50 ms or more since navigation, [startTime, duration]
//   longFrames() every long animation frame since navigation, with the scripts that ran in it
(() => {
  if (window.top !== window) return;
  const probe = (window.benchProbe = { ready: null, change: null, draws: [], bets: [], stages: [], painted: {} });
  const painted = (list) => () => requestAnimationFrame(() => setTimeout(() => list.push(performance.now())));

  const longTasks = [];
  const keep = (entries) => { for (const e of entries) longTasks.push([e.startTime, e.duration]); };
  let observer = null;
  try {
    observer = new PerformanceObserver((list) => keep(list.getEntries()));
    observer.observe({ type: "longtask", buffered: true });
  } catch {
    observer = null;   // no Long Tasks API: longTasks() answers null
  }
  probe.longTasks = () => {
    if (!observer) return null;
    keep(observer.takeRecords());
    return longTasks;
  };

  // What ran in each long animation frame (the Long Animation Frames API), to tell what a long
  // task was: its scripts, longest first, as [what ran, where, ms].
  const frames = [];
  const file = (url) => (url || "").split("/").pop();
  const script = (s) => [s.invoker.includes("://") ? file(s.invoker) : s.invoker || s.invokerType,
    `${file(s.sourceURL)}:${s.sourceFunctionName || ""}`, Math.round(s.duration)];
  const keepFrames = (entries) => {
    for (const e of entries) {
      const scripts = [...e.scripts].sort((a, b) => b.duration - a.duration).slice(0, 3).map(script);
      frames.push({ start: e.startTime, duration: e.duration, scripts });
    }
  };
  let frameObserver = null;
  try {
    frameObserver = new PerformanceObserver((list) => keepFrames(list.getEntries()));
    frameObserver.observe({ type: "long-animation-frame", buffered: true });
  } catch {
    frameObserver = null;
  }
  probe.longFrames = () => {
    if (frameObserver) keepFrames(frameObserver.takeRecords());
    return frames;
  };

  const mark = performance.mark.bind(performance);
  performance.mark = (name, ...rest) => {
    const entry = mark(name, ...rest);
    if (!(name in probe.painted)) {
      probe.painted[name] = null;
      requestAnimationFrame(() => setTimeout(() => { probe.painted[name] = performance.now(); }));
    }
    return entry;
  };

  function stage() {
    const status = document.querySelector("#imports .import .status");
    const text = status ? status.textContent : "";
    const key = text.split(":")[0];
    const last = probe.stages[probe.stages.length - 1];
    if (text && (!last || last.key !== key)) probe.stages.push({ key, text, t: performance.now() });
  }

  function engineState() {
    if (probe.ready === null && document.body.dataset.engine === "ready") probe.ready = performance.now();
  }

  function watch(selector, callback, options) {
    const node = document.querySelector(selector);
    if (node) new MutationObserver(callback).observe(node, options);
  }

  document.addEventListener("change", (event) => {
    if (event.target.id === "file-input") probe.change = performance.now();
  }, true);
  document.addEventListener("DOMContentLoaded", () => {
    watch("#cards", painted(probe.draws), { childList: true });
    watch("#bets-pager", painted(probe.bets), { childList: true });
    watch("#imports", stage, { childList: true, subtree: true, characterData: true });
    watch("body", engineState, { attributes: true, attributeFilter: ["data-engine"] });
  });
})();
