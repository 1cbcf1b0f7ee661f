#!/usr/bin/env python3
"""Rewrite JavaScript files without statement-ending semicolons (for the ASI linearity check).

    python3 strip_semicolons.py SRC_DIR DST_DIR

Copies every .mjs file under SRC_DIR to the same relative path under DST_DIR, dropping a `;`
at the end of a line whenever automatic semicolon insertion puts it back: the next non-blank
line must not start with a character that would continue the statement (`(`, `[`, a template
backtick, an operator, `.`, `,`, `?`, `:`), and a line that is only `;` (an empty statement) is
kept. This is meant for the generated benchmark graphs (no multi-line strings or templates);
it is not a general-purpose transformation. Prints one line: files, semicolons removed, kept.
"""

import os
import sys

# A following line that starts with one of these would continue the previous statement.
CONTINUES = tuple('([`+-*/%.,?:=<>&|^!~')


def strip(text):
    lines = text.split('\n')
    removed = kept = 0
    for i, line in enumerate(lines):
        body = line.rstrip()
        if not body.endswith(';') or body.strip() == ';':
            continue
        nxt = next((l.lstrip() for l in lines[i + 1:] if l.strip()), '')
        if nxt.startswith('//') or nxt.startswith('/*'):
            nxt = ''   # a comment line does not continue the statement
        if nxt.startswith(CONTINUES):
            kept += 1
            continue
        lines[i] = body[:-1]
        removed += 1
    return '\n'.join(lines), removed, kept


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, dst = sys.argv[1], sys.argv[2]
    files = removed = kept = 0
    for root, dirs, names in os.walk(src):
        dirs.sort()
        for name in sorted(names):
            if not name.endswith('.mjs'):
                continue
            path = os.path.join(root, name)
            out = os.path.join(dst, os.path.relpath(path, src))
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with open(path, encoding='utf-8') as f:
                text, r, k = strip(f.read())
            with open(out, 'w', encoding='utf-8') as f:
                f.write(text)
            files += 1
            removed += r
            kept += k
    print(f'stripped: files={files} semicolons_removed={removed} kept={kept}')


if __name__ == '__main__':
    main()
