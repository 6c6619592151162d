import type { Detector, DetectorPattern } from './types.js';

/**
 * Credentials. Every pattern starts with a literal prefix or a key name (as `lead`), so the shared
 * DFA does not start a counted repetition at every word.
 *
 * Tokens start at a line start or after a character that is not a word character, '.' or '-' (the
 * START prefix, kept out of the value by its `lead`), not at any \b: token bodies contain '-' and
 * '.', and with \b every token pattern could start again inside every other token's body. The
 * scanning DFA then has to track each combination of partly matched tokens, which multiplies its
 * states (measured on the twelve token patterns, counted repetitions relaxed to open ones: over
 * 300,000 DFA states with \b, about 400 with START).
 *
 * Example tokens are random, never real, and written as concatenations so that secret scanners
 * (push protection, gitleaks, …) do not flag this file; the examples are compared after joining.
 */
const k = (...parts: string[]): string => parts.join('');

/** A PEM/OpenSSH block: `kind` is '' or e.g. 'EC ', `nl` the line break used inside the text. */
const pem = (kind: string, lines: string[], nl = '\n'): string =>
  [k('-----BEGIN ', kind, 'PRIVATE KEY-----'), ...lines, k('-----END ', kind, 'PRIVATE KEY-----')].join(nl);

const EC_LINES = [
  'uLCKWQhefpe6sVUOq/oIZYQ5oKEsvWuBgwMcPcrjhDgDqLSH+wrp4UIC0PJDlX1E',
  'jnsFTDVkHDZ+rE2BUhOUIv5Ie+kwUv/XNqEtgdXEc9oDHqpKFFF2ok5jQ3UO3Hzb',
  'jp8LVp4XKl+f0vDjnC055/COxbEsvsOo',
];
const OPENSSH_LINES = [
  'b3BlbnNzaC1rZXktdjEAXgkxq1tbmfF0THZNxJMn0jL6CGkyDtAEqwBnrLsjeCFtwf6Kxj',
  'egh0GP0lpgZn86VVtC/3baKb58RQZtEB1vV5q7qF+N/s2vb+6488AkDSGp2atPBIy+Rk0T',
  'qG5ZqG1aouBOviycUGAvK78EyK/0nczSg8qm4CRcpWd1LuQHV9O/j4vl85vpEw1lI0rUzz',
  'iMbLT8xEY4',
];
const RSA_LINES = [
  '37CiVM9ZceGTB5GfAhLDW6kwhpWVc79Vw8gqIEclCoX7TWxVGN0emRuRVAA5C5SC',
  'iK6V+zsSZmDe2H8Bb2rkkjR9OV9mi8Mc+Jd6tsd/KIz9mV+X9tdxGyKoWfsmUgT/',
];
const PEM_EC = pem('EC ', EC_LINES);
const PEM_OPENSSH = pem('OPENSSH ', OPENSSH_LINES);
const PEM_PKCS8_JSON = pem('', EC_LINES, '\\n');
const PEM_ENCRYPTED = pem('RSA ', ['Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-128-CBC,0C438DA9FA78EFE3', '', ...RSA_LINES]);
const PEM_TRUNCATED = [k('-----BEGIN RSA ', 'PRIVATE KEY-----'), ...RSA_LINES].join('\n');

const JWT_HS256 = k(
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
  '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUgRG9lIiwiaWF0IjoxNzAwMDAwMDAwfQ',
  '.7nD4u-PKIsj4WlrJEvgmpiHQRuJRPze99WTvxL29t5M',
);
const JWT_RS256 = k(
  'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0',
  '.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJleHAiOjE5MDAwMDAwMDB9',
  '.e_Z5-SkXYT0MkqrOqgSU_Dkhg-OYqPK4rHZL2EyR6iEEj9m1I90wmDk2ParZm-TpPkSL11hvEye79maO01Tc1Q',
);
const JWT_NO_ALG = k(
  'eyJ0eXAiOiJKV1QifQ',
  '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUgRG9lIiwiaWF0IjoxNzAwMDAwMDAwfQ',
  '.SOLiooBW7MG62ZqLi55zLMrI7DAKGJgyeD5Ix5-5fTw',
);

const GIT_SHA = 'f2f18db526d0318147dda1860c0667bc5b6f703a';

const START = String.raw`(?:^|[^A-Za-z0-9_.\-])`;
const START_LEAD = String.raw`[^A-Za-z0-9_.\-]`;
const URL_SCHEMES = String.raw`(?:https?|ftps?|sftp|ssh|git|svn|postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|oracle|ldaps?|smtps?|imaps?|pop3s?|mqtts?|nats|kafka|wss?|rtsp)`;
/** A token pattern: START, then `body`; the START character is not part of the value. */
const token = (body: string, score: number): DetectorPattern => ({ pattern: START + body, lead: START_LEAD, score });

/**
 * Key names that introduce a secret value in config files, env files, JSON and code. No \b in front:
 * DB_PASSWORD, x-api-key, mytoken all end in a key name.
 */
