// Words of two-step verification (enrolment wizard, challenge, method list, emergency code, passkeys).
// Keys start with `tfa.`; nb must have every en key.
export const twofactorEn = {} as const;

export const twofactorNb: Record<keyof typeof twofactorEn, string> = {};
