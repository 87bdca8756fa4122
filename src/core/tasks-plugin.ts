import type { MeetingNotesConfig, StatusSetting } from './config';
import type { IssueInfo } from './indexed-note';
import { LineIndex, stripBom } from './text';

/**
 * The Obsidian Tasks plugin's settings, where its statuses (custom checkboxes) live, relative to the
 * vault root. Most users of this note format run that plugin; its statuses are theirs too.
 */
export const TASKS_PLUGIN_SETTINGS = '.obsidian/plugins/obsidian-tasks-plugin/data.json';

/** The rule code of the one finding about these settings: proposals that Obsidian Tasks counts as open. */
export const TASKS_PLUGIN_PROPOSALS = 'tasks-plugin-proposals';

/** That rule as the rule list describes the note rules (for SARIF, settings and docs). */
export const TASKS_PLUGIN_RULE = {
  code: TASKS_PLUGIN_PROPOSALS,
  defaultSeverity: 'info',
  description: "Obsidian Tasks' settings make [?] proposals count as open tasks there.",
} as const;

/** Tasks' status types, and what each means here. */
const TYPE_KIND: Readonly<Record<string, StatusSetting>> = {
  TODO: 'open',
  IN_PROGRESS: 'in-progress',
  ON_HOLD: 'deferred',
  DONE: 'done',
  CANCELLED: 'cancelled',
  NON_TASK: 'non-task',
};

/** Tasks' types under which a `[?]` line shows up in its `not done` queries, as an open task. */
const COUNTS_AS_OPEN = new Set(['TODO', 'IN_PROGRESS', 'ON_HOLD']);

export interface TasksPluginStatuses {
  /** Status symbol to what it means here, in Tasks' order (core statuses, then custom ones). */
  statuses: Record<string, StatusSetting>;
  /** What was wrong with the file (malformed JSON, an entry without a symbol, an unknown type): each said once, the rest used. */
  problems: string[];
  /** Whether the file could be read as Tasks' settings at all (else nothing is known of its statuses). */
  readable: boolean;
  /** The `?` entry's type as Tasks reads it (undefined: `?` is not listed, which Tasks treats as a TODO). */
  proposalType: string | undefined;
  /** Where the `?` entry's symbol is in the file (0-based line and UTF-16 column), or the file's start. */
  proposalRange: IssueInfo['range'];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads Obsidian Tasks' data.json. Never throws: whatever is malformed is a problem, and the rest is used. */
export function readTasksPluginStatuses(fileText: string): TasksPluginStatuses {
  const text = stripBom(fileText).text;
  const lines = new LineIndex(text);
  const start = { line: 0, character: 0 };
  const result: TasksPluginStatuses = { statuses: {}, problems: [], readable: false, proposalType: undefined, proposalRange: { start, end: start } };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    result.problems.push(`not valid JSON (${(e as Error).message}); its statuses are not used`);
    return result;
  }
  if (!isObject(data)) {
    result.problems.push('not a JSON object; its statuses are not used');
    return result;
  }
  const settings = data.statusSettings;
  if (settings === undefined) {
    result.readable = true; // an older Tasks, or its status settings never opened: nothing to add
    return result;
  }
  if (!isObject(settings)) {
    result.problems.push('"statusSettings" is not an object; its statuses are not used');
    return result;
  }
  result.readable = true;
  for (const list of ['coreStatuses', 'customStatuses'] as const) {
    const entries = settings[list];
    if (entries === undefined) continue;
    if (!Array.isArray(entries)) {
      result.problems.push(`"statusSettings.${list}" is not a list; ignored`);
      continue;
    }
    entries.forEach((entry: unknown, i) => {
      const where = `statusSettings.${list}[${i}]`;
      if (!isObject(entry) || typeof entry.symbol !== 'string' || [...entry.symbol].length !== 1) {
        result.problems.push(`${where} has no one-character "symbol"; ignored`);
        return;
      }
      const type = entry.type;
      const kind = typeof type === 'string' ? TYPE_KIND[type] : undefined;
      if (!kind) {
        result.problems.push(`${where} ("${entry.symbol}") has the unknown type ${JSON.stringify(type)}; ignored`);
        return;
      }
      if (entry.symbol in result.statuses) return; // Tasks uses the first status of a symbol
      result.statuses[entry.symbol] = kind;
      if (entry.symbol === '?') {
        result.proposalType = type as string;
        result.proposalRange = symbolRange(text, lines);
      }
    });
  }
  return result;
}

/** Where `"symbol": "?"` is written, for the finding to point at; the file's start if it cannot be found. */
function symbolRange(text: string, lines: LineIndex): IssueInfo['range'] {
  const at = /"symbol"\s*:\s*"\?"/u.exec(text);
  if (!at) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { start: lines.positionAt(at.index), end: lines.positionAt(at.index + at[0].length) };
}

/**
 * The settings with Obsidian Tasks' statuses merged under `meetingNotes.taskStatuses`: a symbol that
 * ours defines (the defaults included) keeps our meaning; the others are Tasks'.
 */
export function withTasksPluginStatuses(config: MeetingNotesConfig, plugin: Pick<TasksPluginStatuses, 'statuses'> | undefined): MeetingNotesConfig {
  if (!plugin) return config;
  const added = Object.entries(plugin.statuses).filter(([symbol]) => !(symbol in config.taskStatuses));
  if (!added.length) return config;
  return { ...config, taskStatuses: { ...Object.fromEntries(added), ...config.taskStatuses } };
}

/**
 * The one finding about Tasks' settings: when Tasks would list every `[?]` proposal in its `not done`
 * queries, as an open task, although nobody has accepted it yet. Its severity follows
 * `meetingNotes.rules` like every rule's (default: info).
 */
export function tasksPluginFindings(plugin: TasksPluginStatuses, config: Pick<MeetingNotesConfig, 'rules'>): IssueInfo[] {
  const setting = config.rules[TASKS_PLUGIN_PROPOSALS] ?? 'info';
  if (setting === 'off' || !plugin.readable) return [];
  const type = plugin.proposalType;
  if (type !== undefined && !COUNTS_AS_OPEN.has(type)) return [];
  const why = type === undefined ? 'Obsidian Tasks has no status for [?], so it treats proposals as TODOs' : `Obsidian Tasks gives [?] the type ${type}`;
  return [
    {
      code: TASKS_PLUGIN_PROPOSALS,
      severity: setting,
      message: `${why}: its "not done" queries list every proposal as an open task before anyone accepted it. Give [?] the type NON_TASK (see the README).`,
      range: plugin.proposalRange,
      fixable: false,
    },
  ];
}
