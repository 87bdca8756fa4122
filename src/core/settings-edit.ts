import { findNodeAtLocation, modify, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { dominantEol } from './text';

/** A replacement of `text.slice(start, end)` in a settings file's text. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export type SettingsListEdit = { edit: OffsetEdit } | { unchanged: true } | { error: string };

/**
 * The one edit that adds `value` to the string list `key` of a settings.json text (JSON with comments),
 * leaving every other byte as it is: the new element goes after the last one, on a line of its own
 * indented like it when the list is written one element a line, else on the same line. When the file
 * has no `key` yet, the list is added as `[...current, value]` (`current`: the value the setting has
 * from elsewhere, which a workspace list would otherwise hide).
 */
export function addToSettingsList(text: string, key: string, value: string, current: readonly string[] = []): SettingsListEdit {
  const errors: ParseError[] = [];
  const root = text.trim() ? parseTree(text, errors, { allowTrailingComma: true, disallowComments: false }) : undefined;
  if (text.trim() && (!root || root.type !== 'object')) return { error: 'the settings file is not a JSON object' };
  if (errors.length) return { error: `the settings file has a syntax error at offset ${errors[0]!.offset}` };
  const list = root ? findNodeAtLocation(root, [key]) : undefined;
  const eol = dominantEol(text) === '\r\n' ? '\r\n' : '\n';
  if (!list) {
    const edits = modify(text, [key], [...current, value], { formattingOptions: { ...indentationOf(text), eol } });
    if (edits.length !== 1) return { error: `cannot add ${key} to the settings file` };
    const e = edits[0]!;
    return { edit: { start: e.offset, end: e.offset + e.length, newText: e.content } };
  }
  if (list.type !== 'array') return { error: `${key} in the settings file is not a list` };
  const items = list.children ?? [];
  if (items.some((i) => i.type === 'string' && typeof i.value === 'string' && i.value.toLocaleLowerCase('en') === value.toLocaleLowerCase('en'))) {
    return { unchanged: true };
  }
  const quoted = JSON.stringify(value);
  const last = items[items.length - 1];
  if (!last) {
    // `[]` or `[ ]`, perhaps across lines: the element goes right after `[`.
    return { edit: { start: list.offset + 1, end: list.offset + 1, newText: quoted } };
  }
  const end = last.offset + last.length;
  const lastLineStart = lineStart(text, last.offset);
  const oneALine = lastLineStart > lineStart(text, list.offset) && /^[ \t]*$/u.test(text.slice(lastLineStart, last.offset));
  // A comma already after the last element (a trailing comma) stays; the new one goes after it.
  const after = commaAfter(text, end, list);
  if (oneALine) {
    const indent = text.slice(lastLineStart, last.offset);
    return after === undefined
      ? { edit: { start: end, end, newText: `,${eol}${indent}${quoted}` } }
      : { edit: { start: after + 1, end: after + 1, newText: `${eol}${indent}${quoted},` } };
  }
  return after === undefined ? { edit: { start: end, end, newText: `, ${quoted}` } } : { edit: { start: after + 1, end: after + 1, newText: ` ${quoted},` } };
}

function lineStart(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
}

/** The offset of a comma between the list's last element and its `]`, comments and blanks aside. */
function commaAfter(text: string, from: number, list: JsonNode): number | undefined {
  const close = list.offset + list.length - 1;
  let i = from;
  while (i < close) {
    const c = text[i]!;
    if (c === ',') return i;
    if (text.startsWith('//', i)) {
      while (i < close && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (text.startsWith('/*', i)) {
      const endComment = text.indexOf('*/', i + 2);
      i = endComment < 0 ? close : endComment + 2;
    } else {
      i++;
    }
  }
  return undefined;
}

/** The file's indentation, from its first indented line: tabs, or so many spaces. */
function indentationOf(text: string): { insertSpaces: boolean; tabSize: number } {
  const m = /^([ \t]+)\S/mu.exec(text);
  if (!m) return { insertSpaces: true, tabSize: 2 };
  if (m[1]!.startsWith('\t')) return { insertSpaces: false, tabSize: 4 };
  return { insertSpaces: true, tabSize: m[1]!.length };
}
