import type { FileReport } from './file-report';

/**
 * The documented JSON shape (README "JSON output"): 1-based lines and columns. Fields may be
 * added here; none may be removed.
 */
export function formatJson(reports: FileReport[]): string {
  return JSON.stringify(
    reports.map((report) => report.json ?? fileJson(report)),
    null,
    2,
  );
}

/** One file's JSON object (a worker thread builds it where the requests are). */
export function fileJson(report: FileReport): Record<string, unknown> {
  const result = report.result;
  return {
    filePath: report.filePath,
    language: report.language ?? null,
    ...(report.problem ? { error: report.problem } : {}),
    ...(result?.internalError ? { error: `internal error: ${result.internalError}` } : {}),
    ...(result?.hasSyntaxErrors ? { hasSyntaxErrors: true } : {}),
    diagnostics: (result?.findings ?? []).map((f) => ({
      ...(f.cell !== undefined ? { cell: f.cell } : {}),
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      fixes: f.fixes.map((fix) => ({ title: fix.title, safe: fix.safe, edits: fix.edits })),
    })),
    requests: (result?.requests ?? []).map((request, i) => ({
      ...(result?.notebook ? { cell: result.notebook.requestCells[i].cell } : {}),
      line: (result?.notebook?.requestCells[i].line ?? request.call.range.start.line) + 1,
      column: (result?.notebook?.requestCells[i].character ?? request.call.range.start.character) + 1,
      callee: request.call.callee,
      dialect: request.dialect,
      notClaude: request.notClaude || undefined,
      batchItem: request.isBatchItem,
      model: request.model.assumed ? null : (request.model.family?.canonicalId ?? null),
      modelAssumed: request.model.assumed ? (request.model.family?.canonicalId ?? null) : undefined,
      modelFromEnvironment: request.model.environmentVariable,
      modelCandidates: request.model.candidates?.map((family) => family.canonicalId),
      breakpoints: request.breakpoints.map((bp) => ({
        line: bp.marker.range.start.line + 1,
        column: bp.marker.range.start.character + 1,
        ttl: bp.ttl,
        prefixTokens: bp.prefix.tokens.tokens,
        prefixTokensLow: bp.prefix.tokens.low,
        prefixTokensHigh: bp.prefix.tokens.high,
        prefixKnown: bp.prefix.known,
        automatic: bp.automatic,
        inLoop: bp.inLoop,
        // What the findings say of it: cached unless a rule says otherwise.
        verdict: bp.verdict?.kind ?? 'cached',
        verdictRule: bp.verdict?.ruleId,
        savings: bp.savings
          ? {
              costPerCallUncachedUsd: bp.savings.costPerCallUncached,
              writeCostUsd: bp.savings.writeCost,
              readCostUsd: bp.savings.readCost,
              savingsPerHitUsd: bp.savings.savingsPerHit,
              percentSavedAtReuse: bp.savings.percentSavedAtReuse,
              reuseCalls: bp.savings.reuseCalls,
              breakEvenCalls: bp.savings.breakEvenCalls,
              // Part of the prefix is not known here: the real prefix, and the savings, are at least this.
              savingsLowerBound: !bp.prefix.known,
            }
          : null,
      })),
      movingBreakpoints: request.movingBreakpoints.map((moving) => ({
        section: moving.section,
        via: moving.via,
        lines: moving.sites.map((site) => site.start.line + 1),
      })),
    })),
  };
}
