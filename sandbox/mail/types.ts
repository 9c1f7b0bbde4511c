// Types the mail sink's parts share. Kept apart from index.ts (which assembles the parts) so that no part
// has to import the assembly to learn a type.

export interface Envelope {
  mailFrom: string;
  rcptTo: string[];
  username: string;
}

/** Stores one received message (from SMTP or POST /api/v1/send) and returns its ID. */
export type Ingest = (
  raw: Buffer,
  envelope: Envelope & { origin: 'smtp' | 'api'; remote?: string },
) => Promise<string>;

export interface RuntimeStats {
  started: number;
  accepted: number;
  acceptedSize: number;
  rejected: number;
  deleted: number;
}
