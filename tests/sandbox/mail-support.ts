// What the mail sink's specs share: a sink of their own (spawned on free ports, one per worker) with a
// `send` over real SMTP, and the field names of Mailpit's API answers that the sink is held to.
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { test as base } from '@playwright/test';
import { spawnMailSink, type SpawnedSink } from '../../lib/mail/spawn-sink.ts';

export type Send = (mail: SendMailOptions) => Promise<{ messageId: string }>;

/** `sink`: a mail sink for the worker; `send`: mail to it over SMTP, from "Sandbox <do.not.reply@…>". */
export const sinkTest = base.extend<{ send: Send }, { sink: SpawnedSink }>({
  sink: [
    async ({}, use) => {
      const sink = await spawnMailSink();
      await use(sink);
      await sink.stop();
    },
    { scope: 'worker' },
  ],
  send: async ({ sink }, use) => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.smtpPort, secure: false });
    await use(async (mail) => transport.sendMail({ from: 'Sandbox <do.not.reply@sandbox.test>', ...mail }));
    transport.close();
  },
});

// Mailpit's field names, from its swagger definitions (not from our code), each list sorted.

/** MessagesSummary: the answer to listing and searching. */
export const LIST_FIELDS = [
  'count',
  'messages',
  'messages_count',
  'messages_unread',
  'start',
  'tags',
  'total',
  'unread',
];

/** MessageSummary: one message in a list, and the Data of the websocket's "new" event. */
export const ITEM_FIELDS = [
  'Attachments',
  'Bcc',
  'Cc',
  'Created',
  'From',
  'ID',
  'MessageID',
  'Read',
  'ReplyTo',
  'Size',
  'Snippet',
  'Subject',
  'Tags',
  'To',
  'Username',
];

/** Message: one message in full. */
export const MESSAGE_FIELDS = [
  'Attachments',
  'Bcc',
  'Cc',
  'Date',
  'From',
  'HTML',
  'ID',
  'Inline',
  'ListUnsubscribe',
  'MessageID',
  'ReplyTo',
  'ReturnPath',
  'Size',
  'Subject',
  'Tags',
  'Text',
  'To',
  'Username',
];

/** Attachment. */
export const ATTACHMENT_FIELDS = ['Checksums', 'ContentID', 'ContentType', 'FileName', 'PartID', 'Size'];

/** AppInformation, and its RuntimeStats. */
export const INFO_FIELDS = [
  'Database',
  'DatabaseSize',
  'LatestVersion',
  'Messages',
  'RuntimeStats',
  'Tags',
  'Unread',
  'Version',
];
export const RUNTIME_FIELDS = [
  'Memory',
  'MessagesDeleted',
  'SMTPAccepted',
  'SMTPAcceptedSize',
  'SMTPIgnored',
  'SMTPRejected',
  'Uptime',
];
