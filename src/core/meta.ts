/** Where the project lives, for documentation links from diagnostics, SARIF and the README. */
export const REPOSITORY_URL = 'https://github.com/prompt-cache-lint/prompt-cache-lint';
export const TOOL_VERSION = '0.1.0';

/** The documentation page of a rule (generated into docs/rules/ from the rule's own docs). */
export function ruleDocsUrl(ruleId?: string): string {
  return ruleId ? `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md` : `${REPOSITORY_URL}#rules`;
}
