import * as path from 'path';
import { inside as isInside } from '../prompt-files';
import type { SourceLanguage } from '../types';

/**
 * Where an import points inside the workspace, the way Python and TypeScript/Node would look:
 * read-only, never outside the root, and `undefined` for anything else (an installed package, a
 * standard module), which then stays stable-unknown as before.
 */

/** The few questions resolution asks of the workspace (confined to its root by the caller). */
export interface ResolverFiles {
  readonly root: string;
  isFile(file: string): boolean;
  /** A small config file's text (tsconfig.json, package.json), or undefined. */
  readConfig(file: string): string | undefined;
  /** What a file is now (to notice a changed config); without it configs are read once. */
  stampOf?(file: string): string | undefined;
}

const PY_SUFFIXES = ['.py', `${path.sep}__init__.py`];
const JS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** `./x.js` written for a `.ts` source (ESM with TypeScript). */
const JS_TO_TS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

export function resolveModule(importer: string, spec: string, language: SourceLanguage, files: ResolverFiles, config: ConfigCache): string | undefined {
  return language === 'python' ? resolvePython(importer, spec, files) : resolveJs(importer, spec, files, config);
}

/** `from x.y import` / `from ..x import` / `import x.y`: relative to the importer's package, else from each folder a program could run from. */
export function resolvePython(importer: string, spec: string, files: ResolverFiles): string | undefined {
  const dots = /^\.*/.exec(spec)?.[0].length ?? 0;
  const parts = spec.slice(dots).split('.').filter(Boolean);
  if (dots > 0) {
    let base = path.dirname(importer);
    for (let i = 1; i < dots; i++) {
      base = path.dirname(base);
    }
    return pythonCandidate(base, parts, files);
  }
  if (parts.length === 0) {
    return undefined;
  }
  // The importer's own folder and each one above it up to the root (a script's folder is on sys.path,
  // as is a project or src/ root); the nearest match wins.
  const bases: string[] = [];
  for (let dir = path.dirname(importer); isInside(files.root, dir); dir = path.dirname(dir)) {
    bases.push(dir);
    if (dir === files.root) {
      break;
    }
  }
  bases.push(path.join(files.root, 'src'));
  for (const base of bases) {
    const found = pythonCandidate(base, parts, files);
    if (found) {
      return found;
    }
  }
  return undefined;
}

function pythonCandidate(base: string, parts: string[], files: ResolverFiles): string | undefined {
  const stem = path.join(base, ...parts);
  const candidates = parts.length === 0 ? [path.join(base, '__init__.py')] : PY_SUFFIXES.map((suffix) => stem + suffix);
  return candidates.find((file) => files.isFile(file));
}

/** Relative specifiers, `tsconfig`/`jsconfig` `paths` and `baseUrl`, and workspace packages by name. */
export function resolveJs(importer: string, spec: string, files: ResolverFiles, config: ConfigCache): string | undefined {
  if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') {
    return jsCandidate(path.resolve(path.dirname(importer), spec), files);
  }
  if (spec.startsWith('/') || spec.startsWith('node:')) {
    return undefined;
  }
  const project = config.projectFor(path.dirname(importer));
  if (project) {
    for (const target of project.targetsFor(spec)) {
      const found = jsCandidate(target, files);
      if (found) {
        return found;
      }
    }
  }
  const pkg = config.workspacePackage(spec);
  return pkg ? packageEntry(pkg.dir, pkg.subpath, files, config) : undefined;
}

function jsCandidate(base: string, files: ResolverFiles): string | undefined {
  if (!isInside(files.root, base)) {
    return undefined;
  }
  const ext = path.extname(base);
  const candidates = [
    ...(JS_TO_TS[ext] ?? []).map((replacement) => base.slice(0, -ext.length) + replacement),
    ...(JS_EXTENSIONS.includes(ext) || ext === '.json' ? [base] : []),
    ...JS_EXTENSIONS.map((e) => base + e),
    ...JS_EXTENSIONS.map((e) => path.join(base, `index${e}`)),
  ];
  return candidates.find((file) => files.isFile(file));
}

