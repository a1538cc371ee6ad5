import { type LintConfig, type LintResult, type SourceLanguage, DEFAULT_CONFIG } from '../../src/core';
import { linter } from './fix-checks';

/** Lint an inline snippet; TypeScript by default file name. */
export async function lintSnippet(code: string, language: SourceLanguage, config: Partial<LintConfig> = {}): Promise<LintResult> {
  const fileName = language === 'python' ? 'snippet.py' : language === 'typescript' ? 'snippet.ts' : 'snippet.js';
  const result = await linter.lint(code, language, { fileName, config: { ...DEFAULT_CONFIG, ...config } });
  if (result.internalError) {
    throw new Error(result.internalError);
  }
  return result;
}

export const LONG_TEXT = 'Follow the support policy carefully and cite the relevant section. '.repeat(150);
