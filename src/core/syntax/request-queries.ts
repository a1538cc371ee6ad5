import type { SyntaxNode } from '../parsing/parser';
import { ModuleEvaluator } from './module-evaluator';
import type { ObjectEntry, ObjectValue } from './values';

/**
 * What request finding asks of a file beyond values: which helpers, loops and calls act on the
 * messages a request sends, the call sites of a wrapper around a request, raw HTTP requests to
 * the Messages API, and the resource a name aliases. Written once over the evaluator's hooks; the
 * front ends subclass this.
 */
export abstract class RequestQueryEvaluator extends ModuleEvaluator {
  /**
   * Helpers this file defines that run on a value before the request, in the same function:
   * `_inject_prompt_caching(messages)`, `this.addCacheBreakpoints(messages)`. The value must be a
   * name, and the call must pass that same binding. Each comes with the function it runs.
   */
  helpersAppliedTo(value: SyntaxNode, request: SyntaxNode): Array<{ call: SyntaxNode; fn: SyntaxNode; name: string }> {
    // A JS shorthand `{ messages }` names the binding as well as an identifier does.
    const binding = value.type === 'identifier' || value.type === 'shorthand_property_identifier' ? this.bindings.lookup(value) : undefined;
    if (!binding) {
      return [];
    }
    const scope = this.enclosingFunctionNode(request);
    const found: Array<{ call: SyntaxNode; fn: SyntaxNode; name: string }> = [];
    for (const call of scope.descendantsOfType(this.callType)) {
      if (!call || call.endIndex > request.startIndex) {
        continue;
      }
      const args = this.callArguments(call);
      const passes = [...args.positional, ...args.named.values()].some((arg) => arg.text === value.text && arg.type === 'identifier' && this.bindings.lookup(arg) === binding);
      const target = passes ? this.calledFunction(call) : undefined;
      if (target) {
        found.push({ call, ...target });
      }
      if (found.length >= 8) {
        break;
      }
    }
    return found;
  }

  /** The expression an argument or object entry passes (`messages=history` → `history`; `{ messages }` → `messages`). */
  abstract entryExpression(entry: ObjectEntry): SyntaxNode | undefined;

  /**
   * The loop around a request that appends to the list the request sends as messages, in the
   * same function: `while True: ...; messages.append(reply); client.messages.create(messages=messages)`.
   */
  conversationLoop(messages: SyntaxNode, request: SyntaxNode): { loop: SyntaxNode; growth: SyntaxNode } | undefined {
    const binding = messages.type === 'identifier' || messages.type === 'shorthand_property_identifier' ? this.bindings.lookup(messages) : undefined;
    // Only a list made once (or passed in) and kept across passes: `messages = [...]` inside the loop
    // starts a new conversation each pass, and a name rebound in several places is not followed.
    if (!binding || (binding.kind !== 'parameter' && !(binding.kind === 'assigned' && binding.bindCount === 1))) {
      return undefined;
    }
    const growths = this.bindings.growthsOf(binding);
    if (growths.length === 0) {
      return undefined;
    }
    const made = binding.valueNode;
    const boundary = this.enclosingFunctionNode(request);
    for (let node = request.parent; node && node.id !== boundary.id; node = node.parent) {
      if (this.loopTypes.has(node.type)) {
        const loop = node;
        if (made && loop.startIndex <= made.startIndex && made.endIndex <= loop.endIndex) {
          return undefined;
        }
        const growth = growths.find((g) => loop.startIndex <= g.startIndex && g.endIndex <= loop.endIndex);
        return growth ? { loop, growth } : undefined;
      }
    }
    return undefined;
  }


  /**
   * Loops over a value before the request, where the value's name is bound:
   * `for msg in reversed(messages): ... content[-1]["cache_control"] = ...` marks the newest turns.
   */
  loopsOver(value: SyntaxNode, request: SyntaxNode): SyntaxNode[] {
    const binding = value.type === 'identifier' || value.type === 'shorthand_property_identifier' ? this.bindings.lookup(value) : undefined;
    if (!binding) {
      return [];
    }
    const loops: SyntaxNode[] = [];
    for (const loop of binding.scope.descendantsOfType([...this.loopTypes])) {
      if (!loop || loop.endIndex > request.startIndex || loop.startIndex < binding.scope.startIndex) {
        continue;
      }
      const header = this.loopHeader(loop);
      const names = header.flatMap((node) => (node.type === 'identifier' ? [node] : node.descendantsOfType('identifier').filter((n): n is SyntaxNode => n !== null)));
      if (names.some((name) => name.text === value.text && this.bindings.lookup(name) === binding)) {
        loops.push(loop);
      }
    }
    return loops;
  }

  /** What a loop iterates over or tests: `for x in <right>`, `while <condition>`, a C-style for's three parts. */
  protected abstract loopHeader(loop: SyntaxNode): SyntaxNode[];

