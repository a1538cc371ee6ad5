import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { type LintConfig, resolveConfig } from '../core';

export const SETTINGS_SECTION = 'promptCacheLint';
export const CONFIG_FILE_NAME = '.prompt-cache-lint.json';
const MAX_CONFIG_BYTES = 64 * 1024;

export interface ExtensionSettings {
  enable: boolean;
  /** Lint as the user types, or only when the file is opened and saved. */
  run: 'onType' | 'onSave';
  inlineSavings: boolean;
  readPromptFiles: boolean;
  /** Follow imports into workspace modules (needs readPromptFiles: both read the workspace folder). */
  followImports: boolean;
  config: LintConfig;
  /** Problems with the settings or the workspace file, shown once in the output channel. */
  problems: string[];
}

/** A setting's value only when the user set it somewhere: otherwise the core's default applies. */
function explicit<T>(configuration: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const inspected = configuration.inspect<T>(key);
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
}

/** Parsed workspace files by folder, so typing never touches the disk; the file watcher clears it. */
const workspaceFiles = new Map<string, { data: Record<string, unknown>; problems: string[] }>();

export function forgetWorkspaceConfig(): void {
  workspaceFiles.clear();
}

function readWorkspaceFile(folder: vscode.WorkspaceFolder | undefined, problems: string[]): Record<string, unknown> {
  if (!folder || folder.uri.scheme !== 'file') {
    return {};
  }
  const cached = workspaceFiles.get(folder.uri.fsPath);
  if (cached) {
    problems.push(...cached.problems);
    return cached.data;
  }
  const own: string[] = [];
  const data = readWorkspaceFileFromDisk(folder, own);
  workspaceFiles.set(folder.uri.fsPath, { data, problems: own });
  problems.push(...own);
  return data;
}

function readWorkspaceFileFromDisk(folder: vscode.WorkspaceFolder, problems: string[]): Record<string, unknown> {
  const file = path.join(folder.uri.fsPath, CONFIG_FILE_NAME);
  try {
    const stat = fs.statSync(file);
    if (stat.size > MAX_CONFIG_BYTES) {
      problems.push(`${CONFIG_FILE_NAME} is larger than 64 KB; ignored`);
      return {};
    }
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      problems.push(`cannot read ${CONFIG_FILE_NAME}: ${(error as Error).message}`);
    }
    return {};
  }
}

/** `promptCacheLint.run` alone, read on every keystroke (the rest of the settings are read when a lint runs). */
export function runMode(document: vscode.TextDocument): ExtensionSettings['run'] {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION, document.uri).get<string>('run', 'onType') === 'onSave' ? 'onSave' : 'onType';
}

/**
 * Settings are read here and nowhere else: the workspace file `.prompt-cache-lint.json` (shared
 * with the CLI) first, then any `promptCacheLint.*` setting the user set explicitly on top.
 */
export function readSettings(document?: vscode.TextDocument): ExtensionSettings {
  const folder = document ? vscode.workspace.getWorkspaceFolder(document.uri) : vscode.workspace.workspaceFolders?.[0];
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION, document?.uri);
  const problems: string[] = [];
  const fromFile = readWorkspaceFile(folder, problems);
  const rules = { ...((fromFile.rules as Record<string, unknown>) ?? {}), ...(explicit<Record<string, unknown>>(configuration, 'rules') ?? {}) };
  const merged = {
    ...fromFile,
    ...(explicit<string>(configuration, 'defaultModel') !== undefined ? { defaultModel: explicit<string>(configuration, 'defaultModel') } : {}),
    ...(explicit<number>(configuration, 'reuseCalls') !== undefined ? { reuseCalls: explicit<number>(configuration, 'reuseCalls') } : {}),
    rules,
  };
  const { config, problems: configProblems } = resolveConfig(merged);
  return {
    enable: configuration.get<boolean>('enable', true),
    run: document ? runMode(document) : configuration.get<string>('run', 'onType') === 'onSave' ? 'onSave' : 'onType',
    inlineSavings: configuration.get<boolean>('inlineSavings', true),
    readPromptFiles: configuration.get<boolean>('readPromptFiles', true),
    followImports: configuration.get<boolean>('followImports', true),
    config,
    problems: [...problems, ...configProblems],
  };
}
