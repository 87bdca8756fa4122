import type { DateFieldKind, PriorityLevel } from './note';

/**
 * The Obsidian Tasks emoji, in one place: the parser reads them, the edits write them, the rules and
 * the views name them.
 */
export const PRIORITY_EMOJI: Readonly<Record<PriorityLevel, string>> = {
  highest: '🔺',
  high: '⏫',
  medium: '🔼',
  low: '🔽',
  lowest: '⏬',
};

export const DATE_EMOJI: Readonly<Record<DateFieldKind, string>> = {
  due: '📅',
  scheduled: '⏳',
  start: '🛫',
  created: '➕',
  done: '✅',
  cancelled: '❌',
};

function inverse<K extends string>(table: Readonly<Record<K, string>>): Readonly<Record<string, K>> {
  const out: Record<string, K> = {};
  for (const [key, emoji] of Object.entries(table) as [K, string][]) out[emoji] = key;
  return out;
}

/** Emoji → priority level. */
export const PRIORITY_BY_EMOJI = inverse(PRIORITY_EMOJI);
/** Emoji → date field kind. */
export const DATE_KIND_BY_EMOJI = inverse(DATE_EMOJI);

/** The date emoji as a list for messages: `📅 ⏳ 🛫 ➕ ✅ ❌`. */
export const DATE_EMOJI_LIST = Object.values(DATE_EMOJI).join(' ');
