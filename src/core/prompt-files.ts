import * as fs from 'fs';
import * as path from 'path';

/**
 * Prompt files named in source (`open("prompts/system.md").read()`,
 * `readFileSync(join(__dirname, "system.md"), "utf8")`): where the path points, and reading it
 * safely. Reading is confined to one folder (the workspace, or the CLI's working directory): no `..`
 * or symlink escape, a size cap, text only, and nothing is ever executed.
 */

/** A path as the source spells it, anchored where the program would resolve it. */
export interface PromptFilePath {
  /**
   * `source`: relative to the source file's folder (`__file__`, `__dirname`, `import.meta.url`);
   * `runtime`: relative to the process's working directory, unknown here, so tried against the
   * source file's folder and then the root.
   */
  anchor: 'source' | 'runtime';
  path: string;
  /** The source file itself (`__file__`), not a folder. */
  sourceFile?: boolean;
}

export type PromptFileResult = { text: string; path: string } | { reason: string };

/** Reads prompt files for one lint of one source file. */
export type PromptFileReader = (location: PromptFilePath) => PromptFileResult;

export interface PromptFileSource {
  reader(sourceFile: string | undefined): PromptFileReader;
}

/** Files larger than this are not read: a prompt that size is not a prompt. */
export const MAX_PROMPT_FILE_BYTES = 1_000_000;
/** The reader keeps what it read (by path, mtime and size) up to this many characters in all. */
const CACHE_CHARS = 16_000_000;

interface CachedRead {
  mtimeMs: number;
  size: number;
  result: PromptFileResult;
}

/** A file open in an editor: its unsaved text wins over the disk. */
export interface OpenDocument {
  version: number;
  text(): string;
}

export class FolderPromptFiles implements PromptFileSource {
  readonly root: string;
  private realRoot: string | undefined;
  private readonly cache = new Map<string, CachedRead>();
  private cachedChars = 0;
  /** Set by an editor: the open document at a path, if any. */
  openDocument: ((file: string) => OpenDocument | undefined) | undefined;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Whether a path is a regular file inside the root (a module candidate). */
  isFile(file: string): boolean {
    if (!inside(this.root, file)) {
      return false;
    }
    if (this.openDocument?.(file)) {
      return true;
    }
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  }

  /** What a file is now, cheaply: an open document's version, or the disk's modification time and size. */
  stampOf(file: string): string | undefined {
    const open = this.openDocument?.(file);
    if (open) {
      return `open:${open.version}`;
    }
    try {
      const stat = fs.statSync(file);
      return `${stat.mtimeMs}:${stat.size}`;
    } catch {
      return undefined;
    }
  }

