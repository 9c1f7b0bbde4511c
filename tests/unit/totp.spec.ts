import { expect, test } from '@playwright/test';
import { codeAt, codeForStep, OtpAuthError, parseOtpAuthUri, timeStep, TotpDevice } from '../../lib/totp.ts';

// RFC 6238 appendix B: the ASCII secrets "1234567890" repeated to 20, 32 and 64 bytes, in base32.
const RFC_SHA1 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_SHA256 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA';
const RFC_SHA512 =
  'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA';

test.describe('otpauth URI parsing', () => {
  test('reads issuer, account and defaults from a typical enrolment URI', () => {
    const auth = parseOtpAuthUri(
      'otpauth://totp/Visma%20Connect:kari%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Visma%20Connect',
    );
    expect(auth).toEqual({
      issuer: 'Visma Connect',
      account: 'kari@example.com',
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'sha1',
      digits: 6,
      period: 30,
    });
  });

  test('takes the issuer from the label when there is no issuer parameter', () => {
    expect(parseOtpAuthUri('otpauth://totp/ACME:ola?secret=JBSWY3DPEHPK3PXP').issuer).toBe('ACME');
  });

  test('rejects a malformed URI', () => {
    expect(() => parseOtpAuthUri('https://example.com/?secret=JBSWY3DPEHPK3PXP')).toThrow(
      /does not start with otpauth:\/\//,
    );
    expect(() => parseOtpAuthUri('otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1')).toThrow(
      /only time-based/,
    );
    expect(() => parseOtpAuthUri('otpauth://totp/?secret=JBSWY3DPEHPK3PXP')).toThrow(OtpAuthError);
  });

  test('rejects a missing secret', () => {
    expect(() => parseOtpAuthUri('otpauth://totp/ACME:ola?issuer=ACME')).toThrow(
      /secret parameter is missing/,
    );
  });

  test('rejects a secret that is not base32', () => {
    expect(() => parseOtpAuthUri('otpauth://totp/ACME:ola?secret=JBSWY3DPEHPK3PX1')).toThrow(/not base32/);
    expect(() => parseOtpAuthUri('otpauth://totp/ACME:ola?secret=hello%21world')).toThrow(/not base32/);
  });

  test('rejects an issuer parameter that contradicts the label', () => {
    expect(() => parseOtpAuthUri('otpauth://totp/ACME:ola?secret=JBSWY3DPEHPK3PXP&issuer=Other')).toThrow(
      /disagree/,
    );
  });

  test('reads SHA256, 8 digits and a 60 s period', () => {
    const auth = parseOtpAuthUri(
      `otpauth://totp/ACME:ola?secret=${RFC_SHA256}&algorithm=SHA256&digits=8&period=60`,
    );
    expect(auth.algorithm).toBe('sha256');
    expect(auth.digits).toBe(8);
    expect(auth.period).toBe(60);
  });

  test('rejects unsupported digits, algorithms and periods', () => {
    expect(() => parseOtpAuthUri('otpauth://totp/a:b?secret=JBSWY3DPEHPK3PXP&digits=9')).toThrow(
      OtpAuthError,
    );
    expect(() => parseOtpAuthUri('otpauth://totp/a:b?secret=JBSWY3DPEHPK3PXP&algorithm=MD5')).toThrow(
      /algorithm/,
    );
    expect(() => parseOtpAuthUri('otpauth://totp/a:b?secret=JBSWY3DPEHPK3PXP&period=0')).toThrow(
      OtpAuthError,
    );
  });
});

test.describe('code generation (RFC 6238 test vectors)', () => {
  const at = (seconds: number) => seconds * 1000;

  test('SHA1, 8 digits', () => {
    const auth = parseOtpAuthUri(`otpauth://totp/rfc:sha1?secret=${RFC_SHA1}&digits=8`);
    expect(codeAt(auth, at(59))).toBe('94287082');
    expect(codeAt(auth, at(1111111109))).toBe('07081804');
    expect(codeAt(auth, at(20000000000))).toBe('65353130');
  });

  test('SHA256 and SHA512, 8 digits', () => {
    const sha256 = parseOtpAuthUri(`otpauth://totp/rfc:a?secret=${RFC_SHA256}&digits=8&algorithm=SHA256`);
    const sha512 = parseOtpAuthUri(`otpauth://totp/rfc:b?secret=${RFC_SHA512}&digits=8&algorithm=SHA512`);
    expect(codeAt(sha256, at(59))).toBe('46119246');
    expect(codeAt(sha512, at(59))).toBe('90693936');
    expect(codeAt(sha256, at(1234567890))).toBe('91819424');
  });

  test('6 digits are the last six of the 8-digit value', () => {
    const auth = parseOtpAuthUri(`otpauth://totp/rfc:six?secret=${RFC_SHA1}`);
    expect(codeAt(auth, at(1111111109))).toBe('081804');
  });

  test('a 60 s period puts 0 s and 59 s in one step and 60 s in the next', () => {
    const auth = parseOtpAuthUri(`otpauth://totp/rfc:p?secret=${RFC_SHA1}&period=60`);
    expect(timeStep(auth, at(59))).toBe(0);
    expect(timeStep(auth, at(60))).toBe(1);
    expect(codeAt(auth, at(59))).toBe(codeForStep(auth, 0));
    expect(codeAt(auth, at(60))).not.toBe(codeAt(auth, at(59)));
  });
});

test.describe('a simulated authenticator', () => {
  const auth = parseOtpAuthUri(`otpauth://totp/rfc:dev?secret=${RFC_SHA1}&digits=8`);

  test('hands out the next time step’s code after one was used, without waiting', () => {
    const device = new TotpDevice(auth, () => 59_000);
    expect(device.code()).toBe('94287082'); // step 1 (t = 59 s)
    expect(device.code()).toBe(codeForStep(auth, 2));
    expect(device.code()).toBe(codeForStep(auth, 3));
  });

  test('a phone whose clock is off gives the codes of another time step', () => {
    const skewed = new TotpDevice(auth, () => 59_000, 2);
    expect(skewed.code()).toBe(codeForStep(auth, 3));
  });
});
