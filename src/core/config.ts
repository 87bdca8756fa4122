/**
 * The `meetingNotes.*` settings: one typed schema shared by the CLI (which reads them from a vault's
 * .vscode/settings.json) and the extension (which reads them from VS Code's configuration).
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export type TaskStatusKind = 'proposed' | 'open' | 'in-progress' | 'done' | 'cancelled' | 'deferred';
export const TASK_STATUS_KINDS: readonly TaskStatusKind[] = ['proposed', 'open', 'in-progress', 'done', 'cancelled', 'deferred'];
/** What a status character may mean: a kind of task, or "not a task" (a checkbox for pros and cons, say). */
export type StatusSetting = TaskStatusKind | 'non-task';
const STATUS_SETTINGS: readonly string[] = [...TASK_STATUS_KINDS, 'non-task'];

export interface MeetingNotesConfig {
  /** The vault owner's own name: what `@Myself` stands for. */
  owner: string;
  /** Known people besides the person notes. */
  people: string[];
  /** Folder (relative to the vault root) where new person notes are created. */
  peopleFolder: string;
  /** Glob patterns of files and folders to leave out, relative to the vault root. */
  exclude: string[];
  /** Per-rule severity override, or "off". */
  rules: Record<string, SeveritySetting>;
  /** Frontmatter fields each note `type` must have. */
  requiredFields: Record<string, string[]>;
  /** Frontmatter fields that must be YAML lists. */
  listFields: string[];
  /** Task status character to status kind; "non-task" items are not tasks at all. */
  taskStatuses: Record<string, StatusSetting>;
  /** Files larger than this many bytes are reported and skipped. */
  maxFileSize: number;
  /** Editor only: whether the status bar counts the workspace's tasks or the active note's. */
  statusBarScope: 'workspace' | 'activeNote';
}

const DEFAULTS: MeetingNotesConfig = {
  owner: '',
  people: [],
  peopleFolder: 'People',
  exclude: [],
  rules: {},
  requiredFields: {
    people: ['title', 'date', 'person', 'participants'],
    meeting: ['title', 'date', 'participants'],
    customer: ['title', 'date', 'participants'],
    project: ['title', 'date', 'participants'],
  },
  listFields: ['participants', 'tags', 'aliases'],
  taskStatuses: {
    '?': 'proposed',
    ' ': 'open',
    '/': 'in-progress',
    x: 'done',
    X: 'done',
    '-': 'cancelled',
    '>': 'deferred',
  },
  maxFileSize: 1024 * 1024,
  statusBarScope: 'workspace',
};
export const DEFAULT_CONFIG: Readonly<MeetingNotesConfig> = Object.freeze(DEFAULTS);

type Check<T> = (value: unknown) => T | undefined;

