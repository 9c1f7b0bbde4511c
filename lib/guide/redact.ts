// Keeps secrets out of step titles, error messages and the report: one-time codes, emergency codes,
// authenticator keys, token links, and any value a test declares secret.

const PATTERNS: [RegExp, string][] = [
  // Links that carry a token.
  [/(https?:\/\/[^\s?#]+[?#][^\s]*?\b(?:token|code|key|secret|ticket|otp|sig|state)=)[^\s&#]+/gi, '$1•••'],
  [/(https?:\/\/[^\s]*\/(?:activate|reset|verify|link|magic|invite)[^\s]*\/)[A-Za-z0-9_-]{12,}/gi, '$1•••'],
  // Emergency codes XXXX-XXXX-XXXX-XXXX-XXXX.
  [/\b[A-Z0-9]{4}(?:-[A-Z0-9]{4}){2,}\b/g, '••••-••••-••••'],
  // Authenticator keys (base32), possibly grouped in fours.
  [/\b[A-Z2-7]{4}(?: ?[A-Z2-7]{4}){3,}\b/g, '•••• (key)'],
  // 6–8 digit one-time codes.
  [/(?<![\d+])\d{6,8}(?!\d)/g, '••••••'],
];

/** Replaces known secret shapes and the given values by dots. */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 3) out = out.split(secret).join('•••');
  }
  for (const [re, by] of PATTERNS) out = out.replace(re, by);
  return out;
}
