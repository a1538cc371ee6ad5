import type { SyntaxNode } from '../parsing/parser';
import type { PropertyStore } from './stores';

/** `context`: the target of `with open(...) as f` (its value node is the context expression, not f's value). */
export type BindingKind = 'assigned' | 'parameter' | 'loop' | 'import' | 'definition' | 'context' | 'other';

/** What a name is bound to in one scope of the file. */
export interface Binding {
  name: string;
  kind: BindingKind;
  scope: SyntaxNode;
  /** The expression of the single assignment (or `with` item, the function a definition binds, the loop a loop variable belongs to), when there is exactly one. */
  valueNode?: SyntaxNode;
  /** How many times the name is (re)bound in this scope. */
  bindCount: number;
  /** Every value an `assigned` binding is given, in source order (a name assigned in two branches). */
  assignedValues: SyntaxNode[];
  moduleLevel: boolean;
}

interface ScopeRecord {
  node: SyntaxNode;
  start: number;
  end: number;
  /** Python class bodies: their names are invisible to functions nested in them. */
  opaqueToNested: boolean;
  names: Map<string, Binding>;
}

/**
 * Every name binding in a file, by scope. Built once per parse by a language-specific walker that
 * passes the enclosing scope of each binding. Lookups find the scopes around a use by their
 * source ranges (tree-sitter's `parent` is expensive from JavaScript) and walk outward, as the
 * languages' scoping does, closely enough for constants and single assignments.
 */
export class BindingIndex {
  private readonly scopes = new Map<number, ScopeRecord>();
  /** For each name, the scopes that bind it: lookups look only there. */
  private readonly scopesByName = new Map<string, ScopeRecord[]>();
  private readonly rootId: number;
  /** Mutated names by name, resolved to bindings only when a binding is asked about (most never are). */
  private readonly mutationsByName = new Map<string, SyntaxNode[]>();
  private readonly mutatedCache = new Map<Binding, boolean>();
  private readonly storesByName = new Map<string, PropertyStore[]>();
  private readonly growthsByName = new Map<string, SyntaxNode[]>();

  constructor(
    private readonly root: SyntaxNode,
    private readonly isOpaqueToNested: (type: string) => boolean = () => false,
  ) {
    this.rootId = root.id;
  }

  private record(scope: SyntaxNode): ScopeRecord {
    let record = this.scopes.get(scope.id);
    if (!record) {
      record = { node: scope, start: scope.startIndex, end: scope.endIndex, opaqueToNested: scope.id !== this.rootId && this.isOpaqueToNested(scope.type), names: new Map() };
      this.scopes.set(scope.id, record);
    }
    return record;
  }

  /** Register a scope even when nothing is bound in it (it still hides outer class bodies). */
  addScope(scope: SyntaxNode): void {
    this.record(scope);
  }

  bind(name: string, kind: BindingKind, scope: SyntaxNode, valueNode?: SyntaxNode): void {
    const record = this.record(scope);
    const names = record.names;
    const existing = names.get(name);
    if (existing) {
      existing.bindCount++;
      existing.valueNode = undefined;
      if (existing.kind !== kind) {
        existing.kind = 'other';
      }
      if (kind === 'assigned' && valueNode) {
        existing.assignedValues.push(valueNode);
      }
      return;
    }
    const holders = this.scopesByName.get(name);
    if (holders) {
      holders.push(record);
    } else {
      this.scopesByName.set(name, [record]);
    }
    names.set(name, {
      name,
      kind,
      scope,
      valueNode: kind === 'assigned' || kind === 'context' || kind === 'definition' || kind === 'loop' ? valueNode : undefined,
      bindCount: 1,
      assignedValues: kind === 'assigned' && valueNode ? [valueNode] : [],
      moduleLevel: scope.id === this.rootId,
    });
  }

