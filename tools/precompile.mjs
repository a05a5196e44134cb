// Precompile Python for the browser with Pyodide's own CPython (so the .pyc magic number is
// the one the browser runs), called by build.py:
//   node tools/precompile.mjs STDLIB_IN.zip CORE_IN.zip STDLIB_OUT.zip CORE_OUT.zip
// STDLIB_OUT: Pyodide's stdlib with every module that start-up imports (Pyodide's own, and
//   tmb_core's engine with what it imports) as an unchecked hash-based .pyc instead of .py;
//   the rest stays source, so the download grows little. Left out: modules that cannot run or
//   are never used in a browser worker (REPL, debugger, test runners, processes, mail and
//   server protocols); about 0.43 MB. Regenerate for each Pyodide version.
// CORE_OUT: the tmb_core zip plus __pycache__/*.pyc for every module (unchecked, so the
//   browser never re-reads the source to validate them; tracebacks keep their source lines).
import { loadPyodide } from "pyodide";
import fs from "node:fs";

const [stdlibIn, coreIn, stdlibOut, coreOut] = process.argv.slice(2);
const py = await loadPyodide({ stdLibURL: stdlibIn });
py.FS.writeFile("/tmp/core.zip", fs.readFileSync(coreIn));
py.runPython(`
import importlib.util, sys, zipfile
import importlib._bootstrap_external as be

OPT = 2
def pyc(source, name):
    code = compile(source, name, "exec", dont_inherit=True, optimize=OPT)
    return bytes(be._code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))

with zipfile.ZipFile("/tmp/core.zip") as z:
    z.extractall("/tmp/core")
sys.path.insert(0, "/tmp/core")
import tmb_core.app.engine, tmb_core.app.wasm, tmb_core.sample  # what the worker's start and first ops import
stdlib = next(p for p in sys.path if p.endswith(".zip"))
wanted = {m.__file__.split(stdlib + "/", 1)[1] for m in list(sys.modules.values())
          if (getattr(m, "__file__", None) or "").startswith(stdlib + "/")}

UNUSABLE = ("_pyrepl", "pdb", "doctest", "pydoc", "unittest", "multiprocessing", "imaplib", "poplib",
            "smtplib", "ftplib", "mailbox", "xmlrpc", "wsgiref", "sqlite3", "http/server")
def unusable(name):
    return any(name == m + ".py" or name.startswith(m + "/") for m in UNUSABLE)
assert not [n for n in wanted if unusable(n)], "start-up imports a module left out of the stdlib"

with zipfile.ZipFile(stdlib) as zin, zipfile.ZipFile("/tmp/stdlib.zip", "w", zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        data = zin.read(info)
        if unusable(info.filename):
            continue
        if info.filename in wanted:
            entry = zipfile.ZipInfo(info.filename + "c", info.date_time)
            zout.writestr(entry, pyc(data, info.filename), zipfile.ZIP_DEFLATED)
        else:
            zout.writestr(info, data)

tag = sys.implementation.cache_tag
with zipfile.ZipFile("/tmp/core.zip") as zin, zipfile.ZipFile("/tmp/core-out.zip", "w", zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        data = zin.read(info)
        zout.writestr(info, data)
        if info.filename.endswith(".py"):
            folder, _, name = info.filename.rpartition("/")
            entry = zipfile.ZipInfo(f"{folder}/__pycache__/{name[:-3]}.{tag}.pyc", info.date_time)
            zout.writestr(entry, pyc(data, info.filename), zipfile.ZIP_DEFLATED)
print(len(wanted), "stdlib modules precompiled")
`);
fs.writeFileSync(stdlibOut, py.FS.readFile("/tmp/stdlib.zip"));
fs.writeFileSync(coreOut, py.FS.readFile("/tmp/core-out.zip"));
