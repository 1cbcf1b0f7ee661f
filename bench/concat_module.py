#!/usr/bin/env python3
"""Join a generated graph's modules into one large module (for the file-size linearity check).

    python3 concat_module.py GRAPH_DIR OUT_FILE

Concatenates GRAPH_DIR/mods/dNNN/m*.mjs in order, leaving out the lines that only make sense
in separate files: `import` declarations, `export * from` and `export default`. What remains
declares names suffixed with each module's id, so the result is one valid module. Works on a
graph made by ../shared/bench/gen_graph.py --kind esm (whose statements fit on one line) and on
its semicolon-less copy. Prints one line: modules joined and bytes written.
"""

import os
import sys

DROPPED_PREFIXES = ('import ', 'export * from', 'export default ')


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    mods = os.path.join(sys.argv[1], 'mods')
    parts = []
    for d in sorted(os.listdir(mods)):
        sub = os.path.join(mods, d)
        if not os.path.isdir(sub):
            continue
        for name in sorted(os.listdir(sub), key=lambda n: (len(n), n)):
            if not name.endswith('.mjs'):
                continue
            with open(os.path.join(sub, name), encoding='utf-8') as f:
                kept = [l for l in f.read().split('\n') if not l.startswith(DROPPED_PREFIXES)]
            parts.append('\n'.join(kept))
    text = '\n'.join(parts)
    with open(sys.argv[2], 'w', encoding='utf-8') as f:
        f.write(text)
    print(f'joined: modules={len(parts)} bytes={len(text.encode("utf-8"))}')


if __name__ == '__main__':
    main()
