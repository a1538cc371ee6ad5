import * as path from 'path';
import { RULES, type Severity } from '../../core';
import { ruleDocsUrl, TOOL_VERSION } from '../../core/meta';
import type { FileReport } from './file-report';

const level: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0, as GitHub code scanning and other CI viewers read it. */
export function formatSarif(reports: FileReport[]): string {
  const toUri = (p: string) => (path.isAbsolute(p) ? `file://${p}` : p.split(path.sep).join('/'));
  const results = reports.flatMap((report) =>
    (report.result?.findings ?? []).map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: RULES.findIndex((r) => r.id === f.ruleId),
      level: level[f.severity],
      // In a notebook the region is inside the cell named here (SARIF has no cell of its own).
      message: { text: f.cell !== undefined ? `Cell ${f.cell}: ${f.message}` : f.message },
      ...(f.cell !== undefined ? { properties: { cell: f.cell } } : {}),
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(report.filePath) },
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
          },
        },
      ],
    })),
  );
  const notifications = reports
    .filter((r) => r.problem || r.result?.internalError)
    .map((r) => ({
      level: 'error',
      message: { text: `${r.filePath}: ${r.problem ?? `internal error: ${r.result?.internalError}`}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: toUri(r.filePath) } } }],
    }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'prompt-cache-lint',
            version: TOOL_VERSION,
            informationUri: ruleDocsUrl(),
            rules: RULES.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.docs.summary },
              fullDescription: { text: rule.docs.whyItMatters },
              help: { text: rule.docs.useInstead },
              helpUri: ruleDocsUrl(rule.id),
              defaultConfiguration: { level: level[rule.defaultSeverity] },
            })),
          },
        },
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