  /**
   * `package.json` names to folders (monorepo packages imported by name): the root and folders
   * below it, at most 4 deep and 3,000 folders, skipping `node_modules`, hidden folders and links.
   */
  workspacePackages(): Map<string, string> {
    const packages = new Map<string, string>();
    const queue: Array<[string, number]> = [[this.root, 0]];
    for (let visited = 0; queue.length > 0 && visited < 3_000; visited++) {
      const [dir, depth] = queue.shift() as [string, number];
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isFile() && entry.name === 'package.json') {
          const read = this.readWorkspaceFile(full);
          let name: unknown;
          try {
            name = 'text' in read ? (JSON.parse(read.text) as { name?: unknown }).name : undefined;
          } catch {
            // not a manifest we can read
          }
          if (typeof name === 'string' && !packages.has(name)) {
            packages.set(name, dir);
          }
        } else if (entry.isDirectory() && depth < 4 && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
          queue.push([full, depth + 1]);
        }
      }
    }
    return packages;
  }

  /** A workspace file by its absolute path (a module, a config), with the same confinement and caps as prompt files. */
  readWorkspaceFile(file: string): PromptFileResult {
    const spelled = path.relative(this.root, file).split(path.sep).join('/');
    const open = inside(this.root, file) ? this.openDocument?.(file) : undefined;
    if (open) {
      const text = open.text();
      return text.length > MAX_PROMPT_FILE_BYTES ? { reason: `\`${spelled}\` is larger than ${MAX_PROMPT_FILE_BYTES / 1_000_000} MB, so it is not read` } : { text, path: file };
    }
    return this.readCandidate(file, spelled);
  }

  reader(sourceFile: string | undefined): PromptFileReader {
    return (location) => this.read(location, sourceFile);
  }

  read(location: PromptFilePath, sourceFile: string | undefined): PromptFileResult {
    const sourceDir = sourceFile && path.isAbsolute(sourceFile) ? path.dirname(sourceFile) : undefined;
    const candidates: string[] = [];
    if (path.isAbsolute(location.path)) {
      candidates.push(location.path);
    } else if (location.anchor === 'source') {
      if (sourceDir) {
        candidates.push(path.resolve(sourceDir, location.path));
      }
    } else {
      if (sourceDir) {
        candidates.push(path.resolve(sourceDir, location.path));
      }
      candidates.push(path.resolve(this.root, location.path));
    }
    if (candidates.length === 0) {
      return { reason: `\`${location.path}\` is relative to a file that is not saved` };
    }
    let refusal: PromptFileResult | undefined;
    for (const candidate of candidates) {
      const result = this.readCandidate(candidate, location.path);
      if ('text' in result) {
        return result;
      }
      refusal ??= result.reason.endsWith('is not found') ? undefined : result;
    }
    return refusal ?? { reason: `\`${location.path}\` is not found` };
  }

  private readCandidate(file: string, spelled: string): PromptFileResult {
    if (!inside(this.root, file)) {
      return { reason: `\`${spelled}\` is outside the workspace, so it is not read` };
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return { reason: `\`${spelled}\` is not found` };
    }
    if (!stat.isFile()) {
      return { reason: `\`${spelled}\` is not a file` };
    }
    let real: string;
    try {
      real = fs.realpathSync(file);
      this.realRoot ??= fs.realpathSync(this.root);
    } catch {
      return { reason: `\`${spelled}\` is not found` };
    }
    if (!inside(this.realRoot, real)) {
      return { reason: `\`${spelled}\` links outside the workspace, so it is not read` };
    }
    const cached = this.cache.get(real);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
      return cached.result;
    }
    const result = readText(real, stat.size, spelled);
    const chars = 'text' in result ? result.text.length : 0;
    if (this.cachedChars + chars > CACHE_CHARS) {
      this.cache.clear();
      this.cachedChars = 0;
    }
    const previous = this.cache.get(real);
    this.cachedChars += chars - (previous && 'text' in previous.result ? previous.result.text.length : 0);
    this.cache.set(real, { mtimeMs: stat.mtimeMs, size: stat.size, result });
    return result;
  }
}

/** Whether a path is the root or inside it (lexically: symlinks are checked by the reader). */
export function inside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

function readText(file: string, size: number, spelled: string): PromptFileResult {
  if (size > MAX_PROMPT_FILE_BYTES) {
    return { reason: `\`${spelled}\` is larger than ${MAX_PROMPT_FILE_BYTES / 1_000_000} MB, so it is not read` };
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    return { reason: `\`${spelled}\` could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (bytes.length > MAX_PROMPT_FILE_BYTES) {
    // It grew after the size check.
    return { reason: `\`${spelled}\` is larger than ${MAX_PROMPT_FILE_BYTES / 1_000_000} MB, so it is not read` };
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    return { reason: `\`${spelled}\` is not a text file` };
  }
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  return { text, path: file };
}

/** `__file__` / `__filename`: only its parent folder means anything as a base for a prompt path. */
export const SOURCE_FILE: PromptFilePath = { anchor: 'source', path: '.', sourceFile: true };
export const SOURCE_DIR: PromptFilePath = { anchor: 'source', path: '.' };

/** `base / part`, `join(base, part)`; an absolute part replaces the base. */
export function joinPromptPath(base: PromptFilePath | undefined, part: string | undefined): PromptFilePath | undefined {
  if (!base || part === undefined || base.sourceFile) {
    return undefined;
  }
  if (path.posix.isAbsolute(part) || path.win32.isAbsolute(part)) {
    return { anchor: 'runtime', path: part };
  }
  return { anchor: base.anchor, path: path.posix.join(base.path, part) };
}

/** `.parent` / `dirname(...)`. */
export function parentPromptPath(location: PromptFilePath | undefined): PromptFilePath | undefined {
  if (!location) {
    return undefined;
  }
  return location.sourceFile ? SOURCE_DIR : { anchor: location.anchor, path: path.posix.join(location.path, '..') };
}
