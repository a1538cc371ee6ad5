import * as path from 'path';
import { type LintConfig, DEFAULT_CONFIG } from './config';
import { SourceEditor } from './fixes/source-edits';
import { type GrammarId, SourceParser, type Tree, grammarFor } from './parsing/parser';
import { FolderPromptFiles, type PromptFileSource } from './prompt-files';
import { WorkspaceModules } from './modules/workspace-modules';
import { type NotebookProgram, findingsByCell, notebookProgram, programOfCells, toCellRange } from './notebooks';
import { noteBreakpointsSetElsewhere, requestsOfCall } from './request/build-request';
import { noteMovingBreakpoints, usedRanges } from './request/moving-breakpoints';
import { measurePrefixes } from './request/prefix';
import type { RequestModel } from './request/request-model';
import { RULES } from './rules';
import type { RuleReport } from './rules/rule';
import { estimateSavings } from './savings';
import { Suppressions } from './suppression';
import type { FileSyntax } from './syntax/language-support';
import { analyseJs } from './syntax/js-walk';
import { analysePython } from './syntax/python-walk';
import { ClaudeTokenCounter } from './tokens/exact-token-counter';
import type { TokenCounter } from './tokens/token-counter';
import type { Finding, SourceLanguage } from './types';

export interface LintResult {
  language: SourceLanguage;
  /** The syntax tree, only when `keepTree` was asked for: the caller then owns it and must `delete()` it. */
  tree?: Tree;
  requests: RequestModel[];
  findings: Finding[];
  /** The file has syntax errors; results cover the parts that parsed. */
  hasSyntaxErrors: boolean;
  /** Set when linting this file failed internally; findings are then empty. */
  internalError?: string;
  /** Prompt files the requests read (absolute paths): a change to one should re-lint this file. */
  promptFiles?: string[];
  /** How many `cache_control` the file writes, and how many of them the analysis tied to a request. */
  cacheControl?: CacheControlCoverage;
  /** Set for a notebook: where each request is, as (cell, line, character in the cell). */
  notebook?: { requestCells: Array<{ cell: number; line: number; character: number }> };
  /** The file is not something the linter reads (a malformed notebook): say so, and it is not an internal error. */
  unreadable?: string;
}

export interface CacheControlCoverage {
  written: number;
  attached: number;
}

export interface LintOptions {
  fileName?: string;
  config?: LintConfig;
  /** The previous tree of the same document, for incremental reparsing (already edited). */
  previousTree?: Tree;
  /** Return the syntax tree instead of freeing it (WASM memory is not garbage-collected). */
  keepTree?: boolean;
  /** Where prompt files named in source may be read from; without it their text stays unknown. */
  promptFiles?: PromptFileSource;
  /**
   * Follow imports into workspace modules (read from the same folder as prompt files, confined the
   * same way); on by default when prompt files are read and the file has an absolute name.
   */
  followImports?: boolean;
}

/** Grammars a file may import from: a TypeScript file imports `.tsx` and `.js` modules too. */
const GRAMMAR_FAMILIES: Record<SourceLanguage, GrammarId[]> = { python: ['python'], typescript: ['typescript', 'tsx', 'javascript'], javascript: ['javascript', 'typescript', 'tsx'] };

/**
 * The linter: one per process. Parsers load lazily per grammar, token counts are cached across
 * files, and `lint` never throws: an internal error comes back as `internalError`.
 */
export class Linter {
  private readonly parsers = new Map<GrammarId, Promise<SourceParser>>();

  constructor(readonly tokenCounter: TokenCounter = new ClaudeTokenCounter()) {}

  /** Load the grammar for a language (once); afterwards `lintSync` can run for it. */
  async prepare(language: SourceLanguage, fileName?: string, followImports = true): Promise<void> {
    await this.load(grammarFor(language, fileName));
    if (followImports) {
      await this.loadFamily(language);
    }
  }

  /** The grammars of the modules a file may import, so that linting it can stay synchronous. */
  private async loadFamily(language: SourceLanguage): Promise<void> {
    await Promise.all(GRAMMAR_FAMILIES[language].map((grammar) => this.parserFor(grammar).catch(() => undefined)));
  }

  /**
   * A Jupyter notebook, linted as the one Python program its code cells make: findings come back
   * on their cells (`cell`, cell-relative ranges and edits), as do requests (`cells`).
   */
  async lintNotebook(json: string, options: LintOptions = {}): Promise<LintResult> {
    const program = notebookProgram(json);
    if ('reason' in program) {
      return failure('python', new Error(program.reason), true);
    }
    return this.lintProgram(program, options);
  }

