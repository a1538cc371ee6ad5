import type { SyntaxNode } from '../parsing/parser';
import { type ExportTarget, type ImportedName, type ModuleExports, emptyExports } from '../modules/imports';
import { namedChildren } from './tree-walk';

/**
 * A JS/TS module's imports and exports in the engine's terms: ES `import`/`export` (named,
 * default, namespace, re-exports, `export *`) and CommonJS (`require`, `module.exports`,
 * `exports.X`). Only the top level of the module is read: that is where they are written.
 */
export function jsModuleInterface(root: SyntaxNode): { imports: Map<string, ImportedName>; exports: ModuleExports } {
  const imports = new Map<string, ImportedName>();
  const exports = emptyExports(false);
  for (const statement of namedChildren(root)) {
    if (statement.type === 'import_statement') {
      const spec = specOf(statement.childForFieldName('source'));
      const clause = namedChildren(statement).find((child) => child.type === 'import_clause');
      if (spec !== undefined && clause) {
        noteImportClause(clause, spec, imports);
      }
    } else if (statement.type === 'export_statement') {
      noteExport(statement, exports);
    } else if (statement.type === 'expression_statement') {
      noteCommonJsExport(statement.namedChildren[0] ?? undefined, exports);
    }
  }
  return { imports, exports };
}

/** `const x = require("./m")` / `const { a, b: c } = require("./m")`: the names it binds, if the declarator is one. */
export function requiredNames(name: SyntaxNode, value: SyntaxNode): Map<string, ImportedName> | undefined {
  if (value.type !== 'call_expression' || value.childForFieldName('function')?.text !== 'require') {
    return undefined;
  }
  const spec = specOf(value.childForFieldName('arguments')?.namedChildren[0]);
  if (spec === undefined) {
    return undefined;
  }
  const names = new Map<string, ImportedName>();
  if (name.type === 'identifier') {
    names.set(name.text, { spec, name: '*' });
  } else if (name.type === 'object_pattern') {
    for (const part of namedChildren(name)) {
      if (part.type === 'shorthand_property_identifier_pattern') {
        names.set(part.text, { spec, name: part.text });
      } else if (part.type === 'pair_pattern') {
        const key = part.childForFieldName('key');
        const local = part.childForFieldName('value');
        if (key && local?.type === 'identifier') {
          names.set(local.text, { spec, name: key.text.replace(/^['"]|['"]$/g, '') });
        }
      }
    }
  }
  return names;
}

function specOf(source: SyntaxNode | null | undefined): string | undefined {
  return source?.type === 'string' ? source.text.slice(1, -1) : undefined;
}

function noteImportClause(clause: SyntaxNode, spec: string, imports: Map<string, ImportedName>): void {
  for (const part of namedChildren(clause)) {
    if (part.type === 'identifier') {
      imports.set(part.text, { spec, name: 'default' });
    } else if (part.type === 'namespace_import') {
      const local = namedChildren(part).find((child) => child.type === 'identifier');
      if (local) {
        imports.set(local.text, { spec, name: '*' });
      }
    } else if (part.type === 'named_imports') {
      for (const specifier of namedChildren(part)) {
        const name = specifier.childForFieldName('name');
        const local = specifier.childForFieldName('alias') ?? name;
        if (specifier.type === 'import_specifier' && name && local) {
          imports.set(local.text, { spec, name: name.text.replace(/^['"]|['"]$/g, '') });
        }
      }
    }
  }
}

function noteExport(statement: SyntaxNode, exports: ModuleExports): void {
  const source = specOf(statement.childForFieldName('source'));
  const declaration = statement.childForFieldName('declaration');
  const value = statement.childForFieldName('value');
  const isDefault = statement.children.some((child) => child?.type === 'default');
  if (declaration) {
    const names = declaration.type === 'lexical_declaration' || declaration.type === 'variable_declaration'
      ? namedChildren(declaration).filter((d) => d.type === 'variable_declarator').map((d) => d.childForFieldName('name'))
      : [declaration.childForFieldName('name')];
    for (const name of names) {
      if (name?.type === 'identifier' || name?.type === 'type_identifier') {
        exports.named.set(name.text, { kind: 'local', name: name.text });
      }
    }
    if (isDefault) {
      exports.named.set('default', { kind: 'node', node: declaration });
    }
    return;
  }
  if (isDefault && value) {
    exports.named.set('default', value.type === 'identifier' ? { kind: 'local', name: value.text } : { kind: 'node', node: value });
    return;
  }
  for (const part of namedChildren(statement)) {
    if (part.type === 'export_clause') {
      for (const specifier of namedChildren(part)) {
        const name = specifier.childForFieldName('name');
        const alias = specifier.childForFieldName('alias') ?? name;
        if (specifier.type !== 'export_specifier' || !name || !alias) {
          continue;
        }
        const target: ExportTarget = source !== undefined ? { kind: 'import', imported: { spec: source, name: name.text } } : { kind: 'local', name: name.text };
        exports.named.set(alias.text, target);
      }
    } else if (part.type === 'namespace_export' && source !== undefined) {
      const local = namedChildren(part).find((child) => child.type === 'identifier');
      if (local) {
        exports.named.set(local.text, { kind: 'import', imported: { spec: source, name: '*' } });
      }
    }
  }
  if (source !== undefined && statement.children.some((child) => child?.type === '*') && !namedChildren(statement).some((child) => child.type === 'namespace_export')) {
    exports.stars.push(source);
  }
}

/** `module.exports = { A, B: … }`, `module.exports.X = …`, `exports.X = …`. */
function noteCommonJsExport(expression: SyntaxNode | undefined, exports: ModuleExports): void {
  if (expression?.type !== 'assignment_expression') {
    return;
  }
  const left = expression.childForFieldName('left');
  const right = expression.childForFieldName('right');
  if (!left || !right) {
    return;
  }
  if (left.text === 'module.exports') {
    if (right.type !== 'object') {
      exports.named.set('default', right.type === 'identifier' ? { kind: 'local', name: right.text } : { kind: 'node', node: right });
      return;
    }
    for (const entry of namedChildren(right)) {
      if (entry.type === 'shorthand_property_identifier') {
        exports.named.set(entry.text, { kind: 'local', name: entry.text });
      } else if (entry.type === 'pair') {
        const key = entry.childForFieldName('key');
        const value = entry.childForFieldName('value');
        if (key && value) {
          exports.named.set(key.text.replace(/^['"]|['"]$/g, ''), value.type === 'identifier' ? { kind: 'local', name: value.text } : { kind: 'node', node: value });
        }
      }
    }
    return;
  }
  const object = left.type === 'member_expression' ? left.childForFieldName('object')?.text : undefined;
  const property = left.type === 'member_expression' ? left.childForFieldName('property')?.text : undefined;
  if (property && (object === 'exports' || object === 'module.exports')) {
    exports.named.set(property, right.type === 'identifier' ? { kind: 'local', name: right.text } : { kind: 'node', node: right });
  }
}
