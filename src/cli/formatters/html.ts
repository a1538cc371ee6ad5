import { CACHE_MAP_CSS, CACHE_MAP_LEGEND, TOOL_VERSION, cacheMapOf, escapeHtml, renderCacheMap } from '../../core';
import type { FileReport } from './file-report';

/** Requests drawn in full per file; the rest are listed, collapsed (a file with 500 requests stays readable and small). */
const DRAWN_PER_FILE = 25;

/**
 * `--format html`: one self-contained page (inline CSS, no script, nothing fetched) with a section
 * per file: its findings, and each request's cache map — the renderer the editor panel uses.
 */
export function formatHtml(reports: FileReport[]): string {
  // Files with nothing to show (no request, no finding, no problem) are counted, not drawn.
  const shown = reports.filter((r) => !r.result || r.result.findings.length > 0 || r.result.requests.length > 0);
  const sections = shown.map((report) => {
    const heading = `<h2>${escapeHtml(report.filePath)}</h2>`;
    if (!report.result) {
      return `<section class="file">${heading}<p class="problem">${escapeHtml(report.problem ?? 'not linted')}</p></section>`;
    }
    const findings = report.result.findings.length
      ? `<ul class="findings">${report.result.findings.map((f) => `<li class="${f.severity}"><code>${escapeHtml(f.ruleId)}</code> line ${f.range.start.line + 1}: ${escapeHtml(f.message)}</li>`).join('')}</ul>`
      : '<p>No findings.</p>';
    const requests = report.result.requests;
    // The cost chart for requests that cache something (the others show their prefix only: a report of a large repository stays readable).
    const drawn = requests.slice(0, DRAWN_PER_FILE).map((request) => renderCacheMap(cacheMapOf(request, `${request.call.callee} at line ${request.call.range.start.line + 1}`), false, request.breakpoints.length > 0));
    const rest = requests.slice(DRAWN_PER_FILE);
    const collapsed = rest.length
      ? `<details><summary>${rest.length} more request${rest.length === 1 ? '' : 's'}</summary><ul>${rest.map((r) => `<li>${escapeHtml(r.call.callee)} at line ${r.call.range.start.line + 1}: ${r.breakpoints.length} breakpoint(s)</li>`).join('')}</ul></details>`
      : '';
    return `<section class="file">${heading}${findings}${drawn.join('')}${collapsed}</section>`;
  });
  const requestCount = reports.reduce((n, r) => n + (r.result?.requests.length ?? 0), 0);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Prompt Cache Lint report</title><style>body{font:14px sans-serif;margin:1.5em;max-width:70em}code{font-size:90%}.findings .error{color:#b00}.findings .warning{color:#960}${CACHE_MAP_CSS}</style></head>
<body><h1>Prompt Cache Lint report</h1><p>${reports.length} file(s) linted, ${shown.length} shown (the others have no Claude request and no finding), ${requestCount} Claude request(s) · prompt-cache-lint ${escapeHtml(TOOL_VERSION)} · token counts marked ≈ are estimates, the others exact offline counts of the text</p>${CACHE_MAP_LEGEND}
${sections.join('\n')}
</body></html>`;
}