  /** An open notebook's code cells (index among all cells, text), linted as one program. */
  lintCells(cells: ReadonlyArray<{ index: number; source: string }>, options: LintOptions = {}): Promise<LintResult> {
    return this.lintProgram(programOfCells(cells), options);
  }

  private async lintProgram(program: NotebookProgram, options: LintOptions): Promise<LintResult> {
    const result = await this.lint(program.text, 'python', { ...options, keepTree: false, previousTree: undefined });
    const requestCells = result.requests.map((request) => toCellRange(program, request.call.range));
    return {
      ...result,
      findings: findingsByCell(program, result.findings),
      notebook: { requestCells: requestCells.map((at) => ({ cell: at.cell.index, line: at.range.start.line, character: at.range.start.character })) },
    };
  }

  async lint(text: string, language: SourceLanguage, options: LintOptions = {}): Promise<LintResult> {
    try {
      const parser = await this.load(grammarFor(language, options.fileName));
      if (this.modulesFor(options)) {
        await this.loadFamily(language);
      }
      return this.lintWith(parser, text, language, options);
    } catch (error) {
      return failure(language, error);
    }
  }

  /** The parser for a grammar; on the first load the token ranks are built while its WASM compiles. */
  private load(grammar: GrammarId): Promise<SourceParser> {
    const pending = this.parserFor(grammar);
    if (!this.ready.has(grammar)) {
      this.tokenCounter.warmUp?.();
    }
    return pending;
  }

  /** Lint with an already prepared grammar, synchronously (for editors that must not await). */
  lintSync(text: string, language: SourceLanguage, options: LintOptions = {}): LintResult | undefined {
    const pending = this.ready.get(grammarFor(language, options.fileName));
    if (!pending) {
      return undefined;
    }
    try {
      return this.lintWith(pending, text, language, options);
    } catch (error) {
      return failure(language, error);
    }
  }

  private readonly ready = new Map<GrammarId, SourceParser>();
  private readonly workspaces = new WeakMap<FolderPromptFiles, WorkspaceModules>();

  /** The workspace modules imports are followed into for this lint, if any. */
  private modulesFor(options: LintOptions): WorkspaceModules | undefined {
    const files = options.promptFiles;
    if (options.followImports === false || !(files instanceof FolderPromptFiles) || !options.fileName || !path.isAbsolute(options.fileName)) {
      return undefined;
    }
    let modules = this.workspaces.get(files);
    if (!modules) {
      modules = new WorkspaceModules(files);
      this.workspaces.set(files, modules);
    }
    return modules;
  }

  private parserFor(grammar: GrammarId): Promise<SourceParser> {
    let parser = this.parsers.get(grammar);
    if (!parser) {
      parser = SourceParser.create(grammar).then((p) => {
        this.ready.set(grammar, p);
        return p;
      });
      this.parsers.set(grammar, parser);
      // A failed load may be retried later.
      parser.catch(() => this.parsers.delete(grammar));
    }
    return parser;
  }

  private lintWith(parser: SourceParser, text: string, language: SourceLanguage, options: LintOptions): LintResult {
    const config = options.config ?? DEFAULT_CONFIG;
    const tree = parser.parse(text, options.previousTree);
    const modules = this.modulesFor(options);
    modules?.begin(tree, (grammar) => this.ready.get(grammar));
    try {
      const root = tree.rootNode;
      const readPromptFile = options.promptFiles?.reader(options.fileName);
      const links = modules && options.fileName ? modules.linksFor(options.fileName, language) : undefined;
      const syntax = language === 'python' ? analysePython(root, readPromptFile, links) : analyseJs(root, readPromptFile, links);
      const requests = this.buildRequests(syntax, language, config);
      const cacheControl = coverageOf(syntax, requests);
      const editor = new SourceEditor(text, language, () => syntax.strings.preferred, new Set([...(modules?.importedUses ?? []), ...syntax.evaluator.readOnlyUses]));
      const findings = runRules(requests, editor, new Suppressions(syntax.comments), config, (offset) => syntax.strings.insideMultiline(offset));
      const moduleFiles = modules?.end() ?? [];
      const promptFiles = [...new Set([...syntax.evaluator.promptFilesRead, ...moduleFiles])];
      return { language, requests, findings, hasSyntaxErrors: root.hasError, tree: options.keepTree ? tree : undefined, ...(promptFiles.length ? { promptFiles } : {}), cacheControl };
    } finally {
      // After an internal error, still let go of what the lint held.
      modules?.end();
      if (!options.keepTree) {
        tree.delete();
      }
    }
  }