const isStringArray: Check<string[]> = (v) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : undefined);
const isString: Check<string> = (v) => (typeof v === 'string' ? v : undefined);
const isPositiveNumber: Check<number> = (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

const isRuleMap: Check<Record<string, SeveritySetting>> = (v) => {
  if (!isPlainObject(v)) return undefined;
  return Object.values(v).every((s) => typeof s === 'string' && SEVERITIES.has(s)) ? (v as Record<string, SeveritySetting>) : undefined;
};
const isFieldMap: Check<Record<string, string[]>> = (v) => {
  if (!isPlainObject(v)) return undefined;
  return Object.values(v).every((list) => isStringArray(list) !== undefined) ? (v as Record<string, string[]>) : undefined;
};
const isStatusMap: Check<Record<string, StatusSetting>> = (v) => {
  if (!isPlainObject(v)) return undefined;
  const ok = Object.entries(v).every(([char, kind]) => [...char].length === 1 && typeof kind === 'string' && STATUS_SETTINGS.includes(kind));
  return ok ? (v as Record<string, StatusSetting>) : undefined;
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface SettingSpec<K extends keyof MeetingNotesConfig> {
  check: Check<MeetingNotesConfig[K]>;
  expected: string;
  /** Object settings merge over the defaults so that one override does not drop the rest. */
  merge?: boolean;
}

const SPECS: { [K in keyof MeetingNotesConfig]: SettingSpec<K> } = {
  owner: { check: isString, expected: 'a string' },
  people: { check: isStringArray, expected: 'an array of strings' },
  peopleFolder: { check: isString, expected: 'a string' },
  exclude: { check: isStringArray, expected: 'an array of glob strings' },
  rules: { check: isRuleMap, expected: 'an object of rule code to "error", "warning", "info", "hint" or "off"', merge: true },
  requiredFields: { check: isFieldMap, expected: 'an object of note type to an array of field names', merge: true },
  listFields: { check: isStringArray, expected: 'an array of strings' },
  taskStatuses: { check: isStatusMap, expected: `an object of one character to one of ${STATUS_SETTINGS.join(', ')}`, merge: true },
  maxFileSize: { check: isPositiveNumber, expected: 'a positive number of bytes' },
  statusBarScope: { check: (v) => (v === 'workspace' || v === 'activeNote' ? v : undefined), expected: '"workspace" or "activeNote"' },
};

/** Folders never searched for notes: version control, editor and Obsidian state, dependencies, trash. */
export const SKIPPED_FOLDERS: readonly string[] = ['.git', '.obsidian', '.vscode', 'node_modules', '.trash'];

/** Whether a vault-relative path (with / separators) lies in one of the skipped folders. */
export function inSkippedFolder(relPath: string): boolean {
  return relPath.split('/').some((segment) => SKIPPED_FOLDERS.includes(segment));
}

export const SETTING_KEYS = Object.keys(SPECS) as (keyof MeetingNotesConfig)[];

export interface ResolvedConfig {
  config: MeetingNotesConfig;
  /** One message per setting that had the wrong shape and fell back to its default. */
  problems: string[];
}

export interface ResolveOptions {
  /**
   * Every rule code there is (the rules' and the Obsidian Tasks one's; passed in, as the rules import
   * this module). Given, a `meetingNotes.rules` entry for any other code is reported and left out.
   */
  ruleCodes?: readonly string[];
}

/**
 * Builds a config from raw values keyed by setting name without the `meetingNotes.` prefix. Values of
 * the wrong shape are reported and replaced by the default, never silently dropped. The values are
 * looked at one level deep, never walked: a value nested thousands deep is only a wrong shape.
 */
export function resolveConfig(raw: Readonly<Record<string, unknown>>, options: ResolveOptions = {}): ResolvedConfig {
  const problems: string[] = [];
  const config = structuredClone(DEFAULT_CONFIG) as MeetingNotesConfig;
  for (const key of SETTING_KEYS) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    const spec = SPECS[key] as SettingSpec<typeof key>;
    let checked = spec.check(value);
    if (checked === undefined) {
      problems.push(`meetingNotes.${key} should be ${spec.expected}; using the default`);
      continue;
    }
    if (key === 'rules' && options.ruleCodes) checked = knownRulesOnly(checked as MeetingNotesConfig['rules'], options.ruleCodes, problems);
    if (spec.merge) {
      (config as unknown as Record<string, unknown>)[key] = { ...(config[key] as object), ...(checked as object) };
    } else {
      (config as unknown as Record<string, unknown>)[key] = checked;
    }
  }
  return { config, problems };
}

/** A rules setting without the codes no rule has, each reported with the code it most likely meant. */
function knownRulesOnly(rules: Record<string, SeveritySetting>, ruleCodes: readonly string[], problems: string[]): Record<string, SeveritySetting> {
  const known: Record<string, SeveritySetting> = {};
  const unknown: string[] = [];
  for (const [code, severity] of Object.entries(rules)) {
    if (ruleCodes.includes(code)) known[code] = severity;
    else unknown.push(code);
  }
  for (const code of unknown.slice(0, MAX_UNKNOWN_RULES_SAID)) {
    const likely = code.length <= 64 ? closest(code, ruleCodes) : undefined;
    const shown = JSON.stringify(code.length > 64 ? `${code.slice(0, 64)}…` : code).slice(1, -1); // control characters escaped
    problems.push(`meetingNotes.rules: there is no rule '${shown}'${likely ? ` (did you mean '${likely}'?)` : ''}; it is ignored`);
  }
  if (unknown.length > MAX_UNKNOWN_RULES_SAID) problems.push(`meetingNotes.rules: ${unknown.length - MAX_UNKNOWN_RULES_SAID} more codes that are no rule are ignored`);
  return known;
}

/** Unknown rule codes named one by one; past these, only counted. */
const MAX_UNKNOWN_RULES_SAID = 10;

/** The candidate a typo most likely stands for: within two edits (or a quarter of its length). */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance (rule codes are short, so the quadratic table is nothing). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Picks `meetingNotes.*` keys out of a flat settings object (as in .vscode/settings.json), prefix removed. */
export function pickMeetingNotesSettings(settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (key.startsWith('meetingNotes.')) out[key.slice('meetingNotes.'.length)] = value;
  }
  const nested = settings['meetingNotes'];
  if (isPlainObject(nested)) Object.assign(out, nested);
  return out;
}
