// Finds calendar dates written in a guide ("July 1, 2026", "1. juli 2026", "01.07.2026", "2026-07-01"),
// in English, Norwegian and Dutch, the languages the guides come in.

const MONTHS: Record<string, number> = {};
const addMonths = (names: string[][]): void => {
  names.forEach((aliases, index) => {
    for (const name of aliases) MONTHS[name] = index;
  });
};
addMonths([
  ['january', 'jan', 'januar', 'januari'],
  ['february', 'feb', 'februar', 'februari'],
  ['march', 'mar', 'mars', 'maart', 'mrt'],
  ['april', 'apr'],
  ['may', 'mai', 'mei'],
  ['june', 'jun', 'juni'],
  ['july', 'jul', 'juli'],
  ['august', 'aug', 'augustus'],
  ['september', 'sep', 'sept'],
  ['october', 'oct', 'oktober', 'okt'],
  ['november', 'nov'],
  ['december', 'dec', 'desember', 'des'],
]);

const MONTH = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const PATTERNS: { re: RegExp; pick: (m: RegExpExecArray) => [number, number, number] | undefined }[] = [
  // July 1, 2026 / Jul 1st 2026
  {
    re: new RegExp(`\\b(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'giu'),
    pick: (m) => [Number(m[3]), MONTHS[m[1]!.toLowerCase()] ?? -1, Number(m[2])],
  },
  // 1 July 2026 / 1. juli 2026 / 15 mar 2021
  {
    re: new RegExp(`\\b(\\d{1,2})\\.?\\s+(${MONTH})\\.?,?\\s+(\\d{4})\\b`, 'giu'),
    pick: (m) => [Number(m[3]), MONTHS[m[2]!.toLowerCase()] ?? -1, Number(m[1])],
  },
  // 2026-07-01
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, pick: (m) => [Number(m[1]), Number(m[2]) - 1, Number(m[3])] },
  // 01.07.2026 / 1/7/2026 (day first, as written in Europe)
  {
    re: /\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b/g,
    pick: (m) => [Number(m[3]), Number(m[2]) - 1, Number(m[1])],
  },
];

export interface FoundDate {
  /** The date as written. */
  text: string;
  index: number;
  /** Midnight UTC of that day. */
  date: Date;
}

/** Every date in `text`, in order of appearance; impossible dates (31 February) are left out. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const { re, pick } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const ymd = pick(m);
      if (!ymd) continue;
      const [y, mo, d] = ymd;
      const date = new Date(Date.UTC(y, mo, d));
      if (mo < 0 || mo > 11 || date.getUTCDate() !== d || date.getUTCMonth() !== mo) continue;
      if (found.some((f) => m.index < f.index + f.text.length && f.index < m.index + m[0].length)) continue;
      found.push({ text: m[0], index: m.index, date });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** True when the whole string is a date (give or take punctuation): a quoted date is not UI. */
export function isDate(text: string): boolean {
  const t = text.trim().replace(/[.,;:]+$/, '');
  const [first] = findDates(t);
  return first !== undefined && first.index === 0 && first.text.length >= t.length - 1;
}
