"""Patch the WebAssembly Lean's lean.js so that it is usable on our machines.

1. dlsym resolved each symbol with a linear scan over 201,110 export names (about 150 s of
   every 170 s run); index the names once per library in a Map.
2. Elaboration runs in pthread workers with Node's default 4 MB stack, which kernel
   evaluation (`decide`) overflows; give them 256 MB.
3. Only /home and /tmp of the host are mounted into the module's file system; also mount the
   top-level directories listed in $LEAN_WASM_MOUNTS (the wrapper lists the ones it needs).

usage: lean_patch.py SRC DST
"""
import sys

PATCHES = [
    (
        "newSymIndex=Object.keys(lib.exports).indexOf(symbol);",
        "newSymIndex=(lib.zkSymIndex??=new Map(Object.keys(lib.exports).map((k,i)=>[k,i]))).get(symbol);"
        "if(newSymIndex===undefined)newSymIndex=Object.keys(lib.exports).indexOf(symbol);",
    ),
    (
        'worker=new Worker(pthreadMainJs,{workerData:"em-pthread",name:"em-pthread"});',
        'worker=new Worker(pthreadMainJs,{workerData:"em-pthread",name:"em-pthread",'
        "resourceLimits:{stackSizeMb:256}});",
    ),
    (
        'FS.mount(NODEFS,{root:"/tmp"},"/tmp");',
        'FS.mount(NODEFS,{root:"/tmp"},"/tmp");'
        'for(const d of (process.env["LEAN_WASM_MOUNTS"]||"").split(":")){'
        'if(d&&d!=="/tmp"&&d!=="/home"){FS.mkdirTree(d);FS.mount(NODEFS,{root:d},d)}}',
    ),
]


def main() -> None:
    src_path, dst_path = sys.argv[1], sys.argv[2]
    src = open(src_path, encoding="utf-8").read()
    for old, new in PATCHES:
        if src.count(old) != 1:
            sys.exit(f"lean_patch: anchor not found exactly once: {old[:60]}")
        src = src.replace(old, new)
    with open(dst_path, "w", encoding="utf-8") as f:
        f.write(src)


if __name__ == "__main__":
    main()