function packageEntry(dir: string, subpath: string, files: ResolverFiles, config: ConfigCache): string | undefined {
  if (subpath) {
    return jsCandidate(path.join(dir, subpath), files) ?? jsCandidate(path.join(dir, 'src', subpath), files);
  }
  const manifest = config.json(path.join(dir, 'package.json'));
  const fields = ['source', 'types', 'typings', 'module', 'main'].map((field) => manifest?.[field]).filter((v): v is string => typeof v === 'string');
  for (const field of fields) {
    const found = jsCandidate(path.join(dir, field), files) ?? jsCandidate(path.join(dir, field.replace(/^(\.\/)?(dist|lib|build|out)\//, 'src/').replace(/\.d\.ts$/, '')), files);
    if (found) {
      return found;
    }
  }
  return jsCandidate(path.join(dir, 'src', 'index'), files) ?? jsCandidate(path.join(dir, 'index'), files);
}

/** A tsconfig/jsconfig's module options: `baseUrl` and `paths`, with `extends` followed inside the root. */
export class TsProject {
  constructor(
    private readonly baseUrl: string | undefined,
    private readonly pathsBase: string,
    private readonly paths: Array<[string, string[]]>,
  ) {}

  /** The files a bare specifier may name, in the order TypeScript tries them. */
  targetsFor(spec: string): string[] {
    const targets: string[] = [];
    for (const [pattern, replacements] of this.paths) {
      const star = pattern.indexOf('*');
      let matched: string | undefined;
      if (star < 0) {
        matched = pattern === spec ? '' : undefined;
      } else if (spec.startsWith(pattern.slice(0, star)) && spec.endsWith(pattern.slice(star + 1)) && spec.length >= pattern.length - 1) {
        matched = spec.slice(star, spec.length - (pattern.length - star - 1));
      }
      if (matched !== undefined) {
        targets.push(...replacements.map((replacement) => path.resolve(this.pathsBase, replacement.replace('*', matched))));
      }
    }
    if (this.baseUrl) {
      targets.push(path.resolve(this.baseUrl, spec));
    }
    return targets;
  }
}

/** Config files read once per root (they change rarely: a change is picked up when their stamp does). */
export class ConfigCache {
  private readonly projects = new Map<string, TsProject | undefined>();
  private readonly jsonFiles = new Map<string, Record<string, unknown> | undefined>();
  private packages: Map<string, string> | undefined;
  /** Config files read (tsconfig.json, package.json), with their stamps when read. */
  private readonly stamps = new Map<string, string | undefined>();

  constructor(
    private readonly files: ResolverFiles,
    /** Workspace packages by name (monorepos), found lazily by the caller. */
    private readonly findPackages: () => Map<string, string>,
  ) {}

  clear(): void {
    this.projects.clear();
    this.jsonFiles.clear();
    this.stamps.clear();
    this.packages = undefined;
  }

  /** Forget everything when a config file read before has changed (checked once per lint: a few stats). */
  refresh(stampOf: (file: string) => string | undefined): void {
    for (const [file, stamp] of this.stamps) {
      if (stampOf(file) !== stamp) {
        this.clear();
        return;
      }
    }
  }

  json(file: string): Record<string, unknown> | undefined {
    if (!this.jsonFiles.has(file)) {
      this.stamps.set(file, this.files.stampOf?.(file));
      const text = this.files.readConfig(file);
      this.jsonFiles.set(file, text === undefined ? undefined : parseJsonc(text));
    }
    return this.jsonFiles.get(file);
  }

  /** The nearest tsconfig.json / jsconfig.json at or above a folder, inside the root. */
  projectFor(dir: string): TsProject | undefined {
    if (this.projects.has(dir)) {
      return this.projects.get(dir);
    }
    let project: TsProject | undefined;
    const config = ['tsconfig.json', 'jsconfig.json'].map((name) => path.join(dir, name)).find((file) => this.files.isFile(file));
    if (config) {
      project = this.projectFromConfig(config, 0);
    } else if (dir !== this.files.root && isInside(this.files.root, path.dirname(dir))) {
      project = this.projectFor(path.dirname(dir));
    }
    this.projects.set(dir, project);
    return project;
  }

  private projectFromConfig(file: string, depth: number): TsProject | undefined {
    const json = this.json(file);
    const options = (json?.compilerOptions ?? {}) as Record<string, unknown>;
    const dir = path.dirname(file);
    const inherited = typeof json?.extends === 'string' && json.extends.startsWith('.') && depth < 4 ? this.projectFromConfig(resolveConfigPath(dir, json.extends), depth + 1) : undefined;
    const baseUrl = typeof options.baseUrl === 'string' ? path.resolve(dir, options.baseUrl) : undefined;
    const paths = options.paths && typeof options.paths === 'object' ? Object.entries(options.paths as Record<string, unknown>).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].every((t) => typeof t === 'string')) : undefined;
    if (!paths && !baseUrl) {
      return inherited;
    }
    return new TsProject(baseUrl, baseUrl ?? dir, paths ?? []);
  }

  /** `@acme/prompts` or `@acme/prompts/sub`: a package of this workspace. */
  workspacePackage(spec: string): { dir: string; subpath: string } | undefined {
    this.packages ??= this.findPackages();
    const parts = spec.split('/');
    const nameLength = spec.startsWith('@') ? 2 : 1;
    const dir = this.packages.get(parts.slice(0, nameLength).join('/'));
    return dir ? { dir, subpath: parts.slice(nameLength).join('/') } : undefined;
  }
}

function resolveConfigPath(dir: string, spec: string): string {
  const file = path.resolve(dir, spec);
  return file.endsWith('.json') ? file : `${file}.json`;
}

/** JSON with comments and trailing commas (tsconfig.json), read by a small scanner that respects strings. */
export function parseJsonc(text: string): Record<string, unknown> | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') {
          i++;
        }
      }
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') {
        i++;
      }
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === ',') {
      // A trailing comma: the next thing that is not space or a comment closes the object or list.
      let j = i + 1;
      for (;;) {
        if (j < text.length && /\s/.test(text[j])) {
          j++;
        } else if (text.startsWith('//', j)) {
          const end = text.indexOf('\n', j);
          j = end < 0 ? text.length : end + 1;
        } else if (text.startsWith('/*', j)) {
          const end = text.indexOf('*/', j + 2);
          j = end < 0 ? text.length : end + 2;
        } else {
          break;
        }
      }
      if (text[j] !== '}' && text[j] !== ']') {
        out += c;
      }
    } else {
      out += c;
    }
  }
  try {
    const parsed: unknown = JSON.parse(out);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
