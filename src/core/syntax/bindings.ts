import type { SyntaxNode } from '../parsing/parser';

export type BindingKind = 'assigned' | 'parameter' | 'loop' | 'import' | 'definition' | 'other';

/** What a name is bound to in one scope of the file. */
export interface Binding {
  name: string;
  kind: BindingKind;
  scope: SyntaxNode;
  /** The expression of the single assignment, when there is exactly one. */
  valueNode?: SyntaxNode;
  /** How many times the name is (re)bound in this scope. */
  bindCount: number;
  /** Appended to, extended or item-assigned somewhere (`x.append(...)`, `x[...] = ...`, `x += ...`). */
  mutated: boolean;
  moduleLevel: boolean;
}

/**
 * Every name binding in a file, by scope. Built once per parse by a language-specific walker;
 * lookups walk outward from the use site, as the languages' scoping does (closely enough for
 * constants and single assignments, which is all the linter follows).
 */
export class BindingIndex {
  private readonly scopes = new Map<number, Map<string, Binding>>();

  constructor(
    private readonly root: SyntaxNode,
    private readonly isScope: (node: SyntaxNode) => boolean,
    /** Scopes whose names are invisible to nested functions (Python class bodies). */
    private readonly isOpaqueToNested: (node: SyntaxNode) => boolean = () => false,
  ) {}

  scopeOf(node: SyntaxNode): SyntaxNode {
    for (let current = node.parent; current; current = current.parent) {
      if (this.isScope(current)) {
        return current;
      }
    }
    return this.root;
  }

  bind(name: string, kind: BindingKind, scope: SyntaxNode, valueNode?: SyntaxNode): void {
    let names = this.scopes.get(scope.id);
    if (!names) {
      names = new Map();
      this.scopes.set(scope.id, names);
    }
    const existing = names.get(name);
    if (existing) {
      existing.bindCount++;
      existing.valueNode = undefined;
      if (existing.kind !== kind) {
        existing.kind = 'other';
      }
      return;
    }
    names.set(name, {
      name,
      kind,
      scope,
      valueNode: kind === 'assigned' ? valueNode : undefined,
      bindCount: 1,
      mutated: false,
      moduleLevel: scope.id === this.root.id,
    });
  }

  /** Mark the binding a use site sees as mutated. */
  markMutated(identifier: SyntaxNode): void {
    const binding = this.lookup(identifier);
    if (binding) {
      binding.mutated = true;
    }
  }

  lookup(identifier: SyntaxNode): Binding | undefined {
    const name = identifier.text;
    let first = true;
    for (let scope: SyntaxNode | null = this.scopeOf(identifier); scope; scope = scope.parent) {
      if (!this.isScope(scope) && scope.id !== this.root.id) {
        continue;
      }
      if (!first && this.isOpaqueToNested(scope)) {
        continue;
      }
      first = false;
      const binding = this.scopes.get(scope.id)?.get(name);
      if (binding) {
        return binding;
      }
      if (scope.id === this.root.id) {
        break;
      }
    }
    return undefined;
  }
}
