// V8 RegExp sources for the nine labelled entities: what a careful hand-written regex redactor uses.
// CREDIT_CARD and IBAN matches are checked in JS (Luhn, mod-97) by the engines.
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;

export const PATTERNS = {
  EMAIL: String.raw`\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}\b`,
  PHONE:
    String.raw`(?:\+1[ .\-]?)?(?:\([2-9]\d{2}\)[ .\-]?|\b[2-9]\d{2}[ .\-])[2-9]\d{2}[ .\-]\d{4}\b` +
    String.raw`|\+1[2-9]\d{2}[2-9]\d{6}\b` +
    String.raw`|\+[2-9]\d{0,2}(?:[ .\-]?\(0\))?(?:[ .\-]?\d){6,13}\b`,
  CREDIT_CARD: String.raw`\b(?:\d{4}[ \-]?){3}\d{1,7}\b|\b3[47]\d{2}[ \-]?\d{6}[ \-]?\d{5}\b`,
  US_SSN: String.raw`\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b`,
  IP_ADDRESS: String.raw`\b(?:${OCTET}\.){3}${OCTET}\b`,
  IBAN: String.raw`\b[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)\b`,
  AWS_ACCESS_KEY: String.raw`\b(?:AKIA|ASIA)[A-Z0-9]{16}\b`,
  GITHUB_TOKEN: String.raw`\bgh[pousr]_[A-Za-z0-9]{36}\b`,
  JWT: String.raw`\beyJ[A-Za-z0-9_\-]*\.eyJ[A-Za-z0-9_\-]*\.[A-Za-z0-9_\-]*`,
};
