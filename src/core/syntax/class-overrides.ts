import type { SyntaxNode } from '../parsing/parser';

/** What a front end tells the override scan about its grammar. */
export interface ClassSyntax {
  classTypes: ReadonlySet<string>;
  assignmentType: string;
  classNameOf(cls: SyntaxNode): string | undefined;
  superclassNamesOf(cls: SyntaxNode): string[];
  selfAttributeName(node: SyntaxNode): string | undefined;
  enclosingClass(node: SyntaxNode): SyntaxNode | undefined;
}

/**
 * Which attributes of a class something outside its own `self.x = …` may give another value: a
 * subclass in the file that declares or assigns it, `ClassName.x = …`, or (Python) `cls.x = …` in a
 * class method. Then `self.x` is not the value the class writes. The file's subclass declarations
 * and dotted assignments are read once, on the first question.
 */
export class ClassOverrides {
  /** Per class: the names given other values (computed once per class). */
  private readonly reassignedNames = new Map<number, Set<string>>();
  /** By class name: what the file's subclasses of it declare or assign on self. */
  private subclassNames: Map<string, Set<string>> | undefined;
  /** `Head.name = …` assignments of the file by head (`A`, `cls`). */
  private dottedAssignments: Map<string, Array<{ name: string; assignment: SyntaxNode }>> | undefined;

  constructor(
    private readonly root: SyntaxNode,
    private readonly syntax: ClassSyntax,
  ) {}

  namesReassignedOutside(cls: SyntaxNode): Set<string> {
    let names = this.reassignedNames.get(cls.id);
    if (!names) {
      names = this.compute(cls);
      this.reassignedNames.set(cls.id, names);
    }
    return names;
  }

  private compute(cls: SyntaxNode): Set<string> {
    const names = new Set<string>();
    const className = this.syntax.classNameOf(cls);
    if (!className) {
      return names;
    }
    const dotted = this.dotted();
    for (const { name } of dotted.get(className) ?? []) {
      names.add(name);
    }
    for (const { name, assignment } of dotted.get('cls') ?? []) {
      if (this.syntax.enclosingClass(assignment)?.id === cls.id) {
        names.add(name);
      }
    }
    for (const name of this.subclassDeclarations().get(className) ?? []) {
      names.add(name);
    }
    return names;
  }

  private dotted(): Map<string, Array<{ name: string; assignment: SyntaxNode }>> {
    if (this.dottedAssignments) {
      return this.dottedAssignments;
    }
    const byHead = new Map<string, Array<{ name: string; assignment: SyntaxNode }>>();
    for (const assignment of this.root.descendantsOfType(this.syntax.assignmentType)) {
      const left = assignment?.childForFieldName('left')?.text ?? '';
      const dot = left.indexOf('.');
      if (assignment && dot > 0 && left.length < 200 && !left.includes('.', dot + 1)) {
        const head = left.slice(0, dot);
        const list = byHead.get(head) ?? [];
        list.push({ name: left.slice(dot + 1), assignment });
        byHead.set(head, list);
      }
    }
    this.dottedAssignments = byHead;
    return byHead;
  }

  private subclassDeclarations(): Map<string, Set<string>> {
    if (this.subclassNames) {
      return this.subclassNames;
    }
    const byBase = new Map<string, Set<string>>();
    for (const other of this.root.descendantsOfType([...this.syntax.classTypes])) {
      const bases = other ? this.syntax.superclassNamesOf(other) : [];
      if (!other || bases.length === 0) {
        continue;
      }
      const declared = new Set<string>();
      const body = other.childForFieldName('body');
      for (const member of body ? body.namedChildren : []) {
        // A method or field's name, a Python class attribute (`X = …` in an expression statement), a decorated method.
        const own = member && (member.childForFieldName('name') ?? member.childForFieldName('property') ?? member.namedChildren[0]?.childForFieldName('left') ?? member.childForFieldName('definition')?.childForFieldName('name'));
        if (own) {
          declared.add(own.text);
        }
      }
      for (const assignment of other.descendantsOfType(this.syntax.assignmentType)) {
        const attribute = assignment ? this.syntax.selfAttributeName(assignment.childForFieldName('left') ?? assignment) : undefined;
        if (attribute) {
          declared.add(attribute);
        }
      }
      for (const base of bases) {
        const names = byBase.get(base) ?? new Set<string>();
        declared.forEach((name) => names.add(name));
        byBase.set(base, names);
      }
    }
    this.subclassNames = byBase;
    return byBase;
  }
}
