/** The kind of text, which decides how far a tiktoken count is from Claude's (digest §8). */
export type ContentKind = 'prose' | 'code' | 'markdown' | 'json' | 'cjk' | 'cyrillic' | 'other-script';

/**
 * Classify text cheaply by character statistics: one pass over at most the first 20k characters.
 */
export function classifyContent(text: string): ContentKind {
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  let letters = 0;
  let cjk = 0;
  let cyrillic = 0;
  let otherScript = 0;
  let codePunctuation = 0;
  let visible = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c <= 32) {
      continue;
    }
    visible++;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      letters++;
    } else if (c === 123 || c === 125 || c === 40 || c === 41 || c === 59 || c === 61 || c === 60 || c === 62 || c === 91 || c === 93) {
      codePunctuation++;
    } else if (c >= 0x2e80 && c <= 0xffef) {
      cjk++;
    } else if (c >= 0x400 && c <= 0x52f) {
      cyrillic++;
    } else if (c >= 0x370) {
      otherScript++;
    }
  }
  if (visible === 0) {
    return 'prose';
  }
  if (cjk / visible > 0.3) {
    return 'cjk';
  }
  if (cyrillic / visible > 0.3) {
    return 'cyrillic';
  }
  if (otherScript / visible > 0.3) {
    return 'other-script';
  }
  const trimmed = sample.trim();
  if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && /[}\]]$/.test(text.trimEnd())) {
    return 'json';
  }
  if (codePunctuation / visible > 0.035) {
    return 'code';
  }
  const lines = sample.split('\n');
  const markdownLines = lines.filter((l) => /^\s*(#{1,6} |[-*+] |\d+\. |\||```|>)/.test(l)).length;
  if (lines.length >= 3 && markdownLines / lines.length > 0.15) {
    return 'markdown';
  }
  return letters / visible > 0.5 ? 'prose' : 'code';
}
