// Keeping the data: the backup the punter downloads (locked with a passphrase if they choose),
// opening a locked backup dropped on the page, and how much the browser keeps, and how surely.
import { $, download } from "./dom.js";
import { isLocked, lock, unlock, WrongPassphrase } from "./backup.js";

const MIN_PASSPHRASE = 8;

function problem(id, text) {
  $(id).textContent = text || "";
  $(id).hidden = !text;
}

const today = () => new Date().toLocaleDateString("en-CA");   // YYYY-MM-DD, sorts in a folder

export function setupBackup(engine) {
  const dialog = $("#backup-dialog");
  const locked = $("#backup-lock");
  locked.addEventListener("change", () => { $("#backup-pass").hidden = !locked.checked; });
  $("#backup").addEventListener("click", () => {
    $("#backup-form").reset();
    $("#backup-pass").hidden = true;
    problem("#backup-problem");
    dialog.showModal();
  });
  $("#backup-form").addEventListener("submit", async (event) => {
    if (event.submitter?.value !== "backup") return;
    event.preventDefault();
    const pass = $("#backup-pass1").value;
    if (locked.checked && pass.length < MIN_PASSPHRASE) return problem("#backup-problem", `Choose a passphrase of at least ${MIN_PASSPHRASE} characters.`);
    if (locked.checked && pass !== $("#backup-pass2").value) return problem("#backup-problem", "The two passphrases differ: type them again.");
    problem("#backup-problem");
    const answer = await engine.request("backup");
    if (!answer.ok) return problem("#backup-problem", `The backup could not be made: ${answer.error.message}`);
    if (locked.checked) download(`trackmybets-backup-${today()}.locked`, await lock(answer.data, pass), "application/octet-stream");
    else download(`trackmybets-backup-${today()}.json`, answer.data, "application/json");
    dialog.close("backup");
  });
}

// The backup inside a dropped file: {bytes} as they are unless the file is a locked backup, then
// what the passphrase the punter types opens; {error} when it cannot be opened; null if they give up.
export function opened(name, bytes) {
  if (!isLocked(bytes)) return Promise.resolve({ bytes });
  const dialog = $("#unlock-dialog");
  $("#unlock-form").reset();
  $("#unlock-name").textContent = name;
  problem("#unlock-problem");
  dialog.showModal();
  return new Promise((resolve) => {
    const form = $("#unlock-form");
    const submit = async (event) => {
      if (event.submitter?.value !== "unlock") return;
      event.preventDefault();
      try {
        done({ bytes: await unlock(bytes, $("#unlock-pass").value) });
      } catch (error) {
        if (error instanceof WrongPassphrase) problem("#unlock-problem", error.message);
        else done({ error: error.message });
      }
    };
    const done = (result) => {
      form.removeEventListener("submit", submit);
      dialog.removeEventListener("close", cancelled);
      if (dialog.open) dialog.close();
      resolve(result);
    };
    const cancelled = () => done(null);
    form.addEventListener("submit", submit);
    dialog.addEventListener("close", cancelled);
  });
}

const megabytes = (bytes) => `${(bytes / 1_000_000).toLocaleString("en-AU", { maximumFractionDigits: 1 })} MB`;

// Ask the browser to keep the data until the punter deletes it (not evicted when space runs
// low), then say how much this site keeps and whether that was granted.
export async function showStorage(hasData) {
  const storage = navigator.storage;
  if (!storage?.estimate) return;
  const kept = hasData && storage.persist ? await storage.persist().catch(() => false) : await storage.persisted?.();
  const { usage = 0 } = await storage.estimate();
  $("#storage").textContent = `This site keeps ${megabytes(usage)} on this device (your data, and the app for offline use). `
    + (kept ? "The browser keeps it until you delete it."
      : "The browser may clear it if the device runs short of space: a backup keeps it safe.");
}
