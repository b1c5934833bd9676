"""Patch the WebAssembly Lean's lean.js so that it is usable on our machines.

The patches change how the emscripten glue starts up and finds symbols, never what Lean
computes: `scripts/lean_identity.py` checks that every module's .olean/.ilean are
byte-identical to those of the shipped lean.js.

Needed to run at all:
  stack   Elaboration runs in pthread workers with Node's default 4 MB stack, which kernel
          evaluation (`decide`) overflows; give them 256 MB.
  mounts  Only /home and /tmp of the host are mounted into the module's file system; also
          mount the top-level directories listed in $LEAN_WASM_MOUNTS (the wrapper lists
          the ones it needs).

Start-up cost (a trivial module: 77 CPU-s and 3.6 GB unpatched on this machine):
  dlsym   dlsym resolved each symbol with `Object.keys(exports).indexOf` over 201,110
          names, also for the 50-100 names Lean asks for that do not exist. Index the names
          once in a Map, and fall back to the scan only for a name that exists but was
          added after the index was built (the scan gives the index Lean stores).
  exports The glue binds all 201,110 wasm exports to JavaScript globals and `Module`
          properties (88 MB of its 89.5 MB), in the main thread and in every worker, and
          uses about 50 of them. Bind only the names the rest of the glue mentions.
  table   At instantiation every exported function gets a function-table slot, one
          `table.grow(1)` each (127k grows, in every thread), and a GOT entry. Give the
          same functions the same slots in the same order with one grow, and update only
          the GOT entries the module imported (the others are created, with the same
          values, if a later import asks for them).
  pool    The glue starts a pool of 4 worker threads, each parsing the glue and
          instantiating the module; Lean with `-j1` uses 1. The pool size comes from
          $LEAN_WASM_POOL (default 4, the shipped value); the wrapper sets it with -j.

usage: lean_patch.py SRC DST [PATCH ...]   (default: all patches, in the order above)
"""
import re
import sys

# The main module's exports are declared in one `var` statement and bound in
# assignWasmExports; the anchors below delimit both.
DECL_START = "var _main,_lean_main,"
DECL_END = ",wasmTable;function assignWasmExports("
ASSIGN_START = "function assignWasmExports(wasmExports){"
ASSIGN_END = "}var wasmImports;function assignWasmImports(){"
IDENT = re.compile(r"[A-Za-z_$][\w$]*")
# One binding inside assignWasmExports: NAME=Module["NAME"]=(wasmTable=)?wasmExports["EXPORT"](.value)?
BINDING = re.compile(r'([A-Za-z_$][\w$]*)=Module\["[^"]*"\]=(?:wasmTable=)?wasmExports\["[^"]*"\](?:\.value)?')

