import type { Severity } from '../../core';
import type { FileReport } from './file-report';

/** ESLint's "stylish" layout: file, then `line:col  severity  message  rule`, then a summary. */
export function formatText(reports: FileReport[], color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const severityColor: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '90' };
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let problemFiles = 0;
  let requests = 0;
  for (const report of reports) {
    const findings = report.result?.findings ?? [];
    requests += report.requestCount ?? report.result?.requests.length ?? 0;
    const fileProblem = report.problem ?? (report.result?.internalError ? `internal error: ${report.result.internalError}` : undefined);
    if (findings.length === 0 && !fileProblem) {
      continue;
    }
    lines.push(paint('4', report.filePath));
    if (fileProblem) {
      problemFiles++;
      lines.push(`  ${paint('31', 'could not lint')}  ${fileProblem}`);
    }
    for (const f of findings) {
      counts[f.severity]++;
      const position = `${f.cell !== undefined ? `cell ${f.cell} ` : ''}${f.range.start.line + 1}:${f.range.start.character + 1}`;
      lines.push(`  ${paint('90', position.padEnd(7))} ${paint(severityColor[f.severity], f.severity.padEnd(7))}  ${f.message}  ${paint('90', f.ruleId)}`);
    }
    lines.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const summary = `${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info + counts.hint} info) in ${reports.length} file${reports.length === 1 ? '' : 's'}, ${requests} Claude request${requests === 1 ? '' : 's'}`;
  lines.push(total > 0 ? paint(counts.error > 0 ? '31' : '33', `✖ ${summary}`) : `✔ ${summary}`);
  if (problemFiles > 0) {
    lines.push(paint('31', `${problemFiles} file${problemFiles === 1 ? '' : 's'} could not be linted`));
  }
  return lines.join('\n');
}
