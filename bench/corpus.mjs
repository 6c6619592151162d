// Deterministic chat-like benchmark corpus with exactly labelled entities and hard negatives.
//
// makeCorpus(bytes, seed) -> { text, labels: [{entity,start,end}], negatives: [{kind,start,end}], delimiter }
// makePrompts(n, size = 1024, seed) -> string[] (single messages of about `size` UTF-8 bytes)
//
// Offsets are UTF-16 code units (String indices). The text is a ChatML-style transcript: messages
// are separated by DELIMITER, which contains nothing any engine redacts, so the output of an engine
// that only returns redacted text can be split back into the same messages (see metrics.mjs).
// No Math.random: everything comes from a seeded PRNG (mulberry32).

import { luhn } from './lib/spans.mjs';
export const DELIMITER = '\n<|im_end|>\n<|im_start|>';
export const ENTITIES = [
  'EMAIL', 'PHONE', 'CREDIT_CARD', 'US_SSN', 'IP_ADDRESS', 'IBAN', 'AWS_ACCESS_KEY', 'GITHUB_TOKEN', 'JWT',
];
export const NEGATIVE_KINDS = ['BAD_LUHN_16', 'ORDER_ID', 'EPOCH', 'GIT_SHA', 'VERSION', 'UUID', 'PUBLIC_KEY', 'DATE'];

const ENTITY_GAP = 420; // mean UTF-8 bytes between labelled entities
const NEGATIVE_GAP = 650; // mean UTF-8 bytes between hard negatives

export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (n) => Math.floor(next() * n),
    range: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
    digits: (n) => {
      let s = '';
      for (let i = 0; i < n; i++) s += String.fromCharCode(48 + Math.floor(next() * 10));
      return s;
    },
    chars: (alphabet, n) => {
      let s = '';
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
      return s;
    },
    bytes: (n) => {
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) b[i] = Math.floor(next() * 256);
      return b;
    },
  };
  return r;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const WORDS = (
  'the a an and or but so if then when while because although we you they it this that these those ' +
  'is are was were be been have has had do does did can could should would will may might must ' +
  'please thanks update deploy build release test review merge branch request response server client ' +
  'customer account order invoice payment shipping refund support ticket issue bug feature fix change ' +
  'config setting option value field table query index cache queue worker job batch stream token model ' +
  'prompt answer question summary draft note meeting schedule week today tomorrow morning afternoon ' +
  'team project roadmap budget report chart metric latency error warning log trace service endpoint ' +
  'database migration schema record user profile address details contact form page button screen ' +
  'quickly carefully again still already almost never always often maybe probably definitely ' +
  'new old small large fast slow simple complex broken stable final first last next previous other ' +
  'send check verify confirm cancel retry restart upgrade rollback approve reject assign close open ' +
  'about after before during between into over under with without for from to of on in at by'
).split(/\s+/);

const INTL = [
  'café', 'naïve', 'résumé', 'Straße', 'Größe', 'über', 'São Paulo', 'Zürich', 'Málaga', 'crème brûlée',
  'façade', 'Łódź', 'Ελλάδα', 'Москва', 'привет', 'garçon', 'año', 'Köln', 'smörgåsbord', 'Ærø',
  '東京', '你好', '世界', '数据', '데이터', 'こんにちは', 'ありがとう', '注文', '電話', '客户', '서울', '確認',
];
const EMOJI = ['🚀', '👍🏽', '🎉', '🇩🇪', '😅', '🔥', '✅', '🙏', '🤔', '📦', '💡', '⚠️'];
const FIRST = ['maria', 'john', 'li', 'aisha', 'lukas', 'sofia', 'kenji', 'olga', 'pedro', 'emma', 'noah', 'fatima', 'jonas', 'chloe', 'arjun', 'zoe'];
const LAST = ['garcia', 'smith', 'wang', 'khan', 'mueller', 'rossi', 'tanaka', 'ivanova', 'silva', 'brown', 'nguyen', 'dubois', 'schmidt', 'patel', 'kowalski', 'jensen'];
const DOMAINS = [
  'example.com', 'mail.example.org', 'acme.io', 'gmail.com', 'posteo.de', 'firma.de', 'company.co.uk',
  'uni-bonn.de', 'outlook.com', 'startup.ai', 'example.fr', 'shop.example.net',
];

