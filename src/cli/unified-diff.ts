/**
 * A unified diff of two texts by lines (`--fix-dry-run`), as `diff -u` / `git diff` print it: Myers'
 * O((N+M)·D) shortest edit script, then hunks with three lines of context. Fixes change few lines,
 * so D stays small even in large files.
 */

type Op = { kind: ' ' | '-' | '+'; line: string };

const CONTEXT = 3;

function splitLines(text: string): string[] {
  if (text === '') {
    return [];
  }
  const lines = text.split('\n');
  // A final newline ends the last line; it does not start another.
  if (lines[lines.length - 1] === '') {
    lines.pop();
  }
  return lines;
}

/** The shortest edit script from `a` to `b` (Myers 1986), as keep/delete/insert operations in order. */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max;
  let v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    v = next;
  }
  trace.push(v.slice());
  // Walk back through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    const frontier = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && frontier[offset + k - 1] < frontier[offset + k + 1]);
    const previousK = down ? k + 1 : k - 1;
    const previousX = d === 0 ? 0 : frontier[offset + previousK];
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY && x > 0 && y > 0) {
      ops.push({ kind: ' ', line: a[x - 1] });
      x--;
      y--;
    }
    if (d === 0) {
      break;
    }
    if (down) {
      ops.push({ kind: '+', line: b[y - 1] });
      y--;
    } else {
      ops.push({ kind: '-', line: a[x - 1] });
      x--;
    }
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', line: a[x - 1] });
    x--;
    y--;
  }
  return ops.reverse();
}

/** `--- a/<name>` / `+++ b/<name>` and the hunks; '' when the texts are equal. */
export function unifiedDiff(before: string, after: string, name: string): string {
  if (before === after) {
    return '';
  }
  // A last line without its newline differs from the same line with one (diff -u agrees): compare it marked.
  const NO_EOL = '\u0000no-eol';
  const mark = (lines: string[], text: string) => (text !== '' && !text.endsWith('\n') ? [...lines.slice(0, -1), `${lines[lines.length - 1]}${NO_EOL}`] : lines);
  const a = mark(splitLines(before), before);
  const b = mark(splitLines(after), after);
  const ops = editScript(a, b).map((op) => ({ ...op, line: op.line.replace(NO_EOL, '') }));
  const out: string[] = [`--- a/${name}`, `+++ b/${name}`];
  let i = 0;
  // Positions (0-based) in a and b before each op.
  const positions: Array<[number, number]> = [];
  let ax = 0;
  let by = 0;
  for (const op of ops) {
    positions.push([ax, by]);
    if (op.kind !== '+') {
      ax++;
    }
    if (op.kind !== '-') {
      by++;
    }
  }
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    // A hunk: from CONTEXT lines before this change to CONTEXT lines after the last change within reach.
    const start = Math.max(0, i - CONTEXT);
    let end = i;
    let lastChange = i;
    while (end < ops.length && end - lastChange <= 2 * CONTEXT) {
      if (ops[end].kind !== ' ') {
        lastChange = end;
      }
      end++;
    }
    end = Math.min(ops.length, lastChange + CONTEXT + 1);
    const hunk = ops.slice(start, end);
    const [aStart, bStart] = positions[start];
    const aCount = hunk.filter((op) => op.kind !== '+').length;
    const bCount = hunk.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${aCount === 0 ? aStart : aStart + 1},${aCount} +${bCount === 0 ? bStart : bStart + 1},${bCount} @@`);
    hunk.forEach((op, h) => {
      out.push(`${op.kind}${op.line}`);
      // As diff -u: the marker follows the last line of a text that has no final newline.
      const [x, y] = positions[start + h];
      const lastOfA = op.kind !== '+' && x === a.length - 1 && !before.endsWith('\n');
      const lastOfB = op.kind !== '-' && y === b.length - 1 && !after.endsWith('\n');
      if (lastOfA || lastOfB) {
        out.push('\\ No newline at end of file');
      }
    });
    i = end;
  }
  return `${out.join('\n')}\n`;
}
