// What the report says about a step's picture when it shows none of the step's quoted words.
import { expect, test } from '@playwright/test';
import { pictureNote } from '../../lib/guide/session.ts';

const ui = { kind: 'ui' as const };
const onPage = { kind: 'ui' as const, surface: 'page' as const };
const inMail = { kind: 'ui' as const, surface: 'mail' as const };
const sender = { kind: 'email' as const, surface: 'mail' as const };
const address = { kind: 'url' as const };

test('a picture that shows a quoted word needs no note; one that shows none says why', () => {
  expect(pictureNote([onPage], ['Next'], false)).toBeUndefined();
  expect(pictureNote([onPage], undefined, false)).toBe('no picture: no page was open during the step');
  expect(pictureNote([], [], false)).toBe('the step quotes no words of a screen');
  expect(pictureNote([address], [], false)).toBe('the step quotes no words of a screen, only: url');
});

test('a screen word the picture missed is said as it is, not explained away', () => {
  expect(pictureNote([onPage], [], false)).toBe(
    'none of the quoted words was on screen when the step was pictured',
  );
  // Not yet checked (the check off): still a word of a screen.
  expect(pictureNote([ui, sender], [], true)).toBe(
    'none of the quoted words was on screen when the step was pictured',
  );
});

test("a step about a mail (its sender, the mail's button) says its words are checked in the mail", () => {
  const note = 'the step is about a mail: its words are checked in the mail (listed with the step)';
  expect(pictureNote([sender, inMail], [], true)).toBe(note);
  expect(pictureNote([sender], [], false)).toBe(note);
});
