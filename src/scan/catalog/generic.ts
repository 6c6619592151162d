import type { Detector } from './types.js';

/**
 * Region-independent detectors: contact data, payment data, network identifiers.
 *
 * PHONE and IP_ADDRESS each need two validators (NANP / international, IPv4 / IPv6), and a detector
 * has exactly one, so each of them is declared twice under the same entity name.
 */

// Characters a URL may contain (RFC 3986), and the subset it may end with: a trailing `.,;:!?)]'`
// is punctuation of the surrounding sentence, and the longest match must leave it out.
const URL_CHARS = String.raw`[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]`;
const URL_END = String.raw`[A-Za-z0-9\-_~/#@$&*+=%]`;

// An IPv6 candidate starts at a line start or after a character that is neither a word character nor
// ':' ("text2001:db8::1" must not yield "db8::1"); the character itself is the pattern's `lead`.
const IP6_START = String.raw`(?:^|[^A-Za-z0-9_:])`;
const IP6_LEAD = String.raw`[^A-Za-z0-9_:]`;
const IP6_TAIL = String.raw`(?:(?:\.\d{1,3}){1,3}\b)?`;

// Both PHONE detectors (NANP and international) and both IP_ADDRESS detectors share their words.
const PHONE_CONTEXT = [
  'phone', 'telephone', 'tel', 'call', 'mobile', 'cell', 'fax', 'sms', 'whatsapp',
  'telefon', 'handy', 'rufnummer', 'téléphone', 'portable', 'teléfono', 'telefono', 'móvil', 'movil',
  'celular', 'cellulare', 'telemóvel', 'telefoon', 'mobiel',
];
const IP_CONTEXT = ['ip', 'address', 'host', 'server', 'client', 'adresse', 'dirección', 'direccion', 'indirizzo', 'endereço', 'adres'];

