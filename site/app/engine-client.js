// The UI side of the engine worker. Every request gets one answer, either
// {ok: true, data} or {ok: false, error: {code, message}}; progress and lifecycle
// events arrive on the side. An import is answered before it is saved on the device: its
// `onSaved` hears {ok} (or {ok: false, error}) when the save is done. Ops, their arguments and
// answers are tmb_core's contract (tmb_core/app/protocol.py), which the worker checks every
// request against: a "bad_request" answer is a bug in this page, and is logged as an error.
import { registerOffline } from "./offline.js";

const START_TIMEOUT_MS = 180_000;

export class Engine {
  constructor(config, { onLoading, onSavedData, onReady, onFatal, onChanged }) {
    this.pending = new Map();
    this.saves = new Map();   // id -> onSaved, for answered imports not yet saved
    this.nextId = 1;
    this.handlers = { onLoading, onSavedData, onReady, onFatal, onChanged };
    this.watchdog = setTimeout(() => this.fatal(
      "The engine did not start in time. This browser may block WebAssembly here; try a current Chrome, Edge, Firefox or Safari."),
    START_TIMEOUT_MS);
    // The worker starts once the service worker is there to keep its files as they arrive
    // (offline.js): on a first visit that is a few milliseconds, then at once.
    this.started = registerOffline().then(() => this.start(config));
  }

  start(config) {
    this.worker = new Worker(config.worker, { type: "module" });
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => this.fatal(event.message || "the engine could not start");
    this.worker.postMessage({ type: "init", config: absolute(config) });
  }

  fatal(message, unsupported = false) {
    clearTimeout(this.watchdog);
    this.handlers.onFatal(message, unsupported);
  }

  receive(message) {
    switch (message.type) {
      case "loading": this.handlers.onLoading(message.stage); break;
      case "saved_data": this.handlers.onSavedData?.(); break;
      case "ready": clearTimeout(this.watchdog); this.handlers.onReady(message); break;
      case "fatal": this.fatal(message.message, message.unsupported); break;
      case "changed": this.handlers.onChanged(); break;
      case "progress": this.pending.get(message.id)?.onProgress?.(message); break;
      case "saved": {
        const onSaved = this.saves.get(message.id);
        this.saves.delete(message.id);
        onSaved?.(message.ok ? { ok: true } : { ok: false, error: message.error });
        break;
      }
      case "answer": {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (!message.ok) this.saves.delete(message.id);
        if (!message.ok && message.error.code === "bad_request") console.error(`engine protocol: ${message.error.message}`);
        waiting?.resolve(message.ok ? { ok: true, data: message.data } : { ok: false, error: message.error });
        break;
      }
      default: break;
    }
  }

  // The dashboard the page shows, for the engine to keep with the rows it was drawn from
  // (site/app/lastview.js); no answer.
  keepView(view) {
    this.started.then(() => this.worker.postMessage({ type: "keep_view", view }));
  }

  // Resolves to the answer (never rejects: errors come back in the error shape).
  request(op, args = {}, { buffer, onProgress, onSaved } = {}) {
    const id = this.nextId++;
    if (onSaved) this.saves.set(id, onSaved);
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, onProgress });
      this.started.then(() => this.worker.postMessage({ id, op, args, buffer }, buffer ? [buffer] : []));
    });
  }
}

// The worker resolves URLs against its own location: hand it absolute ones.
function absolute(config) {
  const out = {};
  for (const [key, value] of Object.entries(config)) out[key] = new URL(value, document.baseURI).href;
  return out;
}
