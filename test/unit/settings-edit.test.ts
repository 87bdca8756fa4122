import { describe, expect, it } from 'vitest';
import { addToSettingsList, type SettingsListEdit } from '../../src/core/settings-edit';

function applied(text: string, result: SettingsListEdit): string {
  if (!('edit' in result)) throw new Error(JSON.stringify(result));
  return text.slice(0, result.edit.start) + result.edit.newText + text.slice(result.edit.end);
}

const KEY = 'meetingNotes.people';

describe('addToSettingsList', () => {
  it('adds one element to a list on one line, leaving the rest of the file as it was', () => {
    const text = '{\n  // Mine\n  "meetingNotes.owner": "X",\n  "meetingNotes.people": ["Ben Castellano"],\n  "other": [1, 2],\n}\n';
    expect(applied(text, addToSettingsList(text, KEY, 'Wren Okoye'))).toBe(text.replace('["Ben Castellano"]', '["Ben Castellano", "Wren Okoye"]'));
  });

  it('puts the element on a line of its own, indented as the last, in a list written one a line (tabs, CRLF)', () => {
    const text = '{\r\n\t"meetingNotes.people": [\r\n\t\t"A",\r\n\t\t"B" /* b */\r\n\t],\r\n\t"x": 1\r\n}';
    expect(applied(text, addToSettingsList(text, KEY, 'C'))).toBe('{\r\n\t"meetingNotes.people": [\r\n\t\t"A",\r\n\t\t"B",\r\n\t\t"C" /* b */\r\n\t],\r\n\t"x": 1\r\n}');
  });

  it('keeps a trailing comma after the last element', () => {
    const text = '{\n  "meetingNotes.people": [\n    "A",\n  ]\n}\n';
    expect(applied(text, addToSettingsList(text, KEY, 'B'))).toBe('{\n  "meetingNotes.people": [\n    "A",\n    "B",\n  ]\n}\n');
  });

  it('fills an empty list, and escapes the name as JSON', () => {
    const text = '{ "meetingNotes.people": [] }';
    expect(applied(text, addToSettingsList(text, KEY, 'Zoë "Z" Day'))).toBe('{ "meetingNotes.people": ["Zoë \\"Z\\" Day"] }');
  });

  it('adds the setting, with the value it had from elsewhere, when the file has none', () => {
    const text = '{\n    "x": 1\n}\n';
    const out = applied(text, addToSettingsList(text, KEY, 'B', ['A']));
    expect(out.startsWith('{\n    "x": 1,\n    "meetingNotes.people": [')).toBe(true);
    expect(JSON.parse(out)).toEqual({ x: 1, [KEY]: ['A', 'B'] });
    expect(JSON.parse(applied('', addToSettingsList('', KEY, 'B')))).toEqual({ [KEY]: ['B'] });
  });

  it('changes nothing for a name already there, and says what is wrong with a file it cannot edit', () => {
    expect(addToSettingsList('{"meetingNotes.people": ["ann lee"]}', KEY, 'Ann Lee')).toEqual({ unchanged: true });
    expect(addToSettingsList('{"meetingNotes.people": "Ann"}', KEY, 'B')).toEqual({ error: 'meetingNotes.people in the settings file is not a list' });
    expect(addToSettingsList('[1]', KEY, 'B')).toEqual({ error: 'the settings file is not a JSON object' });
    expect('error' in addToSettingsList('{"a": }', KEY, 'B')).toBe(true);
  });
});