export const GENERIC_DETECTORS: Detector[] = [
  {
    entity: 'EMAIL',
    description: 'E-mail address (practical RFC 5322 form: local part, @, dotted domain, alphabetic or punycode TLD).',
    groups: ['pii'],
    patterns: [
      {
        // Unbounded local part and labels on purpose: `+` costs one DFA state, `{1,64}` costs 64.
        // TLD: letters, or an IDN in punycode (xn--p1ai).
        pattern: String.raw`\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9\-]{2,59})\b`,
        score: 0.85,
      },
    ],
    contextWords: [
      'email', 'e-mail', 'mail', 'contact', 'address',
      'kontakt', 'adresse', 'courriel', 'correo', 'contacto', 'posta', 'contatto', 'endereço', 'emailadres', 'e-mailadres',
    ],
    examples: {
      positive: [
        { text: 'Contact me at alice@example.com for details.', match: 'alice@example.com' },
        { text: 'Schreib an max.mustermann@beispiel.de.', match: 'max.mustermann@beispiel.de' },
        { text: 'cc: bob+newsletter@mail.example.co.uk; thanks', match: 'bob+newsletter@mail.example.co.uk' },
        { text: '联系我 alice@example.com', match: 'alice@example.com' },
        { text: 'メール：taro_yamada@example.jp 🙂', match: 'taro_yamada@example.jp' },
      ],
      negative: [
        { text: 'Send it to user@localhost please' },
        { text: 'Follow @cordon_dev on social media' },
        { text: 'The domain example.com is reserved' },
        { text: 'Invalid: a@b.c' },
      ],
    },
  },
  {
    entity: 'PHONE',
    description: 'North American (NANP) phone number: 10 digits with optional +1/1 prefix; area code and exchange checked.',
    groups: ['pii'],
    validator: 'PHONE_NANP',
    patterns: [
      {
        // Formatted: (415) 555-0132, 415-555-0132, 415.555.0132, +1 415 555 0132, 1-415-555-0132.
        pattern: String.raw`(?:\+1[ .\-]?|\b1[ .\-])?(?:\(\d{3}\)[ .\-]?|\b\d{3}[ .\-])\d{3}[ .\-]\d{4}\b`,
        score: 0.6,
      },
      // E.164, or +1 and ten digits without separators (+1 2015550123).
      { pattern: String.raw`\+1[ .\-]?\d{10}\b`, score: 0.6 },
      // Bare 10/11 digits look like order numbers and timestamps: only context makes them a phone number.
      { pattern: String.raw`\b1?\d{10}\b`, score: 0.35 },
    ],
    contextWords: PHONE_CONTEXT,
    examples: {
      positive: [
        { text: 'Call me at (415) 555-0132 tomorrow.', match: '(415) 555-0132' },
        { text: 'Office: 212-555-0187', match: '212-555-0187' },
        { text: 'Reach us on +1 646 555 0149.', match: '+1 646 555 0149' },
        { text: 'phone: 3125550164', match: '3125550164' },
        { text: '电话 (415) 555-0132', match: '(415) 555-0132' },
      ],
      negative: [
        { text: 'Order #1029384756 has shipped.' },
        { text: 'created_at: 1700000000' },
        { text: 'Invoice 4155550132 is due next week.' },
        { text: 'Dial 123-456-7890 for nothing.' },
        { text: 'ISBN 978-0-306-40615-7' },
      ],
    },
  },
  {
    entity: 'PHONE',
    description: 'International phone number in + notation (calling code other than +1, 8-15 digits).',
    groups: ['pii'],
    validator: 'PHONE_INTL',
    patterns: [
      // +1 is left to the NANP detector. Up to two separators between digits: "+44 (0) 20 7946 0958".
      { pattern: String.raw`\+[2-9](?:[ .()\-]{0,2}\d){7,14}\b`, score: 0.6 },
    ],
    contextWords: PHONE_CONTEXT,
    examples: {
      positive: [
        { text: 'Ring +44 20 7946 0958 before noon.', match: '+44 20 7946 0958' },
        { text: 'Tel.: +49 30 12345678', match: '+49 30 12345678' },
        { text: 'Portable : +33 6 12 34 56 78.', match: '+33 6 12 34 56 78' },
        { text: 'Mobile +61 2 5550 1234', match: '+61 2 5550 1234' },
        { text: '携帯 +81 3-5550-1234', match: '+81 3-5550-1234' },
      ],
      negative: [
        { text: 'Temperature rose +2.5 degrees' },
        { text: 'Score: 5 +3 = 8' },
        { text: 'Prefix +49 30 only' },
      ],
    },
  },
  {
    entity: 'CREDIT_CARD',
    description: 'Payment card number (13-19 digits, spaces or dashes allowed); Luhn, issuer prefix and length checked.',
    groups: ['pci', 'pii'],
    validator: 'CREDIT_CARD',
    checksum: true,
    patterns: [
      // 4-4-4-4 (and 13-15 digit cards printed 4-4-4-x) with separators, Amex/Diners 4-6-5 / 4-6-4
      // with separators, and the unseparated form.
      { pattern: String.raw`\b\d{4}[ \-]\d{4}[ \-]\d{4}[ \-]\d{1,4}\b`, score: 0.6 },
      { pattern: String.raw`\b3\d{3}[ \-]\d{6}[ \-]\d{4,5}\b`, score: 0.6 },
      { pattern: String.raw`\b\d{13,19}\b`, score: 0.6 },
    ],
    contextWords: [
      'card', 'credit', 'debit', 'visa', 'mastercard', 'amex', 'cc', 'pan',
      'karte', 'kreditkarte', 'carte', 'crédit', 'tarjeta', 'crédito', 'credito', 'carta', 'cartão', 'kaart', 'creditcard',
    ],
    examples: {
      positive: [
        { text: 'Card: 4111 1111 1111 1111 exp 12/29', match: '4111 1111 1111 1111' },
        { text: 'Mastercard 5555-5555-5555-4444', match: '5555-5555-5555-4444' },
        { text: 'amex 378282246310005', match: '378282246310005' },
        { text: 'Amex: 3782 822463 10005.', match: '3782 822463 10005' },
        { text: '信用卡 2223003122003222', match: '2223003122003222' },
        { text: 'Visa 4012888888881881', match: '4012888888881881' },
      ],
      negative: [
        { text: 'Order 4111111111111112 confirmed' },
        { text: 'Serial 1234 5678 9012 3456' },
        { text: 'Tracking 1234567812345678' },
        { text: 'Card 4111 1111 1111' },
      ],
    },
  },
  {
    entity: 'IBAN',
    description: 'International Bank Account Number, compact or printed in groups of four; country length and mod-97 checked.',
    groups: ['pci', 'pii'],
    validator: 'IBAN',
    checksum: true,
    patterns: [
      { pattern: String.raw`\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b`, score: 0.6 },
      // Print form, groups of four separated by spaces (or dashes), then a shorter last group. When
      // the next word is swallowed ("… 7034 BIC GEBABEBB"), the longest match fails mod-97 and
      // the engine falls back to the longest shorter end that passes.
      { pattern: String.raw`\b[A-Z]{2}\d{2}(?:[ \-][A-Z0-9]{4}){2,7}(?:[ \-][A-Z0-9]{1,3})?\b`, score: 0.6 },
    ],
    contextWords: [
      'iban', 'bank', 'account', 'transfer', 'wire',
      'konto', 'kontonummer', 'bankverbindung', 'überweisung', 'compte', 'virement', 'cuenta', 'transferencia',
      'conto', 'bonifico', 'conta', 'rekening',
    ],
    examples: {
      positive: [
        { text: 'IBAN: DE89 3704 0044 0532 0130 00', match: 'DE89 3704 0044 0532 0130 00' },
        { text: 'Pay to GB82WEST12345698765432.', match: 'GB82WEST12345698765432' },
        { text: 'Virement sur FR76 3000 6000 0112 3456 7890 189', match: 'FR76 3000 6000 0112 3456 7890 189' },
        { text: 'rekening NL91ABNA0417164300', match: 'NL91ABNA0417164300' },
        { text: '账户 ES9121000418450200051332', match: 'ES9121000418450200051332' },
        { text: 'IBAN BE68 5390 0754 7034 BIC GEBABEBB', match: 'BE68 5390 0754 7034' },
        { text: 'Malta: MT84 MALT 0110 0001 2345 MTLC AST0 01S', match: 'MT84 MALT 0110 0001 2345 MTLC AST0 01S' },
      ],
      negative: [
        { text: 'IBAN DE89370400440532013001' },
        { text: 'IBAN GB82 WEST 1234 5698 7654 33' },
        { text: 'Part number AB12CDEF3456789012' },
      ],
    },
  },
  {
    entity: 'SWIFT_BIC',
    description: 'SWIFT/BIC bank code (8 or 11 characters, ISO country in positions 5-6); weak format, needs context.',
    groups: ['pci'],
    validator: 'SWIFT_BIC',
    patterns: [
      // Any 8- or 11-letter upper-case word fits: only a context word lifts it over the threshold.
      { pattern: String.raw`\b[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\b`, score: 0.3 },
    ],
    contextWords: ['swift', 'bic', 'bank', 'bankleitzahl', 'banque', 'banco', 'banca', 'bancaria', 'bancário'],
    examples: {
      positive: [
        { text: 'SWIFT: DEUTDEFF', match: 'DEUTDEFF' },
        { text: 'BIC COBADEFFXXX', match: 'COBADEFFXXX' },
        { text: 'Banque : BNPAFRPPXXX', match: 'BNPAFRPPXXX' },
        { text: 'código SWIFT CAIXESBBXXX', match: 'CAIXESBBXXX' },
      ],
      negative: [
        { text: 'CUSTOMER ABSOLUTE PRIORITY' },
        { text: 'swift code ABCD1234' },
        { text: 'SWIFT HELLOXYZ' },
        { text: 'bic: deutdeff' },
      ],
    },
  },
  {
    entity: 'IP_ADDRESS',
    description: 'IPv4 address (dotted quad, octets <= 255, no leading zeros).',
    groups: ['pii'],
    validator: 'IPV4',
    patterns: [{ pattern: String.raw`\b(?:\d{1,3}\.){3}\d{1,3}\b`, score: 0.6 }],
    contextWords: ['ipv4', ...IP_CONTEXT],
    examples: {
      positive: [
        { text: 'Client IP 203.0.113.42 was blocked.', match: '203.0.113.42' },
        { text: 'ssh root@192.168.1.10', match: '192.168.1.10' },
        { text: 'Version 1.2.3.4 is out', match: '1.2.3.4' },
        { text: '服务器 10.0.0.1', match: '10.0.0.1' },
      ],
      negative: [
        { text: 'Host 999.10.10.10 is invalid' },
        { text: 'Mask 10.0.0.256' },
        { text: 'Address 192.168.01.1' },
        { text: 'Release 1.2.3' },
      ],
    },
  },
  {
    entity: 'IP_ADDRESS',
    description: 'IPv6 address (full, compressed with ::, or with an embedded IPv4 tail).',
    groups: ['pii'],
    validator: 'IPV6',
    patterns: [
      // Starts with a group: 2001:db8::1, fe80::1ff:fe23:4567:890a, full 8-group form, ::ffff:1.2.3.4 tails.
      // Each group is whole (\b), an empty group only before a non-word character ("fe80::1text" is no
      // candidate), and a dotted tail is taken whole even when it is short, so the validator sees it.
      {
        pattern: String.raw`${IP6_START}[0-9A-Fa-f]{1,4}(?::(?:[0-9A-Fa-f]{1,4}\b|\B)){2,}${IP6_TAIL}`,
        lead: IP6_LEAD,
        score: 0.6,
      },
      // Starts with :: (not after a word character or ':', so C++ `ns::name` is no candidate).
      {
        pattern: String.raw`${IP6_START}::[0-9A-Fa-f]{1,4}\b(?::[0-9A-Fa-f]{1,4}\b)*${IP6_TAIL}`,
        lead: IP6_LEAD,
        score: 0.6,
      },
    ],
    contextWords: ['ipv6', ...IP_CONTEXT],
    examples: {
      positive: [
        { text: 'Listening on 2001:db8::8a2e:370:7334 now', match: '2001:db8::8a2e:370:7334' },
        { text: 'Full form 2001:0db8:85a3:0000:0000:8a2e:0370:7334.', match: '2001:0db8:85a3:0000:0000:8a2e:0370:7334' },
        { text: 'link-local fe80::1ff:fe23:4567:890a%eth0', match: 'fe80::1ff:fe23:4567:890a' },
        { text: 'mapped ::ffff:192.0.2.128', match: '::ffff:192.0.2.128' },
        { text: '地址 2001:db8::1', match: '2001:db8::1' },
      ],
      negative: [
        { text: 'Meeting at 12:30:45 sharp' },
        { text: 'MAC 00:1a:2b:3c:4d:5e' },
        { text: 'Invalid 2001:db8::1::2' },
        { text: 'Too long 1:2:3:4:5:6:7:8:9' },
        { text: 'C++ std::string and std::cout' },
      ],
    },
  },
  {
    entity: 'MAC_ADDRESS',
    description: 'MAC address: six hex pairs separated by : or -, or Cisco dotted form.',
    groups: ['pii'],
    validator: 'MAC_ADDRESS',
    patterns: [
      { pattern: String.raw`\b[0-9A-Fa-f]{2}(?:[:\-][0-9A-Fa-f]{2}){5}\b`, score: 0.6 },
      { pattern: String.raw`\b[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\b`, score: 0.6 },
    ],
    contextWords: ['mac', 'hardware', 'ethernet', 'wifi', 'wlan', 'bssid', 'device', 'adresse', 'dirección', 'indirizzo', 'endereço', 'adres'],
    fakes: ['00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff'],
    examples: {
      positive: [
        { text: 'MAC 00:1A:2B:3C:4D:5E registered', match: '00:1A:2B:3C:4D:5E' },
        { text: 'hw addr a4-5e-60-c2-19-7f', match: 'a4-5e-60-c2-19-7f' },
        { text: 'Cisco: 001a.2b3c.4d5e.', match: '001a.2b3c.4d5e' },
        { text: '设备 3c:22:fb:9a:10:c4', match: '3c:22:fb:9a:10:c4' },
      ],
      negative: [
        { text: 'broadcast ff:ff:ff:ff:ff:ff' },
        { text: 'Partial 00:1A:2B:3C:4D' },
        { text: 'At 12:34:56 the job ran' },
        { text: 'Not hex GG:HH:II:JJ:KK:LL' },
      ],
    },
  },
  {
    entity: 'URL',
    description: 'http(s)/ftp URL or www. address; stops at whitespace, quotes and trailing sentence punctuation.',
    groups: ['pii'],
    patterns: [
      // One pattern for both forms: the URL body stays live across most text, and each live URL
      // pattern doubles the states of everything matched inside it.
      { pattern: String.raw`\b(?:(?:https?|ftp)://|www\.[A-Za-z0-9\-]+\.)${URL_CHARS}*${URL_END}`, flags: 'i', score: 0.6 },
    ],
    contextWords: ['url', 'link', 'website', 'site', 'web', 'lien', 'enlace', 'collegamento', 'sitio', 'sito', 'webseite'],
    examples: {
      positive: [
        { text: 'See https://example.com/docs?q=1&lang=en.', match: 'https://example.com/docs?q=1&lang=en' },
        { text: '(mirror: ftp://ftp.example.org/pub/file.tar.gz)', match: 'ftp://ftp.example.org/pub/file.tar.gz' },
        { text: 'Visit www.example.co.uk/path, then log in.', match: 'www.example.co.uk/path' },
        { text: "link='HTTPS://Example.com/A_B#top'", match: 'HTTPS://Example.com/A_B#top' },
        { text: '访问 www.example.cn/path，谢谢', match: 'www.example.cn/path' },
      ],
      negative: [
        { text: 'The domain example.com is reserved' },
        { text: 'Broken http:/example.com link' },
        { text: 'the www is big' },
      ],
    },
  },
  {
    entity: 'CRYPTO_WALLET',
    description: 'Cryptocurrency address: Bitcoin base58check (1…, 3…), bech32 (bc1…), Ethereum EIP-55 (0x…).',
    groups: ['pii'],
    validator: 'CRYPTO_WALLET',
    checksum: true,
    patterns: [
      { pattern: String.raw`\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\b`, score: 0.6 },
      { pattern: String.raw`\bbc1[02-9ac-hj-np-z]{25,62}\b`, score: 0.6 },
      { pattern: String.raw`\bBC1[02-9AC-HJ-NP-Z]{25,62}\b`, score: 0.6 },
      { pattern: String.raw`\b0x[0-9a-fA-F]{40}\b`, score: 0.6 },
    ],
    contextWords: [
      'bitcoin', 'btc', 'ethereum', 'eth', 'wallet', 'crypto', 'address', 'usdt',
      'wallet-adresse', 'portefeuille', 'billetera', 'cartera', 'portafoglio', 'carteira', 'portemonnee',
    ],
    fakes: ['0x0000000000000000000000000000000000000000'],
    examples: {
      positive: [
        { text: 'Send BTC to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 please', match: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2' },
        { text: 'P2SH 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy.', match: '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy' },
        { text: 'segwit: bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', match: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' },
        { text: 'ETH 0x52908400098527886E0F7030069857D2E4169EE7', match: '0x52908400098527886E0F7030069857D2E4169EE7' },
        { text: '钱包 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', match: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
      ],
      negative: [
        { text: 'BTC 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3' },
        { text: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr' },
        { text: 'ETH 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeaED' },
        { text: 'burn address 0x0000000000000000000000000000000000000000' },
        { text: 'commit f2f18db526d0318147dda1860c0667bc5b6f703a' },
      ],
    },
  },
];
