// Words of electronic ID (ID-porten/BankID simulator, linking in Account Settings, "Sign in as", tenant
// errors). Keys start with `eid.`; nb must have every en key.
export const eidEn = {} as const;

export const eidNb: Record<keyof typeof eidEn, string> = {};