  /** Note a mutation (`x.append(...)`, `x[...] = ...`, `x += ...`) of whatever binding this use of a name sees. */
  noteMutation(identifier: SyntaxNode): void {
    const name = identifier.text;
    const list = this.mutationsByName.get(name);
    if (list) {
      list.push(identifier);
    } else {
      this.mutationsByName.set(name, [identifier]);
    }
  }

  /** Note an assignment into a named value along a literal path (applied where the name is used later). */
  noteStore(store: PropertyStore): void {
    const list = this.storesByName.get(store.root.text);
    if (list) {
      list.push(store);
    } else {
      this.storesByName.set(store.root.text, [store]);
    }
  }

  /** Note `name.append(...)` / `name.push(...)`: the list this use of the name sees grows. */
  noteGrowth(identifier: SyntaxNode): void {
    const list = this.growthsByName.get(identifier.text);
    if (list) {
      list.push(identifier);
    } else {
      this.growthsByName.set(identifier.text, [identifier]);
    }
  }

  /** Where the list a binding holds is appended to, in source order. */
  growthsOf(binding: Binding): SyntaxNode[] {
    return (this.growthsByName.get(binding.name) ?? []).filter((use) => this.lookup(use) === binding);
  }

  /** Where the value a binding holds is changed in place (`x.append(…)`, `x[k] = …`), in source order. */
  mutationSitesOf(binding: Binding): SyntaxNode[] {
    const sites = [...(this.mutationsByName.get(binding.name) ?? []), ...(this.growthsByName.get(binding.name) ?? [])].filter((use) => this.lookup(use) === binding);
    return sites.sort((a, b) => a.startIndex - b.startIndex);
  }

  /** The stores into this binding's value, in source order. */
  storesOf(binding: Binding): PropertyStore[] {
    return (this.storesByName.get(binding.name) ?? []).filter((store) => this.lookup(store.root) === binding);
  }

  /** Whether some noted mutation reaches this binding (so a list may grow, an object gain keys). */
  isMutated(binding: Binding): boolean {
    let mutated = this.mutatedCache.get(binding);
    if (mutated === undefined) {
      mutated = (this.mutationsByName.get(binding.name) ?? []).some((use) => this.lookup(use) === binding);
      this.mutatedCache.set(binding, mutated);
    }
    return mutated;
  }

  /** The binding of a name at the top of the module, if any. */
  moduleBinding(name: string): Binding | undefined {
    return this.scopes.get(this.rootId)?.names.get(name);
  }

  /** The binding of a name made directly in a scope (a function's parameter), if any. */
  bindingIn(scope: SyntaxNode, name: string): Binding | undefined {
    return this.scopes.get(scope.id)?.names.get(name);
  }

  lookup(identifier: SyntaxNode): Binding | undefined {
    const name = identifier.text;
    const offset = identifier.startIndex;
    // Scopes holding this name and enclosing the use, innermost first.
    const candidates: ScopeRecord[] = [];
    for (const record of this.scopesByName.get(name) ?? []) {
      if (record.start <= offset && offset < record.end) {
        candidates.push(record);
      }
    }
    candidates.sort((a, b) => a.end - a.start - (b.end - b.start));
    for (const [i, record] of candidates.entries()) {
      // A class body is visible only to code directly in it, not to its methods.
      if (record.opaqueToNested && i > 0) {
        continue;
      }
      if (record.opaqueToNested && !this.directlyIn(record, offset)) {
        continue;
      }
      return record.names.get(name);
    }
    const root = this.scopes.get(this.rootId);
    return root?.names.get(name);
  }

  /** No other recorded scope nests between this one and the offset. */
  private directlyIn(scope: ScopeRecord, offset: number): boolean {
    for (const record of this.scopes.values()) {
      if (record !== scope && record.start >= scope.start && record.end <= scope.end && record.start <= offset && offset < record.end && record.end - record.start < scope.end - scope.start) {
        return false;
      }
    }
    return true;
  }
}