  private buildRequests(syntax: FileSyntax, language: SourceLanguage, config: LintConfig): RequestModel[] {
    const requests = syntax.calls.flatMap((call) => requestsOfCall(call, { language, defaultModel: config.defaultModel }));
    noteMovingBreakpoints(requests, syntax);
    noteBreakpointsSetElsewhere(requests, syntax.runtimeCacheControl, syntax.cacheControlEntries);
    for (const request of requests) {
      measurePrefixes(request, this.tokenCounter);
      for (const breakpoint of request.breakpoints) {
        breakpoint.savings = estimateSavings(breakpoint.prefix.tokens.tokens, breakpoint.ttl, request.model.family, config.reuseCalls);
      }
      if (request.staticHead) {
        request.staticHead.savings = estimateSavings(request.staticHead.prefix.tokens.tokens, '5m', request.model.family, config.reuseCalls);
      }
    }
    return requests;
  }
}

function runRules(requests: RequestModel[], editor: SourceEditor, suppressions: Suppressions, config: LintConfig, insideMultilineString: (offset: number) => boolean): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const request of requests) {
    for (const rule of RULES) {
      const setting = config.rules[rule.id] ?? rule.defaultSeverity;
      // A request to a model that is not Claude only carries markers that do nothing.
      if (setting === 'off' || (request.notClaude && rule.id !== 'ignored-cache-marker')) {
        continue;
      }
      for (const report of rule.check({ request, editor, reuseCalls: config.reuseCalls })) {
        if (suppressions.isSuppressed(rule.id, report.range.start.line)) {
          continue;
        }
        // The same block can feed several requests (a shared constant): report it once.
        const key = `${rule.id}:${report.range.startOffset}:${report.range.endOffset}:${report.message}`;
        if (seen.has(key)) {
          continue;
        }
        seen.add(key);
        const severity = config.rules[rule.id] ?? report.severity ?? rule.defaultSeverity;
        // A fix that would edit text standing for another module's is dropped whole.
        const fixes = report.fixes.filter((fix) => !fix.edits.some((edit) => edit.refused));
        const suppress = suppressionFix(editor, insideMultilineString, rule.id, report.range.start.line);
        if (suppress) {
          fixes.push(suppress);
        }
        fixes.push({ title: `Disable ${rule.id} for this file`, safe: false, edits: [editor.fileSuppression(rule.id)] });
        findings.push({ ruleId: rule.id, severity: severity === 'off' ? rule.defaultSeverity : severity, message: report.message, range: report.range, fixes });
        if (report.verdict) {
          applyVerdict(rule.id, report.verdict);
        }
      }
    }
  }
  return findings.sort((a, b) => a.range.startOffset - b.range.startOffset || a.ruleId.localeCompare(b.ruleId));
}

const verdictRank = { 'may-not-cache': 0, 'not-cached': 1, 'request-rejected': 2 } as const;

/** The worst verdict wins: a rejected request beats an uncached breakpoint beats a doubtful one. */
function applyVerdict(ruleId: string, verdict: NonNullable<RuleReport['verdict']>): void {
  for (const breakpoint of verdict.breakpoints) {
    if (!breakpoint.verdict || verdictRank[verdict.kind] > verdictRank[breakpoint.verdict.kind]) {
      breakpoint.verdict = { kind: verdict.kind, reason: verdict.reason, ruleId };
    }
  }
}

/** "Disable for this line", unless the line starts inside a multi-line string (a comment there would change the prompt). */
function suppressionFix(editor: SourceEditor, insideMultilineString: (offset: number) => boolean, ruleId: string, line: number) {
  if (insideMultilineString(editor.offsetOfLine(line))) {
    return undefined;
  }
  return { title: `Disable ${ruleId} for this line`, safe: false, edits: [editor.suppressionAbove(line, ruleId)] };
}

function coverageOf(syntax: FileSyntax, requests: RequestModel[]): CacheControlCoverage {
  const written = new Set([...syntax.cacheControlEntries, ...syntax.runtimeCacheControl].map((node) => node.startIndex));
  const attached = new Set<number>();
  for (const [start, end] of requests.flatMap(usedRanges)) {
    for (const offset of written) {
      if (start <= offset && offset < end) {
        attached.add(offset);
      }
    }
  }
  return { written: written.size, attached: attached.size };
}

function failure(language: SourceLanguage, error: unknown, unreadable = false): LintResult {
  const message = error instanceof Error ? error.message : String(error);
  return unreadable ? { language, requests: [], findings: [], hasSyntaxErrors: false, unreadable: message } : { language, requests: [], findings: [], hasSyntaxErrors: false, internalError: message };
}
