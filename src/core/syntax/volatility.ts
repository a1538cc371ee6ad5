/**
 * What changes on every call (section 7 of the caching digest). Matching is on the callee's
 * dotted name as written, its last one or two parts, so `datetime.datetime.now()` and
 * `from datetime import datetime; datetime.now()` both match.
 */

const volatileCallees: Record<string, string> = {
  // Python
  'datetime.now': 'the current time',
  'datetime.utcnow': 'the current time',
  'datetime.today': 'the current time',
  'time.time': 'the current time',
  'time.time_ns': 'the current time',
  'time.monotonic': 'a clock reading',
  'time.perf_counter': 'a clock reading',
  'time.ctime': 'the current time',
  'time.localtime': 'the current time',
  'time.gmtime': 'the current time',
  'time.asctime': 'the current time',
  'pendulum.now': 'the current time',
  'arrow.now': 'the current time',
  'arrow.utcnow': 'the current time',
  'uuid.uuid1': 'a new UUID',
  'uuid.uuid4': 'a new UUID',
  uuid1: 'a new UUID',
  uuid4: 'a new UUID',
  'os.urandom': 'random bytes',
  'secrets.token_hex': 'a random token',
  'secrets.token_urlsafe': 'a random token',
  'secrets.token_bytes': 'a random token',
  'secrets.choice': 'a random choice',
  // JavaScript / TypeScript
  'Date.now': 'the current time',
  Date: 'the current time',
  'performance.now': 'a clock reading',
  'process.hrtime': 'a clock reading',
  'Math.random': 'a random number',
  'crypto.randomUUID': 'a new UUID',
  randomUUID: 'a new UUID',
  'crypto.randomBytes': 'random bytes',
  'crypto.getRandomValues': 'random bytes',
  uuidv4: 'a new UUID',
  'uuid.v4': 'a new UUID',
  nanoid: 'a new random id',
  cuid: 'a new random id',
  ulid: 'a new random id',
};

/** Libraries whose every function is random. */
const randomModules = new Set(['random', 'np.random', 'numpy.random']);

/** Calls that read the clock only when given no arguments (`moment()`, `dayjs()`). */
const clockWhenBare = new Set(['moment', 'dayjs', 'DateTime.now']);

/** Why a call yields a per-call value, or undefined when it does not (as far as we know). */
export function volatileCallReason(callee: string, argumentCount: number): string | undefined {
  const name = callee.replace(/\s+/g, '');
  const parts = name.split('.');
  const lastTwo = parts.slice(-2).join('.');
  const last = parts[parts.length - 1];
  const reason = volatileCallees[lastTwo] ?? (parts.length === 1 ? volatileCallees[last] : undefined);
  if (reason) {
    return `${name}(), which returns ${reason}, different on every call`;
  }
  const owner = parts.slice(0, -1).join('.');
  if (parts.length >= 2 && randomModules.has(owner) && last !== 'seed') {
    return `${name}(), which returns a random value, different on every call`;
  }
  if (argumentCount === 0 && (clockWhenBare.has(name) || clockWhenBare.has(lastTwo))) {
    return `${name}(), which returns the current time, different on every call`;
  }
  return undefined;
}

/**
 * Methods that reduce a timestamp to day precision or coarser: the result is the same for every
 * call in a day, which the digest does not count as volatile.
 */
const dayPrecisionMembers = new Set([
  'date',
  'year',
  'month',
  'day',
  'weekday',
  'isoweekday',
  'toDateString',
  'toLocaleDateString',
  'getFullYear',
  'getMonth',
  'getDate',
  'getDay',
  'getUTCFullYear',
  'getUTCMonth',
  'getUTCDate',
  'getUTCDay',
]);

export function reducesToDayPrecision(member: string): boolean {
  return dayPrecisionMembers.has(member);
}

/** strftime formats with any sub-day field (hours, minutes, seconds, micros, epoch, full repr). */
export function formatHasSubDayPrecision(format: string): boolean {
  return /%[HIMSfXcTpsrRLlkZ]/.test(format) || /%-?[HIMS]/.test(format);
}

/**
 * Names that usually hold a per-call or per-user value. Used only for values the linter cannot
 * see (parameters, attributes, globals) and only in tools/system, where such a value is the
 * classic cache-breaking mistake; in messages the user's question belongs after the breakpoint.
 */
const perCallNames = new Set([
  'requestid',
  'reqid',
  'sessionid',
  'traceid',
  'spanid',
  'correlationid',
  'conversationid',
  'userid',
  'customerid',
  'username',
  'useremail',
  'nonce',
  'timestamp',
  'now',
  'currenttime',
  'currentdatetime',
  'question',
  'userquestion',
  'userquery',
  'userinput',
  'usermessage',
]);

export function looksPerCall(name: string): boolean {
  return perCallNames.has(name.replace(/_/g, '').toLowerCase());
}
