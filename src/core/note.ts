import type { Span } from './text';
import type { LineIndex } from './text';
import type { TaskStatusKind } from './config';

export type ScalarStyle = 'plain' | 'double' | 'single' | 'block';

export interface ScalarValue {
  kind: 'scalar';
  /** The parsed value: a string, number, boolean or null. */
  value: unknown;
  style: ScalarStyle;
  span: Span;
}

export interface ListValue {
  kind: 'list';
  flow: boolean;
  items: ScalarValue[];
  span: Span;
}

export interface MapValue {
  kind: 'map';
  span: Span;
}

/** `key:` with nothing after it. The span is empty, just after the colon. */
export interface EmptyValue {
  kind: 'empty';
  span: Span;
}

export type FieldValue = ScalarValue | ListValue | MapValue | EmptyValue;

export interface FrontmatterField {
  key: string;
  keySpan: Span;
  value: FieldValue;
}

export interface YamlProblem {
  code: string;
  message: string;
  span: Span;
}

export interface Frontmatter {
  /** The whole block, both `---` fences included. */
  span: Span;
  /** The YAML between the fences. */
  contentStart: number;
  contentEnd: number;
  closed: boolean;
  errors: YamlProblem[];
  warnings: YamlProblem[];
  /** Top-level fields in source order; a duplicated key appears once per occurrence. */
  fields: FrontmatterField[];
  /** False when the YAML is something other than a mapping (a list, a bare string). */
  isMapping: boolean;
}

export interface Heading {
  depth: number;
  text: string;
  line: number;
  span: Span;
}

export interface Mention {
  /** The name as written, `[[…]]` removed. */
  name: string;
  span: Span;
}

export interface Tag {
  /** Without the `#`. */
  name: string;
  span: Span;
}

export type PriorityLevel = 'highest' | 'high' | 'medium' | 'low' | 'lowest';

export interface Priority {
  level: PriorityLevel;
  span: Span;
}

export type DateFieldKind = 'due' | 'scheduled' | 'start' | 'created' | 'done' | 'cancelled';

export interface DateField {
  kind: DateFieldKind;
  date: string;
  span: Span;
}

export interface Task {
  line: number;
  statusChar: string;
  status: TaskStatusKind | 'unknown';
  /** The one status character inside the brackets. */
  statusSpan: Span;
  /** From the list marker to the end of the line, line break excluded. */
  lineSpan: Span;
  /** What follows `[c] `, to the end of the line. */
  textSpan: Span;
  /**
   * Where the task's visible text ends: textSpan.end, unless a stretch that is not the task's text
   * (an Obsidian `%%` comment, math, code, HTML or a link) starts on the line and runs past its end.
   * Text added to the end of the task goes no further than this.
   */
  visibleEnd: number;
  text: string;
  /** The text with tags, mentions, priority and date fields taken out. */
  description: string;
  assignees: Mention[];
  priority: Priority | undefined;
  dates: DateField[];
  tags: Tag[];
  /** A trailing Obsidian block id (`^abc123`), which must stay last on the line. */
  blockId: Span | undefined;
  heading: string | undefined;
  /** Index (in Note.tasks) of the task this one is nested under. */
  parent: number | undefined;
}

export interface WikiLink {
  /** The linked name: what precedes `#heading`, `^block` or `|alias`, trimmed. */
  target: string;
  /** From `[[` to `]]` (an embed's `!` is before it). */
  span: Span;
  /** `![[…]]`: the target is shown in place. */
  embed: boolean;
}

export interface NameRef {
  name: string;
  span: Span;
}

export interface Note {
  uri: string;
  /** Base name of the file, extension included. */
  fileName: string;
  /** The text without its BOM: every offset and range refers to it. */
  text: string;
  hasBom: boolean;
  lines: LineIndex;
  frontmatter: Frontmatter | undefined;
  headings: Heading[];
  tasks: Task[];
  wikilinks: WikiLink[];
  /** Names on the `**With**:` line of the body. */
  withNames: NameRef[];
}

/** The note's text as its file holds it: the BOM put back. */
export function fileTextOf(note: Pick<Note, 'text' | 'hasBom'>): string {
  return (note.hasBom ? '\uFEFF' : '') + note.text;
}

// The field lookups live with the other facts of a note; they are exported here too, where they
// always were.
export { field, listField, noteType, stringField } from './note-facts';
