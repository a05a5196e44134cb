// The engine protocol's checks on the JavaScript side: every request the page sends is held
// to tmb_core's contract (tmb_core/app/protocol.py, written by build.py as "tmb-contract")
// before Python sees it. Python checks it again; the two follow the same rules.
import { CONTRACT } from "tmb-contract";

export const OPS = CONTRACT.ops;

const FIELDS = Object.fromEntries(CONTRACT.filters.map((f) => [f.name, f]));
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const CHECKS = {
  string: (v) => typeof v === "string",
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === "number" && Number.isFinite(v),
  boolean: (v) => typeof v === "boolean",
  object: isObject,
  array: Array.isArray,
  null: (v) => v === null,
  period: (v) => CONTRACT.periods.includes(v),
  filters: (v) => isObject(v) && !filterProblems(v).length,
};

const is = (value, type) => type.split("|").some((t) => CHECKS[t](value));

export function filterProblems(filters) {
  const wrong = [];
  for (const [key, value] of Object.entries(filters)) {
    const field = FIELDS[key];
    if (!field) wrong.push(`unknown filter '${key}'`);
    else if (value != null && typeof value !== "string" && !(field.kind === "days" && Number.isInteger(value))) {
      wrong.push(`filter '${key}' cannot be ${JSON.stringify(value)}`);
    }
  }
  return wrong;
}

// The problem with a request, or null when it follows the protocol.
export function requestProblem(op, args) {
  const spec = OPS[op];
  if (!spec) return `unknown operation '${op}'`;
  if (!isObject(args)) return `${op}: args must be an object`;
  for (const [name, value] of Object.entries(args)) {
    if (!(name in spec.args)) return `${op} does not take '${name}'`;
    if (name === "filters" && isObject(value) && filterProblems(value).length) return `${op}: ${filterProblems(value).join("; ")}`;
    if (value != null && !is(value, spec.args[name])) return `${op}: ${name} must be ${spec.args[name]}, not ${JSON.stringify(value)}`;
  }
  return null;
}