const SECRET_KEY_NAME =
  String.raw`(?:password|passwd|passwort|passphrase|pwd|secret|token|api[_\-]?key|access[_\-]?key|auth[_\-]?key|` +
  String.raw`private[_\-]?key|credentials?|kennwort|wachtwoord|senha|contrase(?:\u00f1|n)a|mot[_\-]de[_\-]passe|mdp)` +
  String.raw`(?:[_\-](?:key|token|secret|value))?`;
/**
 * Between key name and an unquoted value: `=`, `:=`, `=>`, `==`/`!=` (a comparison with a literal
 * leaks it too), or `:` followed by a blank (YAML) or after a quoted key (JSON). `key:value` without a
 * blank is left out: it is mostly a URI or a Maven coordinate (io.jsonwebtoken:jjwt-api).
 */
const SECRET_ASSIGN = String.raw`(?:["']?\s*(?:=>|:=|[!=]==?|=)|["']?\s*:[ \t]|["']:)[ \t]*["']?`;
/** Before a quoted value any of those, and `:` in every spelling; `@"…"` is C#. */
const SECRET_ASSIGN_QUOTED = String.raw`["']?\s*(?:=>|:=|[!=]==?|[:=])[ \t]*@?`;
/**
 * An unquoted value, up to whitespace, a quote, a bracket, ',' or ';'. It may not start like a
 * template, a reference or a path (${…}, {{…}}, %(…)s, <…>, PWD=/home/alice). No counted minimum
 * length: the entropy floor of 3 bits per character already needs 8 distinct characters, and a count
 * here would multiply with the key-name automaton (2,200 DFA states instead of 430).
 */
