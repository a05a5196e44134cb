// Category names cut to the width their chart keeps for them (a long market or competition
// name ends in "…"; the tooltip still says it in full). Every label then fits its column, so
// the breakdowns keep one layout whatever the data, and a filter change repaints them without
// measuring their axes first (charts.js, skipSameLayout).
const ELLIPSIS = "…";
// Two names cut to the same text stay two categories: a zero-width space tells them apart.
const APART = "\u200b";

let context = null;
const widths = new Map();   // font -> (text -> px)

function textWidth(text, font) {
  context ||= (typeof OffscreenCanvas === "function" ? new OffscreenCanvas(1, 1)
    : document.createElement("canvas")).getContext("2d");
  let known = widths.get(font);
  if (!known) widths.set(font, (known = new Map()));
  let width = known.get(text);
  if (width === undefined) {
    context.font = font;
    known.set(text, (width = context.measureText(text).width));
  }
  return width;
}

// The characters as a reader sees them (a flag or an accented letter is one), where the
// browser can tell; else code points.
const segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;
const characters = (text) => (segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : Array.from(text));

// The longest start of `text` that fits `room` px with the ellipsis (at least one character).
function cut(text, room, font) {
  if (textWidth(text, font) <= room) return text;
  const chars = characters(text);
  let low = 1, high = chars.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (textWidth(chars.slice(0, middle).join("").trimEnd() + ELLIPSIS, font) <= room) low = middle;
    else high = middle - 1;
  }
  return chars.slice(0, low).join("").trimEnd() + ELLIPSIS;
}

// Each name as it fits `room` px in `font` (a CSS font), every one distinct.
export function fitLabels(names, room, font) {
  const seen = new Set();
  return names.map((name) => {
    let label = cut(name, room, font);
    while (seen.has(label)) label += APART;
    seen.add(label);
    return label;
  });
}

// The room a plot's left axis leaves for its labels: the plot's label column (or the one it
// is about to get) less the axis's ticks, the gap before the labels and a few pixels to spare.
export function labelRoom(plot, column = plot.min_border_left ?? plot.min_border ?? 0) {
  const axis = plot.left[0];
  return column - (axis.major_tick_out ?? 0) - (axis.major_label_standoff ?? 0) - 4;
}

export function labelFont(plot) {
  const axis = plot.left[0];
  return `${axis.major_label_text_font_style ?? "normal"} ${axis.major_label_text_font_size} ${axis.major_label_text_font}`;
}
