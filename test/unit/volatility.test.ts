import * as assert from 'assert';
import { applyEdits } from '../../src/core';
import { LONG_TEXT, lintSnippet } from '../helpers/snippets';
import { formatHasSubDayPrecision, looksPerCall, reducesToDayPrecision, volatileCallReason } from '../../src/core/syntax/volatility';

/** What the linter treats as different on every call (digest section 7), callee by callee. */
describe('volatile calls', () => {
  const cases: [string, number, string][] = [
    ['datetime.datetime.now', 0, 'the current time'],
    ['datetime.now', 0, 'the current time'],
    ['datetime.utcnow', 0, 'the current time'],
    ['date.today', 0, ''],
    ['datetime.today', 0, 'the current time'],
    ['time.time', 0, 'the current time'],
    ['time.time_ns', 0, 'the current time'],
    ['time.monotonic', 0, 'a clock reading'],
    ['time.perf_counter', 0, 'a clock reading'],
    ['time.ctime', 0, 'the current time'],
    ['time.localtime', 0, 'the current time'],
    ['time.gmtime', 0, 'the current time'],
    ['time.asctime', 0, 'the current time'],
    ['pendulum.now', 0, 'the current time'],
    ['arrow.now', 0, 'the current time'],
    ['arrow.utcnow', 0, 'the current time'],
    ['uuid.uuid1', 0, 'a new UUID'],
    ['uuid.uuid4', 0, 'a new UUID'],
    ['uuid1', 0, 'a new UUID'],
    ['uuid4', 0, 'a new UUID'],
    ['os.urandom', 1, 'random bytes'],
    ['secrets.token_hex', 1, 'a random token'],
    ['secrets.token_urlsafe', 0, 'a random token'],
    ['secrets.token_bytes', 0, 'a random token'],
    ['secrets.choice', 1, 'a random choice'],
    ['Date.now', 0, 'the current time'],
    ['Date', 0, 'the current time'],
    ['performance.now', 0, 'a clock reading'],
    ['process.hrtime', 0, 'a clock reading'],
    ['Math.random', 0, 'a random number'],
    ['crypto.randomUUID', 0, 'a new UUID'],
    ['randomUUID', 0, 'a new UUID'],
    ['crypto.randomBytes', 1, 'random bytes'],
    ['crypto.getRandomValues', 1, 'random bytes'],
    ['uuidv4', 0, 'a new UUID'],
    ['uuid.v4', 0, 'a new UUID'],
    ['nanoid', 0, 'a new random id'],
    ['cuid', 0, 'a new random id'],
    ['ulid', 0, 'a new random id'],
  ];
  for (const [callee, args, what] of cases) {
    it(`${callee}() ${what ? `returns ${what}` : 'is not volatile'}`, () => {
      const reason = volatileCallReason(callee, args);
      if (!what) {
        assert.strictEqual(reason, undefined);
      } else {
        assert.strictEqual(reason, `${callee}(), which returns ${what}, different on every call`);
      }
    });
  }

  it('matches on the last one or two parts of the callee, ignoring white space; a bare last part only when it stands alone', () => {
    assert.strictEqual(volatileCallReason('my.datetime.now', 0), 'my.datetime.now(), which returns the current time, different on every call');
    assert.strictEqual(volatileCallReason('uuid . uuid4', 0), 'uuid.uuid4(), which returns a new UUID, different on every call');
    assert.strictEqual(volatileCallReason('helpers.uuid4', 0), undefined, 'a project helper named uuid4 is not assumed random');
    assert.strictEqual(volatileCallReason('now', 0), undefined);
  });

  it('treats every function of a random module as random, except seeding', () => {
    for (const callee of ['random.choice', 'random.random', 'np.random.rand', 'numpy.random.randint']) {
      assert.strictEqual(volatileCallReason(callee, 1), `${callee}(), which returns a random value, different on every call`);
    }
    assert.strictEqual(volatileCallReason('random.seed', 1), undefined);
    assert.strictEqual(volatileCallReason('random', 0), undefined);
  });

  it('reads the clock through moment(), dayjs() and DateTime.now() only without arguments', () => {
    for (const callee of ['moment', 'dayjs', 'DateTime.now', 'luxon.DateTime.now']) {
      assert.strictEqual(volatileCallReason(callee, 0), `${callee}(), which returns the current time, different on every call`);
    }
    assert.strictEqual(volatileCallReason('moment', 1), undefined, 'moment("2024-01-01") is a fixed date');
    assert.strictEqual(volatileCallReason('dayjs', 2), undefined);
  });

  it('knows which members and formats reduce a time to a day or coarser', () => {
    for (const member of ['date', 'year', 'month', 'day', 'weekday', 'isoweekday', 'toDateString', 'toLocaleDateString', 'getFullYear', 'getMonth', 'getDate', 'getDay', 'getUTCFullYear', 'getUTCMonth', 'getUTCDate', 'getUTCDay']) {
      assert.ok(reducesToDayPrecision(member), member);
    }
    for (const member of ['hour', 'isoformat', 'toISOString', 'getHours', 'time', 'timestamp']) {
      assert.ok(!reducesToDayPrecision(member), member);
    }
    for (const format of ['%Y-%m-%d', '%A %d %B %Y', '%j', '%a %b %d']) {
      assert.ok(!formatHasSubDayPrecision(format), format);
    }
    for (const format of ['%H:%M', '%Y-%m-%d %I%p', '%S', '%f', '%X', '%c', '%T', '%s', '%r', '%R', '%Z', '%-H', '%-M', '%-S', '%l', '%k', '%L']) {
      assert.ok(formatHasSubDayPrecision(format), format);
    }
  });

  it('takes names like request_id or userQuestion as per call, whatever their case and underscores', () => {
    for (const name of ['request_id', 'requestId', 'REQ_ID', 'session_id', 'traceId', 'span_id', 'correlation_id', 'conversationId', 'user_id', 'customer_id', 'user_name', 'userEmail', 'nonce', 'timestamp', 'now', 'current_time', 'currentDateTime', 'question', 'user_question', 'userQuery', 'user_input', 'userMessage']) {
      assert.ok(looksPerCall(name), name);
    }
    for (const name of ['system_prompt', 'SYSTEM', 'policy', 'tools', 'doc', 'request', 'session']) {
      assert.ok(!looksPerCall(name), name);
    }
  });
});

