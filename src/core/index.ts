/** The public surface of the analysis core, shared by the CLI and the VS Code extension. */
export { Linter, type LintResult, type LintOptions } from './lint';
export { DEFAULT_CONFIG, resolveConfig, type LintConfig, type RuleSetting } from './config';
export { RULES, ruleById, type Rule, type RuleDocs } from './rules';
export { languageOfFile } from './parsing/parser';
export { applyEdits } from './fixes/source-edits';
export { fixAll, safeFixes, minimalEdit, MAX_FIX_PASSES, type FixAllResult, type FixableLint } from './fixes/fix-all';
export { MODEL_FAMILIES, CACHE_LIMITS, DEFAULT_MODEL_ID, type ModelFamily } from './models/model-catalog';
export { resolveModel, familyKeyOf } from './models/model-resolver';
export { ClaudeTokenEstimator } from './tokens/claude-estimator';
export type { TokenCounter, TokenEstimate } from './tokens/token-counter';
export type * from './request/request-model';
export type * from './types';
export { ruleDocsUrl, REPOSITORY_URL, TOOL_VERSION } from './meta';
export { setWasmDirectory } from './parsing/parser';
export { FolderPromptFiles, MAX_PROMPT_FILE_BYTES, type PromptFileSource } from './prompt-files';
export { inlineSavingsLabel, breakpointHover, requestHover } from './report/cost-report';
export { countTokensBody, countTokensExactly, bodyKey, type CountResult, type CountBody } from './tokens/count-tokens-api';
export type { Tree } from './parsing/parser';