function sentence(r, words = r.range(6, 16)) {
  const out = [];
  for (let i = 0; i < words; i++) {
    const roll = r.next();
    if (roll < 0.06) out.push(r.pick(INTL));
    else if (roll < 0.08) out.push(String(r.range(2, 99)));
    else if (roll < 0.09) out.push(r.pick(['42%', '$19.99', '3x', '10 minutes', '2 items', '€250', '1/2']));
    else out.push(r.pick(WORDS));
  }
  let s = out.join(' ');
  s = s[0].toUpperCase() + s.slice(1);
  s += r.pick(['.', '.', '.', '?', '!', ':']);
  if (r.chance(0.12)) s += ' ' + r.pick(EMOJI);
  return s;
}

function identifier(r) {
  return r.pick(WORDS).replace(/[^a-z]/g, '') + r.pick(['', 'Id', 'Count', 'Name', 'List', 'Map']);
}

// ---------------------------------------------------------------------------------------------
// Labelled entity values

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

function luhnCheckDigit(body) {
  // Check digit for `body` (digits without the check digit): the one that makes it Luhn-valid.
  for (let d = 0; d < 10; d++) if (luhn(body + d)) return d;
  throw new Error('unreachable: one of ten check digits always fits');
}

export function luhnValid(digits) {
  return luhnCheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}

function groupDigits(d, sizes, sep) {
  const parts = [];
  let i = 0;
  for (const n of sizes) {
    parts.push(d.slice(i, i + n));
    i += n;
  }
  return parts.join(sep);
}

function creditCard(r) {
  const kind = r.int(4);
  if (kind === 3) {
    // Amex: 34/37, 15 digits, 4-6-5.
    const body = r.pick(['34', '37']) + r.digits(12);
    const d = body + luhnCheckDigit(body);
    return groupDigits(d, [4, 6, 5], r.pick([' ', '-', ' ']));
  }
  const prefix = kind === 0 ? '4' : kind === 1 ? String(r.range(51, 55)) : '4';
  const body = prefix + r.digits(15 - prefix.length);
  const d = body + luhnCheckDigit(body);
  return groupDigits(d, [4, 4, 4, 4], r.pick([' ', '-', ' ', '-', '']));
}

function nanpPart(r) {
  // [2-9]XX, not N11, not 555 (keeps clear of the fictional/reserved range).
  for (;;) {
    const p = String(r.range(2, 9)) + r.digits(2);
    if (p[1] === '1' && p[2] === '1') continue;
    if (p === '555') continue;
    return p;
  }
}

function phone(r) {
  const roll = r.int(10);
  if (roll < 6) {
    let area;
    do area = nanpPart(r);
    while (area[1] === '9' || area.startsWith('37') || area.startsWith('96')); // N9X, 37X, 96X are reserved
    const exch = nanpPart(r);
    const line = r.digits(4);
    return r.pick([
      `(${area}) ${exch}-${line}`,
      `${area}-${exch}-${line}`,
      `${area}.${exch}.${line}`,
      `+1 ${area} ${exch} ${line}`,
      `+1-${area}-${exch}-${line}`,
      `+1${area}${exch}${line}`,
    ]);
  }
  if (roll < 8) {
    // UK: London 20 xxxx xxxx, mobile 7xxx xxxxxx.
    if (r.chance(0.5)) {
      const a = String(r.range(3, 8)) + r.digits(3);
      const b = r.digits(4);
      return r.pick([`+44 20 ${a} ${b}`, `+4420${a}${b}`, `+44 (0)20 ${a} ${b}`]);
    }
    const m = '7' + String(r.range(4, 9)) + r.digits(2);
    const n = r.digits(6);
    return r.pick([`+44 ${m} ${n}`, `+44${m}${n}`]);
  }
  // Germany: Berlin 30, Munich 89, Hamburg 40, mobile 15x/16x/17x.
  if (r.chance(0.5)) {
    const city = r.pick(['30', '89', '40', '221', '69']);
    const sub = String(r.range(2, 9)) + r.digits(city.length === 2 ? 7 : 6);
    return r.pick([`+49 ${city} ${sub}`, `+49${city}${sub}`, `+49 ${city} ${sub.slice(0, 4)} ${sub.slice(4)}`]);
  }
  const mob = r.pick(['151', '152', '160', '170', '171', '176', '157']);
  const sub = r.digits(8);
  return r.pick([`+49 ${mob} ${sub}`, `+49${mob}${sub}`, `+49 ${mob} ${sub.slice(0, 4)} ${sub.slice(4)}`]);
}