describe('volatile-before-breakpoint and invalid-cache-control: wording and the growing conversation', () => {
  const rule = (result: Awaited<ReturnType<typeof lintSnippet>>, id: string) => result.findings.filter((f) => f.ruleId === id);
  const LONG = `"${LONG_TEXT}"`;

  it('names every breakpoint after per-call content, in the plural when there are several', async () => {
    const code = `import datetime\nimport anthropic\nclient = anthropic.Anthropic()\ndef ask(q):\n    now = datetime.datetime.now().isoformat()\n    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": "Time: " + now}, {"type": "text", "text": ${LONG}, "cache_control": {"type": "ephemeral"}}, {"type": "text", "text": ${LONG}, "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": q}])\n`;
    const [finding] = rule(await lintSnippet(code, 'python'), 'volatile-before-breakpoint');
    assert.match(finding.message, /^Per-call content in system\[0\]: .*\. It sits at or before breakpoints #1 \(system\[1\]\), #2 \(system\[2\]\), so these breakpoints will write the cache on every call and never read it\./);
    const one = rule(await lintSnippet(code.replace(/, \{"type": "text", "text": "Follow[^}]*\}\}\]/, ']'), 'python'), 'volatile-before-breakpoint');
    assert.match(one[0].message, /It sits at or before breakpoint #1 \(system\[1\]\), so this breakpoint will write/);
  });

  it('reads back the newest message after a growing history, but not per-call content before the history', async () => {
    const conversation = (messages: string) =>
      `import datetime\nimport anthropic\nclient = anthropic.Anthropic()\ndef ask(history, q):\n    now = datetime.datetime.now().isoformat()\n    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": ${LONG}, "cache_control": {"type": "ephemeral"}}], messages=${messages})\n`;
    const marked = '{"role": "user", "content": [{"type": "text", "text": q + now, "cache_control": {"type": "ephemeral"}}]}';
    // After *history, the newest message is repeated verbatim next turn: not flagged.
    assert.deepStrictEqual(rule(await lintSnippet(conversation(`[*history, ${marked}]`), 'python'), 'volatile-before-breakpoint'), []);
    // With no history before it, it is per-call content at the breakpoint.
    assert.strictEqual(rule(await lintSnippet(conversation(`[${marked}]`), 'python'), 'volatile-before-breakpoint').length, 1);
    // A per-call first message before the history is written anew every call.
    const first = '{"role": "user", "content": "Started " + now}';
    assert.strictEqual(rule(await lintSnippet(conversation(`[${first}, *history, ${marked}]`), 'python'), 'volatile-before-breakpoint').length, 1);
  });

  it('offers to move the breakpoint onto the literal block just before per-call content, and only there', async () => {
    const code = (blocks: string, extra = '') =>
      `import datetime\nimport anthropic\nclient = anthropic.Anthropic()\nGUIDE = ${LONG}\ndef ask(q):\n    now = datetime.datetime.now().isoformat()\n${extra}    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[${blocks}], messages=[{"role": "user", "content": q}])\n`;
    const moves = async (text: string) => {
      const findings = rule(await lintSnippet(text, 'python'), 'volatile-before-breakpoint');
      assert.ok(findings.length > 0, 'the per-call content is reported');
      return findings.flatMap((f) => f.fixes.filter((x) => x.title.startsWith('Move')));
    };
    const guide = '{"type": "text", "text": GUIDE}';
    const stamped = '{"type": "text", "text": "Now: " + now}';
    const marked = '{"type": "text", "text": GUIDE, "cache_control": {"type": "ephemeral", "ttl": "1h"}}';
    const text = code(`${guide}, ${stamped}, ${marked}`);
    const [move] = await moves(text);
    assert.strictEqual(move.title, 'Move the breakpoint to system[0], before the per-call content');
    assert.strictEqual(move.safe, false);
    // The marker moves with its TTL; the per-call block is then after the breakpoint.
    const moved = applyEdits(text, move.edits);
    assert.match(moved, /system=\[\{"type": "text", "text": GUIDE, "cache_control": \{"type": "ephemeral", "ttl": "1h"\}\}, \{"type": "text", "text": "Now: " \+ now\}, \{"type": "text", "text": GUIDE\}\]/);
    assert.deepStrictEqual(rule(await lintSnippet(moved, 'python'), 'volatile-before-breakpoint'), []);
    // No move when the volatile block is first, when an earlier block is volatile too, when the block
    // before it already has a breakpoint, or when that block is not a literal.
    assert.deepStrictEqual(await moves(code(`${stamped}, ${marked}`)), []);
    assert.deepStrictEqual(await moves(code(`${stamped}, ${guide}, ${stamped.replace('Now', 'Also')}, ${marked}`)), []);
    assert.deepStrictEqual(await moves(code(`${marked.replace(', "ttl": "1h"', '')}, ${stamped}, ${marked}`)), []);
    assert.deepStrictEqual(await moves(code(`extra_block, ${stamped}, ${marked}`, '    extra_block = make_block()\n')), []);
  });

  it('rejects cache_control on thinking and redacted_thinking blocks', async () => {
    for (const type of ['thinking', 'redacted_thinking']) {
      const code = `import anthropic\nclient = anthropic.Anthropic()\ndef ask(sig, q):\n    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[{"role": "user", "content": q}, {"role": "assistant", "content": [{"type": "${type}", "thinking": "t", "data": "d", "signature": sig, "cache_control": {"type": "ephemeral"}}]}])\n`;
      const findings = rule(await lintSnippet(code, 'python'), 'invalid-cache-control');
      assert.strictEqual(findings.length, 1, type);
      assert.match(findings[0].message, new RegExp(`is a ${type} block; the API does not accept cache_control on it\\. Put the breakpoint on a later block\\.`));
    }
  });

  it('checks the value of a top-level (automatic) cache_control too', async () => {
    const code = `import anthropic\nclient = anthropic.Anthropic()\ndef ask(q):\n    client.messages.create(model="claude-sonnet-4-5", max_tokens=5, cache_control={"type": "ephemeral", "ttl": "10m"}, system=${LONG}, messages=[{"role": "user", "content": q}])\n`;
    const findings = rule(await lintSnippet(code, 'python'), 'invalid-cache-control');
    assert.strictEqual(findings.length, 1);
    assert.match(findings[0].message, /ttl "10m" is not accepted/);
  });
});

describe('a clock read that runs once is not per call', () => {
  const PY_CALL = (text: string) => `client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[{"type": "text", "text": ${text}}, {"type": "text", "text": LONG, "cache_control": {"type": "ephemeral"}}], messages=[])`;
  const volatileFindings = async (code: string, language: 'python' | 'typescript') => (await lintSnippet(code, language)).findings.filter((f) => f.ruleId === 'volatile-before-breakpoint').length;
  const PY_HEAD = `from datetime import datetime\nimport functools\nLONG = "${LONG_TEXT}"\n`;
  const cases: Array<[string, string, 'python' | 'typescript', number]> = [
    ['a class attribute of a module-level class runs when the class is defined', `${PY_HEAD}class A:\n    STARTED = datetime.now().isoformat()\n    def ask(self):\n        return ${PY_CALL('self.STARTED')}`, 'python', 0],
    ['a class defined inside a function runs on each call of it', `${PY_HEAD}def make():\n    class A:\n        STARTED = datetime.now().isoformat()\n        def ask(self):\n            return ${PY_CALL('self.STARTED')}\n    return A`, 'python', 1],
    ['@functools.lru_cache caches the helper\'s result', `${PY_HEAD}@functools.lru_cache(maxsize=1)\ndef started():\n    return datetime.now().isoformat()\ndef ask():\n    return ${PY_CALL('started()')}`, 'python', 0],
    ['@cache caches it too', `${PY_HEAD}from functools import cache\n@cache\ndef started():\n    return datetime.now().isoformat()\ndef ask():\n    return ${PY_CALL('started()')}`, 'python', 0],
    ['a helper without a cache reads the clock on each call', `${PY_HEAD}def started():\n    return datetime.now().isoformat()\ndef ask():\n    return ${PY_CALL('started()')}`, 'python', 1],
    ['an attribute set in __init__ runs for each object', `${PY_HEAD}class A:\n    def __init__(self):\n        self.started = datetime.now().isoformat()\n    def ask(self):\n        return ${PY_CALL('self.started')}`, 'python', 1],
    ['a TS field runs for each object', `const LONG = "${LONG_TEXT}";\nclass A {\n  started = new Date().toISOString();\n  ask() { return client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, system: [{ type: "text", text: this.started }, { type: "text", text: LONG, cache_control: { type: "ephemeral" } }], messages: [] }); }\n}`, 'typescript', 1],
    ['a TS static field runs once', `const LONG = "${LONG_TEXT}";\nclass A {\n  static started = new Date().toISOString();\n  ask() { return client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 5, system: [{ type: "text", text: this.started }, { type: "text", text: LONG, cache_control: { type: "ephemeral" } }], messages: [] }); }\n}`, 'typescript', 0],
  ];
  for (const [title, code, language, expected] of cases) {
    it(title, async () => {
      assert.strictEqual(await volatileFindings(code, language), expected);
    });
  }
});
