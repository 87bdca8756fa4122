/**
 * The people a participants entry names. AI-written notes sometimes give several people in one string
 * ("Priya Raman, Omar Haddad" or "Priya Raman and Omar Haddad") where a list was meant: split on commas,
 * semicolons and the word "and" (or "&"), but never inside parentheses, where a placeholder keeps its
 * own words ("Kofi (last name unknown, and not in the call)").
 */
export function namesInEntry(entry: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  const cut = (end: number, next: number) => {
    const name = entry.slice(start, end).trim();
    if (name) names.push(name);
    start = next;
  };
  for (let i = 0; i < entry.length; i++) {
    const c = entry[i]!;
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (depth === 0 && (c === ',' || c === ';')) cut(i, i + 1);
    else if (depth === 0 && c === '&' && /\s/u.test(entry[i - 1] ?? '') && /\s/u.test(entry[i + 1] ?? '')) cut(i, i + 1);
    else if (depth === 0 && /\s/u.test(c) && entry.slice(i + 1, i + 4).toLowerCase() === 'and' && /\s/u.test(entry[i + 4] ?? '')) {
      cut(i, i + 4);
      i += 3;
    }
  }
  cut(entry.length, entry.length);
  return names;
}