function ssn(r) {
  for (;;) {
    const area = r.range(1, 899);
    if (area === 666) continue;
    const group = r.range(1, 99);
    const serial = r.range(1, 9999);
    const s = `${String(area).padStart(3, '0')}-${String(group).padStart(2, '0')}-${String(serial).padStart(4, '0')}`;
    if (s === '123-45-6789' || s === '078-05-1120' || s === '219-09-9999') continue;
    return s;
  }
}

function ipv4(r) {
  const kind = r.int(4);
  if (kind === 0) return `10.${r.range(0, 255)}.${r.range(0, 255)}.${r.range(1, 254)}`;
  if (kind === 1) return `192.168.${r.range(0, 255)}.${r.range(1, 254)}`;
  return `${r.range(11, 223)}.${r.range(0, 255)}.${r.range(0, 255)}.${r.range(1, 254)}`;
}

const IBAN_SPECS = [
  ['DE', (r) => r.digits(18)],
  ['GB', (r) => r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 4) + r.digits(14)],
  ['FR', (r) => r.digits(10) + r.chars('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 11) + r.digits(2)],
  ['NL', (r) => r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 4) + r.digits(10)],
  ['ES', (r) => r.digits(20)],
  ['IT', (r) => r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1) + r.digits(10) + r.chars('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 12)],
  ['CH', (r) => r.digits(17)],
];

function mod97(numeric) {
  let rem = 0;
  for (let i = 0; i < numeric.length; i += 7) rem = Number(String(rem) + numeric.slice(i, i + 7)) % 97;
  return rem;
}

export function ibanCheck(country, bban) {
  const rearranged = bban + country + '00';
  const numeric = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return String(98 - mod97(numeric)).padStart(2, '0');
}

function iban(r) {
  const [cc, gen] = r.pick(IBAN_SPECS);
  const bban = gen(r);
  const compact = cc + ibanCheck(cc, bban) + bban;
  if (r.chance(0.5)) return compact;
  return compact.match(/.{1,4}/g).join(' ');
}

function awsKey(r) {
  return 'AKIA' + r.chars(B32, 16);
}

function githubToken(r) {
  return 'ghp_' + r.chars(ALNUM, 36);
}

function b64url(x) {
  return Buffer.from(x).toString('base64url');
}

function jwt(r) {
  const header = r.chance(0.6)
    ? { alg: 'HS256', typ: 'JWT' }
    : { alg: r.pick(['RS256', 'ES256']), typ: 'JWT', kid: r.chars(HEX, 8) };
  const iat = 1700000000 + r.int(60000000);
  const payload = { sub: `user_${r.digits(6)}`, name: `${r.pick(FIRST)} ${r.pick(LAST)}`, iat, exp: iat + 3600 };
  if (r.chance(0.4)) payload.scope = r.pick(['read', 'read write', 'admin']);
  const sig = r.bytes(header.alg === 'HS256' ? 32 : 64);
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${b64url(sig)}`;
}

function email(r) {
  const f = r.pick(FIRST);
  const l = r.pick(LAST);
  const local = r.pick([`${f}.${l}`, `${f}${l}`, `${f[0]}${l}`, `${f}_${l}${r.range(1, 99)}`, `${f}+${r.pick(['news', 'work', 'bills'])}`, `${l}${r.digits(2)}`]);
  return `${local}@${r.pick(DOMAINS)}`;
}

const GENERATORS = {
  EMAIL: email,
  PHONE: phone,
  CREDIT_CARD: creditCard,
  US_SSN: ssn,
  IP_ADDRESS: ipv4,
  IBAN: iban,
  AWS_ACCESS_KEY: awsKey,
  GITHUB_TOKEN: githubToken,
  JWT: jwt,
};

// Relative frequency of each entity (PII more common than secrets in chat traffic).
const ENTITY_WEIGHTS = [
  ['EMAIL', 18], ['PHONE', 16], ['CREDIT_CARD', 10], ['US_SSN', 8], ['IP_ADDRESS', 12], ['IBAN', 8],
  ['AWS_ACCESS_KEY', 8], ['GITHUB_TOKEN', 8], ['JWT', 8],
];

function weighted(r, table) {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [k, w] of table) if ((x -= w) < 0) return k;
  return table[table.length - 1][0];
}

// ---------------------------------------------------------------------------------------------
// Hard negatives (must not be reported)

function badLuhn16(r) {
  for (;;) {
    const body = String(r.range(1, 9)) + r.digits(14);
    const good = luhnCheckDigit(body);
    const bad = (good + r.range(1, 9)) % 10;
    const d = body + bad;
    if (luhnValid(d)) continue;
    return groupDigits(d, [4, 4, 4, 4], r.pick([' ', '-', '']));
  }
}

function uuid(r) {
  const h = r.chars(HEX, 32).split('');
  h[12] = '4';
  h[16] = '89ab'[r.int(4)];
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function sshPublicKey(r) {
  const len = (n) => Buffer.from([0, 0, 0, n]);
  const blob = Buffer.concat([len(11), Buffer.from('ssh-ed25519'), len(32), Buffer.from(r.bytes(32))]);
  return `ssh-ed25519 ${blob.toString('base64')}`;
}

function date(r) {
  const y = r.range(2019, 2026);
  const m = String(r.range(1, 12)).padStart(2, '0');
  const d = String(r.range(1, 28)).padStart(2, '0');
  return r.pick([`${y}-${m}-${d}`, `${m}/${d}/${y}`, `${d}.${m}.${y}`, `${y}-${m}-${d}T${r.range(10, 23)}:${r.range(10, 59)}:00Z`]);
}

function version(r) {
  const v = `${r.range(0, 24)}.${r.range(0, 40)}.${r.range(0, 30)}`;
  return r.pick([`v${v}`, v, `${v}-rc.${r.range(1, 5)}`, `^${v}`]);
}

const NEGATIVE_GENERATORS = {
  BAD_LUHN_16: badLuhn16,
  ORDER_ID: (r) => '1' + r.digits(9),
  EPOCH: (r) => String(1700000000 + r.int(99999999)),
  GIT_SHA: (r) => r.chars(HEX, 40),
  VERSION: version,
  UUID: uuid,
  PUBLIC_KEY: sshPublicKey,
  DATE: date,
};

// ---------------------------------------------------------------------------------------------
// Contexts: where a value sits depends on the kind of block being written.

const PROSE_CTX = {
  EMAIL: ['You can email me at {v} if anything changes.', 'Please cc {v} on the thread.', 'Her address is {v}, not the old one.', 'Send the invoice to {v} before Friday.'],
  PHONE: ['Call me at {v} after 5pm.', 'My mobile is {v} — text is fine.', 'The hotline number {v} is open all week.', 'Reach the office on {v} tomorrow.'],
  CREDIT_CARD: ['Charge it to my card {v}, exp 09/27.', 'The customer paid with {v} and wants a refund.', 'Card number: {v}.'],
  US_SSN: ['My SSN is {v} for the tax form.', 'Social security number {v} was on the scan.', 'The W-2 shows {v} as the SSN.'],
  IP_ADDRESS: ['The requests came from {v} all night.', 'Whitelist {v} in the firewall please.', 'Server {v} is not responding.'],
  IBAN: ['Please wire it to IBAN {v} by Monday.', 'Our bank account is {v} (Sparkasse).', 'Refund to {v}, reference order 7.'],
  AWS_ACCESS_KEY: ['I accidentally pasted our key {v} in the channel.', 'The access key id is {v}, rotate it.'],
  GITHUB_TOKEN: ['Use the token {v} for the CI job.', 'Someone committed {v} to the repo.'],
  JWT: ['Here is the bearer token: {v}', 'The session token {v} expired again.'],
};

const CODE_CTX = {
  EMAIL: ['ADMIN_EMAIL = "{v}"', 'git config user.email "{v}"', 'notify({ to: "{v}" })'],
  PHONE: ['SUPPORT_PHONE = "{v}"', 'sms.send("{v}", body)'],
  CREDIT_CARD: ['test_card = "{v}"', 'pay(card_number="{v}")'],
  US_SSN: ['ssn = "{v}"', 'assert mask("{v}") == "***"'],
  IP_ADDRESS: ['ssh deploy@{v}', 'DB_HOST={v}', 'curl http://{v}:8080/health'],
  IBAN: ['payout_iban = "{v}"', 'transfer(iban="{v}", amount=250)'],
  AWS_ACCESS_KEY: ['export AWS_ACCESS_KEY_ID={v}', 'aws_access_key_id = {v}', 'const awsKeyId = "{v}";'],
  GITHUB_TOKEN: ['export GITHUB_TOKEN={v}', 'git clone https://x-access-token:{v}@github.com/acme/app.git', 'gh auth login --with-token <<< {v}'],
  JWT: ['curl -H "Authorization: Bearer {v}" "$API_URL/v1/me"', 'const jwt = "{v}";'],
};

const JSON_KEYS = {
  EMAIL: ['email', 'contact_email', 'reply_to'],
  PHONE: ['phone', 'mobile', 'phone_number'],
  CREDIT_CARD: ['card_number', 'pan'],
  US_SSN: ['ssn', 'tax_id'],
  IP_ADDRESS: ['ip', 'client_ip', 'remote_addr'],
  IBAN: ['iban', 'payout_account'],
  AWS_ACCESS_KEY: ['aws_access_key_id', 'AccessKeyId'],
  GITHUB_TOKEN: ['github_token', 'gh_pat'],
  JWT: ['id_token', 'access_token'],
};

const NEG_PROSE_CTX = {
  BAD_LUHN_16: ['Tracking number {v} shows it in transit.', 'Serial {v} is printed on the box.'],
  ORDER_ID: ['Order #{v} has shipped.', 'Invoice {v} is attached.', 'Your ticket {v} was escalated.'],
  EPOCH: ['The log says ts={v} for the first error.', 'It expired at {v} (unix time).'],
  GIT_SHA: ['Fixed in commit {v}, please pull.', 'Reverting {v} fixed it.'],
  VERSION: ['Upgrade to {v} first.', 'This broke in {v} of the SDK.', 'We pinned node {v} in CI.'],
  UUID: ['Request id {v} failed twice.', 'The trace {v} has the details.'],
  PUBLIC_KEY: ['Here is my public key, add it to authorized_keys: {v}', 'The public key {v} is safe to share.'],
  DATE: ['The meeting moved to {v}.', 'Deadline is {v}, no extensions.', 'Since {v} the numbers look off.'],
};

const NEG_CODE_CTX = {
  BAD_LUHN_16: ['SERIAL = "{v}"'],
  ORDER_ID: ['order_id = {v}', 'fetchOrder({v})'],
  EPOCH: ['created_at = {v}', 'if (now > {v}) retry()'],
  GIT_SHA: ['git checkout {v}', 'uses: actions/checkout@{v}'],
  VERSION: ['npm install lodash@{v}', 'FROM node:{v}', 'version = "{v}"'],
  UUID: ['request_id = "{v}"', 'const traceId = "{v}";'],
  PUBLIC_KEY: ['echo "{v}" >> ~/.ssh/authorized_keys'],
  DATE: ['since = "{v}"', 'WHERE day >= \'{v}\''],
};

const NEG_JSON_KEYS = {
  BAD_LUHN_16: ['serial'],
  ORDER_ID: ['order_id', 'invoice_no'],
  EPOCH: ['created_at', 'updated_at', 'ts'],
  GIT_SHA: ['commit', 'sha'],
  VERSION: ['version', 'sdk_version'],
  UUID: ['request_id', 'trace_id', 'id'],
  PUBLIC_KEY: ['public_key'],
  DATE: ['date', 'due'],
};

// Values that are numbers in JSON (unquoted); everything else is a string.
const JSON_NUMERIC = new Set(['ORDER_ID', 'EPOCH']);

// ---------------------------------------------------------------------------------------------
// Builder

class Builder {
  constructor(r) {
    this.r = r;
    this.parts = [];
    this.len = 0; // UTF-16 units
    this.bytes = 0; // UTF-8 bytes
    this.labels = [];
    this.negatives = [];
    this.sinceEntity = 0;
    this.sinceNegative = 0;
    this.nextEntityGap = this.gap(ENTITY_GAP);
    this.nextNegativeGap = this.gap(NEGATIVE_GAP);
  }

  gap(mean) {
    return Math.round(mean * (0.5 + this.r.next()));
  }

  add(s) {
    const b = Buffer.byteLength(s);
    this.parts.push(s);
    this.len += s.length;
    this.bytes += b;
    this.sinceEntity += b;
    this.sinceNegative += b;
  }

  // Writes template with {v} replaced by value, recording the value's span.
  placed(template, value, record) {
    const at = template.indexOf('{v}');
    this.add(template.slice(0, at));
    const start = this.len;
    this.add(value);
    record(start, this.len);
    this.add(template.slice(at + 3));
  }

  entityDue() {
    return this.sinceEntity >= this.nextEntityGap;
  }

  negativeDue() {
    return this.sinceNegative >= this.nextNegativeGap;
  }

  entity(template, entity, value) {
    this.placed(template, value, (start, end) => this.labels.push({ entity, start, end }));
    this.sinceEntity = 0;
    this.nextEntityGap = this.gap(ENTITY_GAP);
  }

  negative(template, kind, value) {
    this.placed(template, value, (start, end) => this.negatives.push({ kind, start, end }));
    this.sinceNegative = 0;
    this.nextNegativeGap = this.gap(NEGATIVE_GAP);
  }

  text() {
    return this.parts.join('');
  }
}

function pickEntity(r) {
  const entity = weighted(r, ENTITY_WEIGHTS);
  return [entity, GENERATORS[entity](r)];
}

function pickNegative(r) {
  const kind = r.pick(NEGATIVE_KINDS);
  return [kind, NEGATIVE_GENERATORS[kind](r)];
}

// One block of prose: sentences, with due entities/negatives placed as their own sentences.
function proseBlock(b, budget) {
  const r = b.r;
  const end = b.bytes + budget;
  while (b.bytes < end) {
    if (b.entityDue()) {
      const [e, v] = pickEntity(r);
      b.entity(r.pick(PROSE_CTX[e]), e, v);
    } else if (b.negativeDue()) {
      const [k, v] = pickNegative(r);
      b.negative(r.pick(NEG_PROSE_CTX[k]), k, v);
    } else {
      b.add(sentence(r));
    }
    b.add(r.chance(0.15) ? '\n\n' : ' ');
  }
}

function codeBlock(b, budget) {
  const r = b.r;
  const lang = r.pick(['js', 'python', 'bash', 'ts', 'yaml']);
  const comment = lang === 'js' || lang === 'ts' ? '//' : '#';
  b.add('```' + lang + '\n');
  const end = b.bytes + budget;
  while (b.bytes < end) {
    if (b.entityDue()) {
      const [e, v] = pickEntity(r);
      b.entity(r.pick(CODE_CTX[e]), e, v);
    } else if (b.negativeDue()) {
      const [k, v] = pickNegative(r);
      b.negative(r.pick(NEG_CODE_CTX[k]), k, v);
    } else {
      const roll = r.int(5);
      if (roll === 0) b.add(`${comment} ${sentence(r, r.range(4, 10))}`);
      else if (roll === 1) b.add(`const ${identifier(r)} = ${identifier(r)}(${identifier(r)}, ${r.range(0, 64)});`);
      else if (roll === 2) b.add(`if (${identifier(r)}.length > ${r.range(1, 500)}) { return ${identifier(r)}; }`);
      else if (roll === 3) b.add(`for item in ${identifier(r)}: print(item["${identifier(r)}"])`);
      else b.add(`${identifier(r)}: ${r.pick(['true', 'false', 'null', '"' + r.pick(INTL) + '"', String(r.range(0, 9999))])}`);
    }
    b.add('\n');
  }
  b.add('```\n');
}

function jsonBlock(b, budget) {
  const r = b.r;
  b.add('```json\n{\n');
  const end = b.bytes + budget;
  let first = true;
  while (b.bytes < end) {
    if (!first) b.add(',\n');
    first = false;
    if (b.entityDue()) {
      const [e, v] = pickEntity(r);
      b.entity(`  "${r.pick(JSON_KEYS[e])}": "{v}"`, e, v);
    } else if (b.negativeDue()) {
      const [k, v] = pickNegative(r);
      const tpl = JSON_NUMERIC.has(k) ? `  "${r.pick(NEG_JSON_KEYS[k])}": {v}` : `  "${r.pick(NEG_JSON_KEYS[k])}": "{v}"`;
      b.negative(tpl, k, v);
    } else {
      const roll = r.int(4);
      if (roll === 0) b.add(`  "${identifier(r)}": "${sentence(r, r.range(2, 6))}"`);
      else if (roll === 1) b.add(`  "${identifier(r)}": ${r.range(0, 99999)}`);
      else if (roll === 2) b.add(`  "${identifier(r)}": ${r.pick(['true', 'false', 'null'])}`);
      else b.add(`  "${identifier(r)}": ["${r.pick(WORDS)}", "${r.pick(INTL)}", ${r.range(0, 9)}]`);
    }
  }
  b.add('\n}\n```\n');
}

function markdownBlock(b, budget) {
  const r = b.r;
  b.add(`${r.pick(['##', '###'])} ${sentence(r, r.range(2, 5)).slice(0, -1)}\n\n`);
  const end = b.bytes + budget;
  const table = r.chance(0.4);
  if (table) b.add('| Field | Value | Notes |\n| --- | --- | --- |\n');
  while (b.bytes < end) {
    const pre = table ? `| ${identifier(r)} | ` : `${r.pick(['-', '*', '1.'])} **${r.pick(WORDS)}:** `;
    const post = table ? ` | ${r.pick(WORDS)} ${r.pick(INTL)} |` : ` ${r.chance(0.5) ? sentence(r, r.range(3, 8)) : ''}`.trimEnd();
    if (b.entityDue()) {
      const [e, v] = pickEntity(r);
      b.entity(`${pre}{v}${post}`, e, v);
    } else if (b.negativeDue()) {
      const [k, v] = pickNegative(r);
      b.negative(`${pre}{v}${post}`, k, v);
    } else {
      b.add(`${pre}${sentence(r, r.range(3, 9))}${table ? ` | ${r.pick(WORDS)} |` : ''}`);
    }
    b.add('\n');
  }
}

function message(b, budget) {
  const r = b.r;
  const end = b.bytes + budget;
  let firstBlock = true;
  while (b.bytes < end) {
    if (!firstBlock) b.add('\n');
    firstBlock = false;
    const left = Math.max(64, end - b.bytes);
    const size = Math.min(left, r.range(200, 900));
    const roll = r.next();
    if (roll < 0.5) proseBlock(b, size);
    else if (roll < 0.7) codeBlock(b, size);
    else if (roll < 0.85) jsonBlock(b, size);
    else markdownBlock(b, size);
  }
}

/** A chat transcript of about `bytes` UTF-8 bytes. */
export function makeCorpus(bytes, seed = 1) {
  const r = rng(seed);
  const b = new Builder(r);
  b.add('<|im_start|>user\n');
  let turn = 0;
  while (b.bytes < bytes) {
    if (turn > 0) b.add(DELIMITER + (turn % 2 === 0 ? 'user' : 'assistant') + '\n');
    message(b, r.range(400, 4000));
    turn++;
  }
  b.add('\n<|im_end|>\n');
  return { text: b.text(), labels: b.labels, negatives: b.negatives, delimiter: DELIMITER, messages: turn };
}

/** `n` single messages of about `size` UTF-8 bytes each (labels not needed for latency). */
export function makePrompts(n, size = 1024, seed = 7) {
  const r = rng(seed);
  const out = [];
  for (let i = 0; i < n; i++) {
    const b = new Builder(r);
    message(b, size);
    let t = b.text();
    // Trim to the size (at a code point boundary) so every prompt is about the same length.
    while (Buffer.byteLength(t) > size) t = t.slice(0, Math.max(0, t.length - Math.ceil((Buffer.byteLength(t) - size) / 3)));
    if (/[\uD800-\uDBFF]$/.test(t)) t = t.slice(0, -1);
    out.push(t);
  }
  return out;
}