const SECRET_VALUE = String.raw`[^\s"'<>()\[\]{}$%,;=:/${'`'}][^\s"'<>()\[\]{},;${'`'}]*`;
/** A quoted value (the quotes are lead and trail): anything up to the closing quote, blanks included. */
const quotedSecret = (q: string): DetectorPattern => ({
  pattern: String.raw`${SECRET_KEY_NAME}${SECRET_ASSIGN_QUOTED}${q}[^\s${q}$%{<][^${q}\r\n]*${q}`,
  flags: 'i',
  lead: String.raw`${SECRET_KEY_NAME}${SECRET_ASSIGN_QUOTED}${q}`,
  trail: q,
  score: 0.6,
});

export const SECRET_DETECTORS: Detector[] = [
  {
    entity: 'AWS_ACCESS_KEY',
    description: 'AWS access key id (AKIA… long-term, ASIA… temporary).',
    groups: ['secrets'],
    patterns: [token(String.raw`(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b`, 0.9)],
    contextWords: ['aws', 'access', 'key', 'amazon', 'iam'],
    fakes: ['AKIAIOSFODNN7EXAMPLE', 'AKIAI44QH8DHBEXAMPLE'],
    // 2.5 bits: filler such as AKIAXXXXXXXXXXXXXXXX stays out, while about 1 in 5,000 real keys
    // (16 random base-32 characters) has less than 3 bits and must not be missed.
    minEntropy: 2.5,
    examples: {
      positive: [
        { text: k('aws_access_key_id = AKIA', 'CHKCXTFAWYYIRQB6'), match: k('AKIA', 'CHKCXTFAWYYIRQB6') },
        { text: k('temporary creds ASIA', 'UTLWFGBYEP3RKNUQ, expiring'), match: k('ASIA', 'UTLWFGBYEP3RKNUQ') },
        { text: k('密钥：AKIA', 'CHKCXTFAWYYIRQB6'), match: k('AKIA', 'CHKCXTFAWYYIRQB6') },
      ],
      negative: [
        { text: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE' },
        { text: 'AKIA1234 is too short' },
        { text: k('lower case akia', 'chkcxtfawyyirqb6') },
        { text: 'AKIAAAAAAAAAAAAAAAAA' },
        { text: `commit ${GIT_SHA}` },
      ],
    },
  },
  {
    entity: 'AWS_SECRET_KEY',
    description: 'AWS secret access key (40 base64 characters) introduced by its key name.',
    groups: ['secrets'],
    patterns: [
      {
        // {40,}: a longer run is still all secret; stopping at 40 would leave its tail in clear.
        pattern: String.raw`(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)["']?\s*[:=]\s*["']?[A-Za-z0-9/+]{40,}`,
        flags: 'i',
        lead: String.raw`(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)["']?\s*[:=]\s*["']?`,
        score: 0.9,
      },
    ],
    fakes: ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY'],
    minEntropy: 3.5,
    examples: {
      positive: [
        {
          text: k('aws_secret_access_key = udG8Fx0H6f6vPt9g6qG6A', '66WKPlgLUUfElRaLPWu'),
          match: k('udG8Fx0H6f6vPt9g6qG6A', '66WKPlgLUUfElRaLPWu'),
        },
        {
          text: k('{"SecretAccessKey": "wLeWBQjftMoZIy4bVfndgXXZ', 'ozZ+bN19H4FA0cpK"}'),
          match: k('wLeWBQjftMoZIy4bVfndgXXZ', 'ozZ+bN19H4FA0cpK'),
        },
        {
          text: k('export AWS_SECRET_ACCESS_KEY=udG8Fx0H6f6vPt9g6qG6A', '66WKPlgLUUfElRaLPWu'),
          match: k('udG8Fx0H6f6vPt9g6qG6A', '66WKPlgLUUfElRaLPWu'),
        },
      ],
      negative: [
        { text: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
        { text: 'aws_secret_access_key = <your secret key>' },
        { text: `Fixed in commit ${GIT_SHA}` },
        { text: 'secret_access_key: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      ],
    },
  },
  {
    entity: 'GITHUB_TOKEN',
    description: 'GitHub token: classic/OAuth/user/server/refresh (ghp_, gho_, ghu_, ghs_, ghr_) and fine-grained (github_pat_).',
    groups: ['secrets'],
    patterns: [
      token(String.raw`gh[pousr]_[A-Za-z0-9]{36}\b`, 0.95),
      token(String.raw`github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b`, 0.95),
    ],
    fakes: ['ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'ghp_000000000000000000000000000000000000'],
    minEntropy: 3,
    examples: {
      positive: [
        { text: k('GITHUB_TOKEN=ghp_', 'ytyzB6NQGu0HSev2LoGGy7zkBD4KpTWcEexp'), match: k('ghp_', 'ytyzB6NQGu0HSev2LoGGy7zkBD4KpTWcEexp') },
        { text: k('oauth: gho_', 'tkdseXw6eHpCdjPa61Q8SGyD5driQDvETG5a.'), match: k('gho_', 'tkdseXw6eHpCdjPa61Q8SGyD5driQDvETG5a') },
        {
          text: k('token github_pat_', 'DbXOToDuGgj6dchPRAdI4J_qdIYbnS5SgM651eVpVRUvYys0gEI1ZHVLa1UjlAaSsQXwNgDK8ZCLQa3jiK'),
          match: k('github_pat_', 'DbXOToDuGgj6dchPRAdI4J_qdIYbnS5SgM651eVpVRUvYys0gEI1ZHVLa1UjlAaSsQXwNgDK8ZCLQa3jiK'),
        },
        { text: k('令牌 ghp_', 'ytyzB6NQGu0HSev2LoGGy7zkBD4KpTWcEexp'), match: k('ghp_', 'ytyzB6NQGu0HSev2LoGGy7zkBD4KpTWcEexp') },
      ],
      negative: [
        { text: 'ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' },
        { text: 'ghp_short' },
        { text: `Fixed in commit ${GIT_SHA}` },
      ],
    },
  },
  {
    entity: 'GITLAB_TOKEN',
    description: 'GitLab token: personal, deploy, runner, pipeline trigger, feed, OAuth, CI job, incoming mail, SCIM (glpat-, gldt-, glrt-, glptt-, glft-, gloas-, glcbt-, glimt-, glsoat-) and runner registration (GR1348941).',
    groups: ['secrets'],
    patterns: [
      // Open-ended: the whole token is the value, never a prefix of it.
      token(String.raw`(?:glpat|gldt|glrt|glptt|glft|gloas|glcbt|glimt|glsoat)-[A-Za-z0-9_\-]{20,}`, 0.9),
      token(String.raw`GR1348941[A-Za-z0-9_\-]{20,}`, 0.9),
    ],
    fakes: ['glpat-xxxxxxxxxxxxxxxxxxxx'],
    minEntropy: 3,
    examples: {
      positive: [
        { text: k('PRIVATE-TOKEN: glpat-', 'TOg3mEmkK4ZZBayU8lHy'), match: k('glpat-', 'TOg3mEmkK4ZZBayU8lHy') },
        { text: k('"token": "glpat-', 'MMbJg0olkqxbSoc7SHDJ"'), match: k('glpat-', 'MMbJg0olkqxbSoc7SHDJ') },
        { text: k('runner token glrt-', 'Zk3_pQ9vX2mL7rT4wN8yB1c.'), match: k('glrt-', 'Zk3_pQ9vX2mL7rT4wN8yB1c') },
      ],
      negative: [
        { text: 'glpat-xxxxxxxxxxxxxxxxxxxx' },
        { text: 'glpat-short' },
        { text: `commit ${GIT_SHA}` },
      ],
    },
  },
  {
    entity: 'SLACK_TOKEN',
    description: 'Slack API token (xoxb-, xoxp-, xoxa-, xoxe-, xoxo-, xoxs-, xoxr-) and app-level token (xapp-).',
    groups: ['secrets'],
    patterns: [
      token(String.raw`xox[abeoprs]-[0-9]{1,14}-[0-9A-Za-z\-]{8,64}\b`, 0.9),
      token(String.raw`xapp-\d-[A-Z0-9]{9,12}-\d{10,14}-[a-f0-9]{64}\b`, 0.9),
    ],
    minEntropy: 3,
    examples: {
      positive: [
        {
          text: k('SLACK_BOT_TOKEN=xoxb-', '317423239082-8203586230558-cQR0y0oN4BK6SgcxS2DN7GmK'),
          match: k('xoxb-', '317423239082-8203586230558-cQR0y0oN4BK6SgcxS2DN7GmK'),
        },
        {
          text: k('user token xoxp-', '851292293257-078977127776-0665959090834-e375bd9f7bd3ec028564dd2c9107569e.'),
          match: k('xoxp-', '851292293257-078977127776-0665959090834-e375bd9f7bd3ec028564dd2c9107569e'),
        },
        {
          text: k('app token: xapp-', '1-AUVC2DSSM70-3400253134591-a0306a416ad601c062c40c3b5aee17032236bef95708f24d6a435ee22c75fd96'),
          match: k('xapp-', '1-AUVC2DSSM70-3400253134591-a0306a416ad601c062c40c3b5aee17032236bef95708f24d6a435ee22c75fd96'),
        },
      ],
      negative: [
        { text: 'xoxb-123 is not a token' },
        { text: 'xoxz-317423239082-8203586230558-cQR0y0oN4BK6SgcxS2DN7GmK' },
        { text: 'xoxb-000000000000-0000000000000-000000000000000000000000' },
      ],
    },
  },
  {
    entity: 'SLACK_WEBHOOK',
    description: 'Slack incoming webhook or workflow trigger URL.',
    groups: ['secrets'],
    patterns: [
      {
        pattern: String.raw`https?://hooks\.slack\.com/services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}`,
        score: 0.95,
      },
      {
        pattern: String.raw`https?://hooks\.slack\.com/(?:workflows|triggers)/T[A-Z0-9]{6,12}/A[A-Z0-9]{6,12}/\d{6,24}/[A-Za-z0-9]{20,40}`,
        score: 0.95,
      },
    ],
    fakes: ['https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'],
    examples: {
      positive: [
        {
          text: k('webhook: https://hooks.slack.com/services/', 'TIQSM53G4/BOID8P3F2UJ/EguPk3mTQKRJEj1DsrCb9y1C'),
          match: k('https://hooks.slack.com/services/', 'TIQSM53G4/BOID8P3F2UJ/EguPk3mTQKRJEj1DsrCb9y1C'),
        },
        {
          text: k('curl -X POST "https://hooks.slack.com/workflows/', 'T01ABCD2EFG/A05HIJK6LMN/482910375618293746/Qx7LmP2vRt9ZkW3nYb8JcD4s"'),
          match: k('https://hooks.slack.com/workflows/', 'T01ABCD2EFG/A05HIJK6LMN/482910375618293746/Qx7LmP2vRt9ZkW3nYb8JcD4s'),
        },
        {
          text: k('{"webhook_url": "https://hooks.slack.com/services/', 'TJJWPC4VU/BS4GYKH438E/cy0W7af4UPln6hqRKZ3hqdqi"}'),
          match: k('https://hooks.slack.com/services/', 'TJJWPC4VU/BS4GYKH438E/cy0W7af4UPln6hqRKZ3hqdqi'),
        },
      ],
      negative: [
        { text: 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX' },
        { text: 'Configure https://hooks.slack.com/services/ in the dashboard' },
        { text: 'https://slack.com/intl/en-gb/' },
      ],
    },
  },
  {
    entity: 'STRIPE_KEY',
    description: 'Stripe secret or restricted key (sk_live_, rk_live_, rk_prod_, sk_test_) and webhook signing secret (whsec_).',
    groups: ['secrets'],
    patterns: [
      // `{20}` then `*`: live keys are 24 to 99+ characters, and a star costs one DFA state.
      token(String.raw`[sr]k_(?:live|prod)_[A-Za-z0-9]{20}[A-Za-z0-9]*`, 0.95),
      token(String.raw`sk_test_[A-Za-z0-9]{20}[A-Za-z0-9]*`, 0.7),
      token(String.raw`whsec_[A-Za-z0-9]{24}[A-Za-z0-9]*`, 0.9),
    ],
    // Keys published in Stripe's documentation.
    fakes: ['sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'sk_test_BQokikJOvBiI2HlWgH4olfQ2', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx'],
    minEntropy: 3,
    examples: {
      positive: [
        { text: k('STRIPE_SECRET_KEY=sk_', 'live_Nm5sWDqZ9sIGUd7pp45bSsZa'), match: k('sk_', 'live_Nm5sWDqZ9sIGUd7pp45bSsZa') },
        {
          text: k('key sk_', 'live_51CrVdfGUz4NHps2orHKjB1xXECAsXuyBD4IYRuDZpX4TK0OH36zDeuaNCj57sZGTUtJuXPO6VUMzLMCxB5kh2ktoT306vHyJyE.'),
          match: k('sk_', 'live_51CrVdfGUz4NHps2orHKjB1xXECAsXuyBD4IYRuDZpX4TK0OH36zDeuaNCj57sZGTUtJuXPO6VUMzLMCxB5kh2ktoT306vHyJyE'),
        },
        { text: k('restricted: rk_', 'live_2qvMgBOdukOrSYnJqAR4cdSg'), match: k('rk_', 'live_2qvMgBOdukOrSYnJqAR4cdSg') },
        { text: k('endpoint secret whsec_', '3Rq0okGcHVQKgIuPIWEVGbdfpDc321bw'), match: k('whsec_', '3Rq0okGcHVQKgIuPIWEVGbdfpDc321bw') },
        { text: k('test key sk_', 'test_Z1UAlZwlYgsIlLXwqisuJAv2'), match: k('sk_', 'test_Z1UAlZwlYgsIlLXwqisuJAv2') },
      ],
      negative: [
        { text: k('publishable pk_', 'live_vpVM6ZJKxaGFMk9t4sOuWyu0') },
        { text: 'docs key sk_test_4eC39HqLyjWDarjtT1zdp7dc' },
        { text: 'sk_live_short' },
      ],
    },
  },
  {
    entity: 'GOOGLE_API_KEY',
    description: 'Google API key (AIza + 35 URL-safe characters).',
    groups: ['secrets'],
    // The 39th character must end the key: a word character before a non-word one, or '-' before a
    // non-word one (AIza… inside a longer string is not a key).
    patterns: [token(String.raw`AIza[0-9A-Za-z_\-]{34}(?:[0-9A-Za-z_]\b|-\B)`, 0.9)],
    minEntropy: 3.5,
    examples: {
      positive: [
        { text: k('GOOGLE_API_KEY=AIza', '0Cf0AimkF310iFYYlVAMH-iM0xWWlilgBF3'), match: k('AIza', '0Cf0AimkF310iFYYlVAMH-iM0xWWlilgBF3') },
        { text: k('maps?key=AIza', 'Vfpvf9fiTudO0o3ivQbEgo2VlF9Wuzw5ZfI&v=3'), match: k('AIza', 'Vfpvf9fiTudO0o3ivQbEgo2VlF9Wuzw5ZfI') },
        { text: k('🔑 AIza', '0Cf0AimkF310iFYYlVAMH-iM0xWWlilgBF3'), match: k('AIza', '0Cf0AimkF310iFYYlVAMH-iM0xWWlilgBF3') },
      ],
      negative: [
        { text: 'AIza is a prefix' },
        { text: 'AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' },
        { text: `commit ${GIT_SHA}` },
      ],
    },
  },
  {
    entity: 'OPENAI_API_KEY',
    description: 'OpenAI API key (sk-…T3BlbkFJ…, including sk-proj-, sk-svcacct-, sk-admin- keys).',
    groups: ['secrets'],
    patterns: [
      // T3BlbkFJ is base64 of "OpenAI" and sits in the middle of every OpenAI key; stars keep the DFA small.
      token(String.raw`sk-[A-Za-z0-9_\-]*T3BlbkFJ[A-Za-z0-9_\-]*`, 0.95),
      // Project keys are about 160 characters; a short sk-proj-… is more likely a placeholder.
      token(String.raw`sk-proj-[A-Za-z0-9_\-]{80}[A-Za-z0-9_\-]*`, 0.85),
    ],
    minEntropy: 3.5,
    examples: {
      positive: [
        {
          text: k('OPENAI_API_KEY=sk-', 'NheDHwgsnyMgwM0CEr49', 'T3BlbkFJ', 'eg0d9eNtyX8TiEnDCGHV'),
          match: k('sk-', 'NheDHwgsnyMgwM0CEr49', 'T3BlbkFJ', 'eg0d9eNtyX8TiEnDCGHV'),
        },
        {
          text: k(
            'client = OpenAI(api_key="sk-',
            'proj-Ez_JNc8REa_kbbh0ckW3wyUizxD4ZgcL3ctZT-gfIy784NSc7-p3N73PaWv_qWm5s6Qxr7_4LJ',
            'T3BlbkFJ',
            'sX8EdaKtuwnPYK5bkk-Gf4cFdTdOMBWK4A_XTFI_dbej6V2sQiXGOiQucZj2Qrw3RYoKMWSfCu")',
          ),
          match: k(
            'sk-',
            'proj-Ez_JNc8REa_kbbh0ckW3wyUizxD4ZgcL3ctZT-gfIy784NSc7-p3N73PaWv_qWm5s6Qxr7_4LJ',
            'T3BlbkFJ',
            'sX8EdaKtuwnPYK5bkk-Gf4cFdTdOMBWK4A_XTFI_dbej6V2sQiXGOiQucZj2Qrw3RYoKMWSfCu',
          ),
        },
        {
          text: k('key: sk-', 'proj-JkTiPs8lXLFP8VU8BRIBYzyz__qrEMuXuhKMxSumXgjqBrXP', 'Ez_JNc8REa_kbbh0ckW3wyUizxD4ZgcL3ctZT-gfIy784NSc7'),
          match: k('sk-', 'proj-JkTiPs8lXLFP8VU8BRIBYzyz__qrEMuXuhKMxSumXgjqBrXP', 'Ez_JNc8REa_kbbh0ckW3wyUizxD4ZgcL3ctZT-gfIy784NSc7'),
        },
      ],
      negative: [
        { text: 'sk-1234 is not a key' },
        { text: 'Use a task-specific model' },
        { text: 'sk-proj-short' },
        { text: k('sk-proj-', 'Xi8tdMjHV6pmbBbwilTeT4BlbkFJ3UDnpdEwNNm6wVBpYM0o') },
        { text: `commit ${GIT_SHA}` },
      ],
    },
  },
  {
    entity: 'ANTHROPIC_API_KEY',
    description: 'Anthropic API or admin key (sk-ant-api03-…, sk-ant-admin01-…).',
    groups: ['secrets'],
    // 93 characters and a closing "AA", as issued.
    // \b after the final AA: a longer run is not an Anthropic key, so nothing of it is matched
    // (a fixed length without a boundary would redact a prefix and leave the tail in clear).
    patterns: [token(String.raw`sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_\-]{93}AA\b`, 0.95)],
    minEntropy: 3.5,
    examples: {
      positive: [
        {
          text: k('ANTHROPIC_API_KEY=sk-ant-', 'api03-d9NhHy-tXp6gRu3hbVmXrOhvSDAq5981I-YS3Jxi1GcKYZfkGd9QgczTw8AIvIDLzSXsSBWTsxhbELaokGi_-W61aa8MDAA'),
          match: k('sk-ant-', 'api03-d9NhHy-tXp6gRu3hbVmXrOhvSDAq5981I-YS3Jxi1GcKYZfkGd9QgczTw8AIvIDLzSXsSBWTsxhbELaokGi_-W61aa8MDAA'),
        },
        {
          text: k('admin key "sk-ant-', 'admin01-tleED9-adwJVELL-loTa8AVrpnu2hd8rjCrcgFmmRVW81MtD66QuWKH2yopmmrZMYpaKmukUEJ7RmAC4budBnL5-iAUw4AA"'),
          match: k('sk-ant-', 'admin01-tleED9-adwJVELL-loTa8AVrpnu2hd8rjCrcgFmmRVW81MtD66QuWKH2yopmmrZMYpaKmukUEJ7RmAC4budBnL5-iAUw4AA'),
        },
        {
          text: k("client = Anthropic(api_key='sk-ant-", "api03-pi-bu_Nona-Zn6xqFrN4PzpWCkTkhsoHKez3I4BcRv0-S0wz7Pdqg1NKAYaK8_UEzvgwaIEI0FqQZVNft5R3dsVvAI4BDAA')"),
          match: k('sk-ant-', 'api03-pi-bu_Nona-Zn6xqFrN4PzpWCkTkhsoHKez3I4BcRv0-S0wz7Pdqg1NKAYaK8_UEzvgwaIEI0FqQZVNft5R3dsVvAI4BDAA'),
        },
      ],
      negative: [
        { text: 'sk-ant-api03-short' },
        { text: 'Our sk-ant- keys rotate monthly' },
        { text: `commit ${GIT_SHA}` },
      ],
    },
  },
  {
    entity: 'SENDGRID_KEY',
    description: 'SendGrid API key (SG.<22>.<43>).',
    groups: ['secrets'],
    patterns: [token(String.raw`SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{42}(?:[A-Za-z0-9_]\b|-\B)`, 0.95)],
    minEntropy: 3.5,
    examples: {
      positive: [
        {
          text: k('SENDGRID_API_KEY=SG.', '1Kk6-7-oHSfjKGMMWTkiVt._1Q5WBbMrzwYUsrOwKIDZH66SoQ7Nx5XZisQKMLAdwH'),
          match: k('SG.', '1Kk6-7-oHSfjKGMMWTkiVt._1Q5WBbMrzwYUsrOwKIDZH66SoQ7Nx5XZisQKMLAdwH'),
        },
        {
          text: k('apiKey: "SG.', '1Kk6-7-oHSfjKGMMWTkiVt._1Q5WBbMrzwYUsrOwKIDZH66SoQ7Nx5XZisQKMLAdwH"'),
          match: k('SG.', '1Kk6-7-oHSfjKGMMWTkiVt._1Q5WBbMrzwYUsrOwKIDZH66SoQ7Nx5XZisQKMLAdwH'),
        },
        {
          text: k('mail relay key (SG.', '1Ri0XUOkXpvVmQ-oJo19EZ.acEQgZKrOqD9NFHVrmvCQV8k7xXt_rU7C_Bto2fRs0y)'),
          match: k('SG.', '1Ri0XUOkXpvVmQ-oJo19EZ.acEQgZKrOqD9NFHVrmvCQV8k7xXt_rU7C_Bto2fRs0y'),
        },
      ],
      negative: [
        { text: 'SG.short.key' },
        { text: 'Singapore (SG.) office' },
        { text: `commit ${GIT_SHA}` },
      ],
    },
  },
  {
    entity: 'NPM_TOKEN',
    description: 'npm access token (npm_ + 36 alphanumerics), and a legacy UUID token after _authToken= in .npmrc.',
    groups: ['secrets'],
    patterns: [
      token(String.raw`npm_[A-Za-z0-9]{36}\b`, 0.9),
      {
        pattern: String.raw`_authToken=[ \t]*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`,
        lead: String.raw`_authToken=[ \t]*`,
        score: 0.9,
      },
    ],
    minEntropy: 3,
    examples: {
      positive: [
        {
          text: k('//registry.npmjs.org/:_authToken=npm_', 'HEuPTl6rfF8yriyrAPl63h6bVZPrqWJnydZM'),
          match: k('npm_', 'HEuPTl6rfF8yriyrAPl63h6bVZPrqWJnydZM'),
        },
        { text: k('NPM_TOKEN: npm_', 'EtZ8QhxgPcMjRlm1XI8fJSEh3xbDvK9OIztH'), match: k('npm_', 'EtZ8QhxgPcMjRlm1XI8fJSEh3xbDvK9OIztH') },
        { text: '//npm.example.com/:_authToken=5c8e1f3a-92b4-4d7e-a0c6-3b19f7e2d845', match: '5c8e1f3a-92b4-4d7e-a0c6-3b19f7e2d845' },
      ],
      negative: [
        { text: 'npm_config_cache=/tmp/npm-cache' },
        { text: 'npm_package_version is set by npm' },
        { text: `commit ${GIT_SHA}` },
      ],
    },
  },
  {
    entity: 'JWT',
    description: 'JSON Web Token (header.payload.signature, base64url; header must be JSON with "alg").',
    groups: ['secrets'],
    validator: 'JWT',
    patterns: [token(String.raw`eyJ[A-Za-z0-9_\-]*\.eyJ[A-Za-z0-9_\-]*\.[A-Za-z0-9_\-]*`, 0.9)],
    examples: {
      positive: [
        { text: `Authorization: Bearer ${JWT_HS256}`, match: JWT_HS256 },
        { text: `{"id_token":"${JWT_RS256}"}`, match: JWT_RS256 },
        { text: `会话 ${JWT_HS256}.`, match: JWT_HS256 },
      ],
      negative: [
        { text: `token ${JWT_NO_ALG}` },
        { text: k('header only eyJhbGciOiJIUzI1NiIs', 'InR5cCI6IkpXVCJ9') },
        { text: 'eyJzzzz.eyJzzzz.abc' },
      ],
    },
  },
  {
    entity: 'PRIVATE_KEY',
    description: 'Private key block (PEM: PKCS#1/PKCS#8/EC/DSA/encrypted, OpenSSH, PGP), whole block incl. BEGIN/END lines.',
    groups: ['secrets'],
    patterns: [
      {
        // Body: base64, whitespace, literal "\n" (JSON), header lines (Proc-Type: 4,ENCRYPTED). A '-' only
        // before an alphanumeric, so the body can never run across a "-----" line. At least 40
        // characters: "BEGIN … anything … END" in documentation is not a key.
        pattern:
          String.raw`-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----` +
          String.raw`(?:[A-Za-z0-9+/=\s\\:,.]|-[A-Za-z0-9]){40,}` +
          String.raw`-----END (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----`,
        score: 0.95,
      },
      {
        // A truncated block (no END line): the BEGIN line and the base64 lines (20+ characters) after it.
        pattern:
          String.raw`-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----` +
          String.raw`(?:(?:\r?\n|\\r?\\n)[A-Za-z0-9+/=]{20}[A-Za-z0-9+/=]*)+`,
        score: 0.8,
      },
    ],
    examples: {
      positive: [
        { text: `Here is the key:\n${PEM_EC}\nThanks!`, match: PEM_EC },
        { text: `~/.ssh/id_ed25519:\n${PEM_OPENSSH}\n`, match: PEM_OPENSSH },
        { text: `{"type": "service_account", "private_key": "${PEM_PKCS8_JSON}\\n"}`, match: PEM_PKCS8_JSON },
        { text: `legacy:\n${PEM_ENCRYPTED}\n`, match: PEM_ENCRYPTED },
        { text: `pasted half a key 🙈\n${PEM_TRUNCATED}\n... and the rest is lost`, match: PEM_TRUNCATED },
      ],
      negative: [
        { text: k('-----BEGIN PUBLIC', ' KEY-----\n', EC_LINES.join('\n'), '\n-----END PUBLIC KEY-----') },
        { text: k('-----BEGIN CERTIFICATE', '-----\n', EC_LINES.join('\n'), '\n-----END CERTIFICATE-----') },
        { text: 'Store the private key in a vault, never in the repo.' },
        { text: 'BEGIN RSA PRIVATE KEY (without the dashes)' },
        { text: k('-----BEGIN PRIVATE', ' KEY-----\n...\n-----END PRIVATE KEY-----') },
      ],
    },
  },
  {
    entity: 'PASSWORD_IN_URL',
    description: 'Password in the user-info part of a URL (scheme://user:password@host); the password is reported.',
    groups: ['secrets'],
    patterns: [
      {
        // Known schemes: a generic [a-z][a-z0-9+.-]* scheme would be a live candidate in every word.
        pattern: String.raw`\b${URL_SCHEMES}://[^\s:/?#@"'<>]*:[^\s/?#@"'<>]+@`,
        flags: 'i',
        lead: String.raw`${URL_SCHEMES}://[^\s:/?#@"'<>]*:`,
        trail: '@',
        score: 0.9,
      },
    ],
    fakes: [
      'password', 'passwd', 'pass', 'pwd', 'secret', 'changeme', 'xxx', 'xxxx', 'xxxxxx', 'xxxxxxxx',
      '***', '****', '******', '********', 'your_password', 'yourpassword', 'mypassword',
    ],
    examples: {
      positive: [
        { text: 'DATABASE_URL=postgres://admin:S3cr3tP4ss@db.example.com:5432/app', match: 'S3cr3tP4ss' },
        { text: 'mongodb+srv://app:Xk9%21mQ2z@cluster0.example.net/db', match: 'Xk9%21mQ2z' },
        { text: 'git remote add origin https://deploy:gh7Tq2LmZ9@git.example.org/repo.git', match: 'gh7Tq2LmZ9' },
        { text: 'redis://:Zq8vLm3Rt@cache.internal:6379/0', match: 'Zq8vLm3Rt' },
        { text: '数据库 mysql://root:Wq7!pLx2@10.0.0.5/prod', match: 'Wq7!pLx2' },
      ],
      negative: [
        { text: 'postgres://user:password@localhost/db' },
        { text: 'https://example.com:8080/path' },
        { text: 'git clone git@github.com:org/repo.git' },
        { text: 'https://user@host.example.com/' },
      ],
    },
  },
  {
    entity: 'GENERIC_SECRET',
    description: 'Value assigned to a password/secret/token/api-key name in config, env, JSON or code; Bearer tokens.',
    groups: ['secrets'],
    patterns: [
      {
        pattern: SECRET_KEY_NAME + SECRET_ASSIGN + SECRET_VALUE,
        flags: 'i',
        lead: SECRET_KEY_NAME + SECRET_ASSIGN,
        score: 0.6,
      },
      quotedSecret('"'),
      quotedSecret("'"),
      {
        pattern: String.raw`\bBearer [A-Za-z0-9\-._~+/]{20}[A-Za-z0-9\-._~+/]*=*`,
        lead: 'Bearer ',
        score: 0.7,
      },
    ],
    fakes: [
      '********', 'xxxxxxxx', 'changeme', 'password', 'secret', 'example', 'placeholder', 'redacted',
      'your_api_key', 'your-api-key', 'yourapikey', 'your_token', 'your-token', 'your_password', 'your_secret',
      'your_key_here', 'your_api_key_here', 'your_token_here', 'insert_key_here', 'access_token', 'api_key', 'secret_key',
      'null', 'undefined', 'none',
      // AWS documentation keys (also fakes of AWS_ACCESS_KEY / AWS_SECRET_KEY).
      'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ],
    minEntropy: 3,
    examples: {
      positive: [
        { text: 'DB_PASSWORD=MSzOc9MxK%Pxvv', match: 'MSzOc9MxK%Pxvv' },
        { text: '{"api_key": "DuF4YqfKbisg59RJJws5nr9BiaiJQPhf"}', match: 'DuF4YqfKbisg59RJJws5nr9BiaiJQPhf' },
        { text: 'client_secret: 7f3kQ9zLmP2xR8vT\nscope: read', match: '7f3kQ9zLmP2xR8vT' },
        { text: 'Passwort: Tr0ub4dor&3xyz', match: 'Tr0ub4dor&3xyz' },
        { text: 'Authorization: Bearer 9fK2mQx7LpR4vT8zW1nB6cY3', match: '9fK2mQx7LpR4vT8zW1nB6cY3' },
        { text: '密码 password=Zx9!kLm2Qw', match: 'Zx9!kLm2Qw' },
        { text: `wifi_password = "correct horse battery staple"`, match: 'correct horse battery staple' },
      ],
      negative: [
        { text: 'Please enter your password below.' },
        { text: 'This repository is public' },
        { text: 'password: ********' },
        { text: 'api_key: YOUR_API_KEY' },
        { text: 'notes = "Maven - io.jsonwebtoken:jjwt-jackson-0.11.2"' },
        { text: 'password: "${DB_PASSWORD}"' },
        { text: 'OLDPWD=/home/alice/projects/cordon' },
        { text: `Fixed in commit ${GIT_SHA}` },
      ],
    },
  },
];