SIMPLE = {
    "dlsym": [(
        "newSymIndex=Object.keys(lib.exports).indexOf(symbol);",
        "newSymIndex=(lib.zkSymIndex??=new Map(Object.keys(lib.exports).map((k,i)=>[k,i]))).get(symbol);"
        "if(newSymIndex===undefined)newSymIndex=Object.hasOwn(lib.exports,symbol)"
        "?Object.keys(lib.exports).indexOf(symbol):-1;",
    )],
    "stack": [(
        'worker=new Worker(pthreadMainJs,{workerData:"em-pthread",name:"em-pthread"});',
        'worker=new Worker(pthreadMainJs,{workerData:"em-pthread",name:"em-pthread",'
        "resourceLimits:{stackSizeMb:256}});",
    )],
    "mounts": [(
        'FS.mount(NODEFS,{root:"/tmp"},"/tmp");',
        'FS.mount(NODEFS,{root:"/tmp"},"/tmp");'
        'for(const d of (process.env["LEAN_WASM_MOUNTS"]||"").split(":")){'
        'if(d&&d!=="/tmp"&&d!=="/home"){FS.mkdirTree(d);FS.mount(NODEFS,{root:d},d)}}',
    )],
    "table": [(
        "assignWasmExports(wasmExports);updateGOT(origExports);LDSO.init();",
        "assignWasmExports(wasmExports);zkUpdateGOTMain(origExports);LDSO.init();",
    ), (
        "var updateGOT=(exports,replace)=>{",
        # updateGOT(exports) for the main module at instantiation, batched. It gives every
        # exported function that has no slot yet the next free slot, in export order, as
        # addFunction would (one grow instead of one per function), then sets the GOT
        # entries that already exist exactly as updateGOT sets them.
        "var zkUpdateGOTMain=exports=>{if(freeTableIndexes.length){updateGOT(exports);return}"
        "if(!functionsInTableMap){functionsInTableMap=new WeakMap;updateTableMap(0,wasmTable.length)}"
        "var fresh=[];var slot=new Map;var base=wasmTable.length;"
        "for(var symName in exports){if(isInternalSym(symName))continue;var value=exports[symName];"
        "var existingEntry=GOT[symName]&&GOT[symName].value!=-1;"
        "if(!existingEntry&&typeof value==\"function\"&&!functionsInTableMap.get(value)&&!slot.has(value)){"
        "slot.set(value,base+fresh.length);fresh.push(value)}}"
        "if(fresh.length){if(wasmTable.grow(fresh.length)!==base)throw new Error(\"zkUpdateGOTMain: table moved\");"
        "for(var k=0;k<fresh.length;k++){wasmTable.set(base+k,fresh[k]);functionsInTableMap.set(fresh[k],base+k)}}"
        "for(var symName in exports){if(isInternalSym(symName))continue;var entry=GOT[symName];"
        "if(!entry||entry.value!=-1)continue;var value=exports[symName];"
        "if(typeof value==\"function\"){entry.value=functionsInTableMap.get(value)}"
        "else if(typeof value.value==\"number\"){entry.value=value}}};"
        "var updateGOT=(exports,replace)=>{",
    )],
    "pool": [(
        "var pthreadPoolSize=4;",
        'var pthreadPoolSize=Number(process.env["LEAN_WASM_POOL"]||4);',
    )],
}
ORDER = ["stack", "mounts", "dlsym", "exports", "table", "pool"]


def strip_exports(src: str) -> str:
    """Keep only the export bindings that the rest of the glue refers to."""
    d0 = src.index(DECL_START)
    d1 = src.index(DECL_END, d0) + len(",wasmTable")
    a0 = src.index(ASSIGN_START)
    a1 = src.index(ASSIGN_END, a0)
    if not d1 < a0:
        sys.exit("lean_patch: exports: declaration and assignment out of order")
    names = src[d0 + len("var "):d1].split(",")
    body = src[a0 + len(ASSIGN_START):a1]
    bindings = body.split(";")
    rest = src[:d0] + src[d1:a0] + src[a1:]
    mentioned = set(IDENT.findall(rest))
    kept_names = [n for n in names if n in mentioned]
    kept_bindings = []
    for b in bindings:
        m = BINDING.fullmatch(b)
        if not m:
            sys.exit(f"lean_patch: exports: unexpected binding {b[:80]}")
        if m.group(1) in mentioned:
            kept_bindings.append(b)
    # Names declared but bound elsewhere (wasmTable) stay declared.
    if len(kept_bindings) < 40 or len(kept_names) < len(kept_bindings):
        sys.exit("lean_patch: exports: fewer bindings kept than expected")
    return (src[:d0] + "var " + ",".join(kept_names) + src[d1:a0] + ASSIGN_START
            + ";".join(kept_bindings) + src[a1:])


def apply(src: str, name: str) -> str:
    if name == "exports":
        return strip_exports(src)
    for old, new in SIMPLE[name]:
        if src.count(old) != 1:
            sys.exit(f"lean_patch: {name}: anchor not found exactly once: {old[:60]}")
        src = src.replace(old, new)
    return src


def main() -> None:
    src_path, dst_path = sys.argv[1], sys.argv[2]
    names = sys.argv[3:] or ORDER
    for n in names:
        if n not in ORDER:
            sys.exit(f"lean_patch: unknown patch {n}; known: {' '.join(ORDER)}")
    src = open(src_path, encoding="utf-8").read()
    for n in ORDER:
        if n in names:
            src = apply(src, n)
    with open(dst_path, "w", encoding="utf-8") as f:
        f.write(src)


if __name__ == "__main__":
    main()
