// The person's authenticator app, minus the phone: reads an otpauth:// URI (from a QR code or typed key)
// and produces time-based codes (RFC 6238) with otplib. Time steps are explicit, so a test that has used
// one code can take the next step's code without waiting for the clock.
import { parse as parseUri } from '@otplib/uri';
import { createGuardrails, generateSync } from 'otplib';

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface OtpAuth {
  /** The service that issued the key, e.g. "Visma Connect" (from the issuer parameter or label prefix). */
  issuer?: string;
  /** The account the key belongs to, e.g. the person's email. */
  account: string;
  /** Base32 secret, upper case, no padding or spaces. */
  secret: string;
  algorithm: TotpAlgorithm;
  digits: 6 | 7 | 8;
  /** Seconds per time step. */
  period: number;
}

export class OtpAuthError extends Error {
  constructor(message: string) {
    super(`otpauth URI: ${message}`);
    this.name = 'OtpAuthError';
  }
}

// Authenticator apps accept 80-bit keys (16 base32 characters); otplib's default floor is 128 bits.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });
const BASE32 = /^[A-Z2-7]+=*$/;

/** Normalises a key as people type or copy it: spaces and dashes removed, upper case. */
export function normaliseSecret(secret: string): string {
  return secret.replace(/[\s-]/g, '').toUpperCase();
}

/** Validates a base32 key; returns the normalised key or throws OtpAuthError naming the problem. */
export function validateSecret(secret: string): string {
  const s = normaliseSecret(secret);
  if (s === '') throw new OtpAuthError('the secret is empty');
  if (!BASE32.test(s))
    throw new OtpAuthError('the secret is not base32 (only the letters A–Z and digits 2–7)');
  const bytes = Math.floor((s.replace(/=+$/, '').length * 5) / 8);
  if (bytes < 10) throw new OtpAuthError(`the secret is too short (${bytes * 8} bits; at least 80 needed)`);
  return s.replace(/=+$/, '');
}

/** Parses and validates an otpauth://totp/ URI. Throws OtpAuthError with the reason. */
export function parseOtpAuthUri(uri: string): OtpAuth {
  const text = uri.trim();
  if (!/^otpauth:\/\//i.test(text))
    throw new OtpAuthError(`does not start with otpauth:// (got "${text.slice(0, 20)}…")`);
  if (!/^otpauth:\/\/totp\//i.test(text))
    throw new OtpAuthError('only time-based keys (otpauth://totp/) are supported');
  const query = new URL(text.replace(/^otpauth:/i, 'http:')).searchParams;
  if (!query.get('secret')) throw new OtpAuthError('the secret parameter is missing');
  const secret = validateSecret(query.get('secret') ?? '');

  let parsed;
  try {
    parsed = parseUri(text.replace(/secret=[^&]*/i, `secret=${secret}`));
  } catch (error) {
    throw new OtpAuthError((error as Error).message);
  }
  const { params } = parsed;
  const label = parsed.label;
  const colon = label.indexOf(':');
  const labelIssuer = colon >= 0 ? label.slice(0, colon).trim() : undefined;
  const account = (colon >= 0 ? label.slice(colon + 1) : label).trim();
  if (!account) throw new OtpAuthError('the label names no account');
  if (params.issuer && labelIssuer && params.issuer !== labelIssuer) {
    throw new OtpAuthError(
      `the issuer parameter ("${params.issuer}") and the label ("${labelIssuer}") disagree`,
    );
  }
  const digits = params.digits ?? 6;
  if (digits !== 6 && digits !== 7 && digits !== 8)
    throw new OtpAuthError(`digits must be 6, 7 or 8 (got ${digits})`);
  const period = params.period ?? 30;
  if (!Number.isInteger(period) || period < 1 || period > 3600) {
    throw new OtpAuthError(`period must be a whole number of seconds from 1 to 3600 (got ${period})`);
  }
  return {
    issuer: params.issuer ?? labelIssuer,
    account,
    secret,
    algorithm: params.algorithm ?? 'sha1',
    digits,
    period,
  };
}

/** The time step (counter) that a moment falls in. */
export function timeStep(auth: Pick<OtpAuth, 'period'>, atMs: number = Date.now()): number {
  return Math.floor(atMs / 1000 / auth.period);
}

/** The code for one time step. */
export function codeForStep(auth: OtpAuth, step: number): string {
  return generateSync({
    secret: auth.secret,
    algorithm: auth.algorithm,
    digits: auth.digits,
    period: auth.period,
    epoch: step * auth.period,
    guardrails,
  });
}

/** The code shown at a moment (default: now). */
export function codeAt(auth: OtpAuth, atMs: number = Date.now()): string {
  return codeForStep(auth, timeStep(auth, atMs));
}

/**
 * An authenticator entry that remembers which time steps it has handed out, so a second code in one
 * test is the next step's code (which a server accepting ±1 step takes) rather than a repeat.
 */
export class TotpDevice {
  private lastStep = -Infinity;

  constructor(
    readonly auth: OtpAuth,
    private readonly now: () => number = Date.now,
    /** Clock skew of the simulated phone, in time steps (a phone whose clock is off). */
    readonly skewSteps = 0,
  ) {}

  /** A code not handed out before: the current step's, or the step after the last one used. */
  code(): string {
    const step = Math.max(timeStep(this.auth, this.now()) + this.skewSteps, this.lastStep + 1);
    this.lastStep = step;
    return codeForStep(this.auth, step);
  }
}
