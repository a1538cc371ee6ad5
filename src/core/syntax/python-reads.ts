import type { SyntaxNode } from '../parsing/parser';
import { type PromptFilePath, joinPromptPath } from '../prompt-files';
import { type DataFormat, renderJinja } from './data-files';
import { RequestQueryEvaluator } from './request-queries';
import { namedChildren } from './tree-walk';
import { type Value, staticString, unknown, valueOf } from './values';

/** Calls that open a file for `.read()`. */
export const OPEN_CALLS = new Set(['open', 'io.open', 'codecs.open']);

/** Loaders of data files, by the module they come from: what they parse. */
export const DATA_LOADERS = new Map<string, DataFormat>([
  ['json.load', 'json'],
  ['json.loads', 'json'],
  ['yaml.safe_load', 'yaml'],
  ['yaml.load', 'yaml'],
  ['yaml.full_load', 'yaml'],
  ['tomllib.load', 'toml'],
  ['tomllib.loads', 'toml'],
  ['tomli.load', 'toml'],
  ['tomli.loads', 'toml'],
]);

/**
 * What Python code reads from files besides source: `open(...)` (directly or through `with ... as f`),
 * the text a data loader parses, and Jinja2 templates rendered with a call's variables. Kept apart
 * from the expression evaluator (`python-syntax.ts`), which it serves.
 */
export abstract class PythonFileReads extends RequestQueryEvaluator {
  protected isOpenCall(node: SyntaxNode): boolean {
    return node.type === 'call' && OPEN_CALLS.has(node.childForFieldName('function')?.text ?? '');
  }

  /** The text `open(path[, mode][, encoding=...])` reads: unless the mode says bytes (data loaders take bytes too). */
  protected openedFileText(node: SyntaxNode, opened: SyntaxNode, bytesAllowed: boolean): Value {
    const openArgs = namedChildren(opened.childForFieldName('arguments') ?? opened).filter((a) => a.type !== 'comment');
    const modeNode = openArgs.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'mode')?.childForFieldName('value') ?? openArgs.filter((a) => a.type !== 'keyword_argument')[1];
    const mode = modeNode ? staticString(this.evaluate(modeNode)) : 'r';
    if (mode === undefined || (mode.includes('b') && !bytesAllowed)) {
      return unknown(node, 'read from a file as bytes or in a mode set at run time');
    }
    const pathArg = openArgs.find((a) => a.type !== 'keyword_argument');
    return this.promptFileValue(node, this.pathOf(pathArg));
  }

  /** The text a data loader parses: an open file (`json.load(f)`, `tomllib.load(open(p, "rb"))`) or a string (`json.loads(text)`). */
  protected dataSource(argument: SyntaxNode): Value {
    const opened = argument.type === 'identifier' ? this.contextOf(argument) : argument;
    return opened && this.isOpenCall(opened) ? this.openedFileText(argument, opened, true) : this.evaluate(argument);
  }

  /**
   * `Template(text).render(...)` and `env.get_template("name").render(...)` with a
   * `FileSystemLoader`: the template's text with the variables passed here filled in.
   */
  protected jinjaRender(node: SyntaxNode, object: SyntaxNode, depth = 0): Value | undefined {
    if (depth > 4) {
      return undefined;
    }
    if (object.type === 'identifier') {
      const assigned = this.singleAssignment(object);
      return assigned ? this.jinjaRender(node, assigned, depth + 1) : undefined;
    }
    const fn = object.type === 'call' ? object.childForFieldName('function') : null;
    if (!fn) {
      return undefined;
    }
    const callee = this.qualifiedCallee(fn);
    const first = this.callArguments(object).positional[0];
    let template: Value | undefined;
    if (callee === 'jinja2.Template' && first) {
      template = this.evaluate(first);
    } else if (fn.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get_template' && first) {
      const environment = fn.childForFieldName('object');
      const folder = environment ? this.templateFolder(environment) : undefined;
      const name = staticString(this.evaluate(first));
      template = folder && name !== undefined ? this.promptFileValue(object, joinPromptPath(folder, name)) : unknown(object, 'a template found at run time');
    }
    if (!template) {
      return undefined;
    }
    if (template.kind !== 'string') {
      return template.kind === 'unknown' ? { ...template, node } : unknown(node, 'a template built at run time');
    }
    const keywords = this.keywordArgumentsOf(node);
    const positional = this.callArguments(node).positional[0];
    const context = positional ? this.evaluate(positional) : undefined;
    const variable = (name: string) => valueOf(keywords, name) ?? valueOf(context, name);
    return renderJinja(template, variable, node);
  }

  /** The folder of `Environment(loader=FileSystemLoader(folder))`, for an environment bound once. */
  protected templateFolder(environment: SyntaxNode): PromptFilePath | undefined {
    const call = environment.type === 'identifier' ? this.singleAssignment(environment) : environment;
    const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
    if (!call || !fn || this.qualifiedCallee(fn) !== 'jinja2.Environment') {
      return undefined;
    }
    const loader = this.callArguments(call).named.get('loader');
    const loaderFn = loader?.type === 'call' ? loader.childForFieldName('function') : null;
    if (!loader || !loaderFn || this.qualifiedCallee(loaderFn) !== 'jinja2.FileSystemLoader') {
      return undefined;
    }
    const folder = this.callArguments(loader).positional[0] ?? this.callArguments(loader).named.get('searchpath');
    return this.pathOf(folder);
  }

  /** The context expression of a name bound once by `with ... as name`. */
  protected contextOf(identifier: SyntaxNode): SyntaxNode | undefined {
    const binding = this.bindings.lookup(identifier);
    return binding?.kind === 'context' && binding.bindCount === 1 ? binding.valueNode : undefined;
  }}