  /** Same-file functions called inside an expression (`this.addCacheControl(messages)` in the messages argument). */
  functionsCalledIn(expression: SyntaxNode): Array<{ call: SyntaxNode; fn: SyntaxNode; name: string }> {
    // descendantsOfType includes the expression itself when it is a call.
    const calls = expression.descendantsOfType(this.callType).filter((c): c is SyntaxNode => c !== null);
    const found: Array<{ call: SyntaxNode; fn: SyntaxNode; name: string }> = [];
    for (const call of calls.slice(0, 16)) {
      const target = this.calledFunction(call);
      if (target) {
        found.push({ call, ...target });
      }
    }
    return found;
  }

  /**
   * The call sites of a same-file wrapper around a request, each with the request's arguments as
   * that call gives them: `def _create(**kwargs): return client.messages.create(**kwargs)` called as
   * `_create(model=..., system=[...])`, or `function send(params) { return client.messages.create(params) }`.
   * Asked only for requests whose own arguments are not known (a spread or a parameter).
   */
  wrapperCalls(request: SyntaxNode, argumentsOf: () => ObjectValue | undefined): Array<{ site: SyntaxNode; name: string; args: ObjectValue }> {
    const fn = this.enclosingFunctionNode(request);
    const found = this.isFunction(fn.type) ? this.functionShape(fn) : undefined;
    const name = found ? this.functionName(fn) : undefined;
    if (!found || !name || found.parameters.length === 0 || this.helperStack.length > 0) {
      return [];
    }
    const sites: Array<{ site: SyntaxNode; name: string; args: ObjectValue }> = [];
    for (const call of request.tree.rootNode.descendantsOfType(this.callType)) {
      if (!call || (fn.startIndex <= call.startIndex && call.endIndex <= fn.endIndex)) {
        continue;
      }
      const target = this.calledFunction(call);
      if (target?.fn.id !== fn.id) {
        continue;
      }
      const isMethod = this.calleeOf(call)?.kind === 'self-method' && this.methodTakesSelf;
      const shape = isMethod ? { ...found, parameters: found.parameters.slice(1) } : found;
      const values = this.bindArguments(this.argumentValues(call), fn, shape);
      this.helperStack.push(fn);
      try {
        const args = this.forRequest(call, () => this.withParameters(values, argumentsOf));
        if (args) {
          sites.push({ site: call, name, args });
        }
      } finally {
        this.helperStack.pop();
      }
      if (sites.length >= 20) {
        break;
      }
    }
    return sites;
  }

  /**
   * A raw HTTP request to the Messages API: `requests.post(".../v1/messages", json={...})`,
   * `httpx`/`aiohttp` `.post(url, json=...)`, `axios.post(url, body)`, `fetch(url, { method: "POST",
   * body: JSON.stringify({...}) })`. The URL must be known to end in `/v1/messages` (or its
   * `count_tokens`), so other POSTs stay ignored; the body is the request's arguments.
   */
  httpMessagesRequest(call: SyntaxNode, callee: string): { method: string; args: ObjectValue; url: string } | undefined {
    const isFetch = callee === 'fetch' || callee.endsWith('.fetch');
    if (!isFetch && !/(^|\.)post$/.test(callee)) {
      return undefined;
    }
    const args = this.callArguments(call);
    const urlNode = args.positional[0] ?? args.named.get('url');
    const url = urlNode ? this.evaluate(urlNode) : undefined;
    const urlText = url?.kind === 'string' ? url.segments.map((s) => (s.stability === 'static' ? s.text : '\u0000')).join('') : '';
    const path = /\/v1\/messages(\/count_tokens)?\/?(?:\?[^\u0000]*)?$/.exec(urlText);
    // An OpenAI-style gateway (OpenRouter and the like): read as one when the body names a Claude model.
    const gateway = !path && /\/chat\/completions\/?$/.test(urlText);
    if (!path && !gateway) {
      return undefined;
    }
    let bodyNode: SyntaxNode | undefined;
    if (isFetch) {
      const options = args.positional[1] ? this.evaluate(args.positional[1]) : undefined;
      const body = options?.kind === 'object' ? options.entries.filter((e) => e.key === 'body').pop() : undefined;
      bodyNode = body ? (this.entryExpression(body) ?? body.value.node) : undefined;
    } else {
      bodyNode = args.named.get('json') ?? args.named.get('data') ?? args.named.get('content') ?? args.positional[1];
    }
    const body = bodyNode ? this.jsonBodyObject(bodyNode) : undefined;
    return body ? { method: gateway ? 'chat.completions' : path?.[1] ? 'count_tokens' : 'create', args: body, url: urlText } : undefined;
  }

  /** The expressions a name assigned once may stand for: `api = client.beta.messages if betas else client.messages`. */
  aliasTargets(target: SyntaxNode): SyntaxNode[] {
    // `self.messages_client = client.messages` / `this.api = client.beta.messages`: assigned once in the class.
    const attribute = target.type === 'identifier' ? undefined : this.selfAttributeName(target);
    const members = attribute ? this.classMember(target, attribute) : undefined;
    const value = target.type === 'identifier' ? this.singleAssignment(target) : members && !members.method && members.values.length === 1 ? members.values[0] : undefined;
    return value ? this.alternativesOf(value, 0) : [];
  }

  /** Both branches of a conditional expression (nested ones too), or the expression itself. */
  protected abstract alternativesOf(node: SyntaxNode, depth: number): SyntaxNode[];
}
