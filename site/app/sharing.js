// A coach's view of a client (tmb_core/app/sharing.py and store/share.py): the share a punter
// downloads for someone helping them, the "shared by a client" mode in which that someone looks at
// it (nothing stored unless they ask), and the switch that masks what identifies the punter's
// account on their own screen, for screen sharing.
import { $, download } from "./dom.js";
import { CONTRACT } from "tmb-contract";

const today = () => new Date().toLocaleDateString("en-CA");   // YYYY-MM-DD, sorts in a folder

// Whether a file's bytes are a share: a heading of its first line is the share's mark (as
// tmb_core's read/columns.py share_mark and delimiter read it; the engine checks it again).
export function isShare(buffer) {
  const bytes = new Uint8Array(buffer, 0, Math.min(buffer.byteLength, 4096));
  const head = new TextDecoder(utf16(bytes) ?? "utf-8").decode(bytes);
  const first = head.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/, 1)[0];
  const sep = first.includes(",") ? "," : [";", "\t", "|"].find((d) => first.includes(d)) ?? ",";
  return first.split(sep).some((cell) => key(cell.replace(/^\s*"|"\s*$/g, "")).startsWith(key(CONTRACT.share.mark)));
}

const key = (text) => text.trim().toLowerCase().split(/\s+/).join(" ");

// A spreadsheet's "Unicode text" is UTF-16: told by its byte order mark, or by a zero byte in
// every other place (as read/textfile.py decode tells it); null for any other file.
function utf16(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  const head = bytes.subarray(0, 200);
  if (head.length < 4) return null;
  const zeros = (odd) => head.filter((byte, i) => i % 2 === odd && byte === 0).length;
  const most = Math.floor(head.length / 2) * 0.8;
  if (zeros(1) > most && zeros(0) === 0) return "utf-16le";
  if (zeros(0) > most && zeros(1) === 0) return "utf-16be";
  return null;
}

// Whether open_share's answer opened the share (one none of whose rows could be read is not).
export const shareOpened = (answer) => answer.ok && !answer.data.error && answer.data.inserted > 0;

// "Share with a coach…": the dialog, and the file it downloads.
export function setupShare(engine) {
  const dialog = $("#share-dialog");
  const problem = (text) => { $("#share-problem").textContent = text || ""; $("#share-problem").hidden = !text; };
  $("#share-open").addEventListener("click", () => { $("#share-form").reset(); problem(); dialog.showModal(); });
  $("#share-form").addEventListener("submit", async (event) => {
    if (event.submitter?.value !== "share") return;
    event.preventDefault();
    const scale = $("#share-scale").checked;
    problem();
    const answer = await engine.request("share", { scale });
    if (!answer.ok) return problem(`The share could not be made: ${answer.error.message}`);
    download(`trackmybets-share-${scale ? "scaled-" : ""}${today()}.csv`, answer.data);
    dialog.close("share");
  });
}

// The shared mode: `open` is {name, scaled} of the share shown, or null. The banner says whose
// figures these are; what acts on the stored data (backup, delete, the guess) steps aside.
export function showShared(open) {
  document.body.dataset.mode = open ? "shared" : "own";
  $("#shared-banner").hidden = !open;
  $("#uploads-title").textContent = open ? "The share's file" : "Your imports";
  if (!open) return;
  $("#shared-name").textContent = open.name;
  $("#shared-scaled").hidden = !open.scaled;
  $("#shared-keep").hidden = open.scaled;
  $("#shared-problem").hidden = true;
}

export function sharedProblem(text) {
  $("#shared-problem").textContent = text;
  $("#shared-problem").hidden = false;
}

// "Mask details": account details (file names, Bet Ids, the rows a file's report quotes) are
// covered wherever they are shown (class "ident"); the choice stays for the next visit.
const MASK = "tmb-mask-details";

export function setupMask() {
  const box = $("#mask");
  const apply = () => document.body.classList.toggle("masked", box.checked);
  box.checked = localStorage.getItem(MASK) === "on";
  apply();
  box.addEventListener("change", () => {
    if (box.checked) localStorage.setItem(MASK, "on");
    else localStorage.removeItem(MASK);
    apply();
  });
}

// "Delete all my data": the choice is forgotten, and the page unmasked.
export function forgetMask() {
  localStorage.removeItem(MASK);
  $("#mask").checked = false;
  document.body.classList.remove("masked");
}
