"""Generate the Unicode tables the exact token counter needs, at the reference's Unicode version.

Run with the Python whose `unicodedata` matches the reference counter (ctok runs on Python 3.12,
Unicode 15.0.0): `npm run build:unicode` finds it through pyenv. The output is committed
(src/core/tokens/exact/unicode-tables.json), so counts do not change with the Node or Electron
version. Tables are runs over the code space: [start, value] pairs, each value holding until the
next start.
"""

import json
import sys
import unicodedata

EXPECTED = "15.0.0"
MAX = 0x110000


def runs(value_of):
    out, last = [], object()
    for cp in range(MAX):
        v = value_of(cp)
        if v != last:
            out.append([cp, v])
            last = v
    return out


def main(path: str) -> None:
    if unicodedata.unidata_version != EXPECTED:
        sys.exit(f"unicode-tables: this Python has Unicode {unicodedata.unidata_version}; "
                 f"the reference counter runs on {EXPECTED} (use Python 3.12)")
    categories = sorted({unicodedata.category(chr(cp)) for cp in range(MAX)})
    index = {c: i for i, c in enumerate(categories)}
    lower = {}
    for cp in range(MAX):
        c = chr(cp)
        if 0xD800 <= cp <= 0xDFFF:
            continue
        low = c.lower()
        if low != c:
            lower[cp] = [ord(x) for x in low]
    tables = {
        "unicodeVersion": unicodedata.unidata_version,
        "generatedBy": f"scripts/unicode-tables.py on Python {sys.version.split()[0]}",
        "categories": categories,
        "category": runs(lambda cp: index[unicodedata.category(chr(cp))]),
        "combining": runs(lambda cp: unicodedata.combining(chr(cp))),
        # Python's str.isupper() / str.islower() of one code point (what the reference asks).
        "upper": runs(lambda cp: int(chr(cp).isupper())),
        "lower": runs(lambda cp: int(chr(cp).islower())),
        # str.lower() of one code point where it differs (full mapping: İ lowers to two).
        "toLower": [[cp, *v] for cp, v in sorted(lower.items())],
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(tables, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path}: Unicode {EXPECTED}, {len(tables['category'])} category runs, "
          f"{len(lower)} lowercase mappings")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "src/core/tokens/exact/unicode-tables.json")
