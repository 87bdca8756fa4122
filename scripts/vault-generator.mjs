// @ts-check
// Deterministic generators of test data, with no dependencies:
//  - generateVault(): a whole vault of person notes and AI-generated meeting notes shaped like the
//    real notes our users keep (see ../shared/NOTE-FORMAT.md), for benchmarks and end-to-end tests;
//  - variedNote(): small adversarial-but-realistic markdown notes for differential tests of parsers.
// Every random choice comes from one seeded PRNG, so the same seed gives byte-identical output.
// All names are invented.

/** @typedef {() => number} Rng  A PRNG: each call returns a number in [0, 1). */
/** @typedef {{ path: string, text: string }} VaultFile */

/**
 * mulberry32: a tiny, fast 32-bit PRNG, good enough for test data.
 * @param {number} seed any number; only its low 32 bits count
 * @returns {Rng}
 */
export function makeRng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Small random helpers

/** @param {Rng} rng @param {number} lo @param {number} hi inclusive */
const int = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
/** @template T @param {Rng} rng @param {readonly T[]} items @returns {T} */
const pick = (rng, items) => items[Math.floor(rng() * items.length)];
/** @param {Rng} rng @param {number} p */
const chance = (rng, p) => rng() < p;

/**
 * Picks by weight: `choices` is a list of [weight, value].
 * @template T @param {Rng} rng @param {ReadonlyArray<readonly [number, T]>} choices @returns {T}
 */
function weighted(rng, choices) {
  let total = 0;
  for (const [w] of choices) total += w;
  let r = rng() * total;
  for (const [w, value] of choices) {
    r -= w;
    if (r < 0) return value;
  }
  return choices[choices.length - 1][1];
}

/**
 * k distinct items, in random order.
 * @template T @param {Rng} rng @param {readonly T[]} items @param {number} k @returns {T[]}
 */
function sample(rng, items, k) {
  const copy = items.slice();
  const n = Math.min(k, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

/** @param {string} s */
const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Zoë O'Donovan" -> "zoe-odonovan" @param {string} name */
const slug = (name) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/['’]/gu, '')
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-|-$/gu, '');

// ---------------------------------------------------------------------------------------------
// Dates (UTC day numbers, so nothing depends on the machine's time zone)

const DAY = 86400000;
const START = Date.UTC(2023, 0, 2);
const SPAN_DAYS = 3 * 365 - 3; // so moving a weekend date to Monday stays in 2025

/** @param {number} ms @returns {string} YYYY-MM-DD */
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Word lists (invented people, companies and projects)

const FIRST_NAMES = [
  'Adaeze', 'Bram', 'Callum', 'Dariela', 'Emeka', 'Freya', 'Gideon', 'Halima', 'Ingrid', 'Joaquin',
  'Kenji', 'Linnea', 'Mateo', 'Nadia', 'Oskar', 'Paloma', 'Quentin', 'Rosalind', 'Soren', 'Talia',
  'Umar', 'Valentina', 'Wendell', 'Ximena', 'Yusuf', 'Zofia', 'Anouk', 'Bastian', 'Cyrus', 'Delphine',
  'Elio', 'Farah', 'Gunnar', 'Hana', 'Idris', 'Juno', 'Kasimir', 'Lorcan', 'Mireille', 'Nikhil',
  'Odessa', 'Rafferty', 'Saoirse', 'Teodor', 'Zoë', 'Renée', 'Marisol', 'Tobiah',
];
const LAST_NAMES = [
  'Ashdown', 'Brightwater', 'Castellano', 'Drummond', 'Eskildsen', 'Fairbairn', 'Galloway', 'Hollis',
  'Ibarra', 'Jankowski', 'Kerrigan', 'Lindqvist', 'Nakamura', 'Ostrowski', 'Pemberton', 'Quillfeather',
  'Rasmussen', 'Sandoval', 'Thorne', 'Underhill', 'Varga', 'Whitcombe', 'Yardley', 'Zeller',
  'Achterberg', 'Brandvold', 'Corrigan', 'Delacroix', 'Eberhardt', 'Falconer', 'Grimaldi', 'Haverford',
  'Iwasaki', 'Kowalczyk', 'Larkspur', 'Moreau', 'Northcott', 'Oyama', 'Penhallow', 'Ravensworth',
  'Strand', 'Tennant', 'Vasquez-Reyes', 'Wexley', 'Åkesson', "O'Donovan",
];
/** Surnames used only for participants who have no person note. */
const OUTSIDER_LAST_NAMES = ['Marchbank', 'Tolliver', 'Quarshie', 'Beaumont', 'Lysander', 'Coldwell', 'Ferreira-Lund', 'Hargreave'];
const NICKNAMES = /** @type {Record<string, string>} */ ({
  Adaeze: 'Ada', Callum: 'Cal', Dariela: 'Dari', Gideon: 'Gid', Joaquin: 'Quino', Kasimir: 'Kaz',
  Mateo: 'Teo', Quentin: 'Quinn', Rosalind: 'Roz', Valentina: 'Val', Wendell: 'Dell', Rafferty: 'Raff',
  Teodor: 'Teo', Bastian: 'Bas', Tobiah: 'Toby', Ximena: 'Mena',
});
const ORGS = ['Northwind Storage', 'Contoso Cloud', 'Fabrikam', 'Litware', 'Tailspin Systems', 'Adatum', 'Woodgrove Bank', 'Proseware', 'Wingtip Labs', 'Fourth Coffee'];
const HOME_ORG = ORGS[0];
const ROLES = [
  'Staff Engineer', 'Principal Architect', 'Engineering Manager', 'Product Manager', 'Principal Product Manager',
  'Director, Platform', 'VP Engineering', 'Solutions Engineer', 'Field CTO', 'Program Manager', 'Account Executive',
  'Site Reliability Engineer', 'Data Scientist', 'Technical Writer', 'Director, Recruiting', 'Customer Success Manager',
  'Security Engineer', 'Partner Engineering Lead', 'Chief of Staff', 'Finance Business Partner',
];
const PROJECTS = ['Kestrel', 'Bluefin', 'Lakeside', 'Juniper', 'Cobalt', 'Meridian', 'Harbor', 'Sable', 'Tamarack', 'Orchid', 'Granite', 'Wayfinder'];
const CUSTOMERS = ORGS.slice(1);
const SYSTEMS = [
  'the cache tier', 'the object gateway', 'the metadata service', 'the billing pipeline', 'the replication engine',
  'the release train', 'the support backlog', 'the capacity model', 'the beta cohort', 'the SDK', 'the control plane',
  'the archive tier', 'the on-call rotation', 'the audit log', 'the ingest path', 'the quota service', 'the partner portal',
  'the telemetry pipeline', 'the snapshot scheduler', 'the upgrade tooling', 'the pricing model', 'the hiring plan',
  'the QBR deck', 'the migration runbook', 'the security review', 'the onboarding guide', 'the roadmap',
];
const TOPICS = [
  'cache tier rollout', 'Q3 hiring plan', 'latency incident', 'release train', 'on-call handover', 'pricing update',
  'object API parity', 'archive tier', 'QBR prep', 'promotion packet', 'architecture council', 'roadmap priorities',
  'beta feedback', 'capacity forecast', 'security review', 'SDK deprecation', 'migration plan', 'budget review',
  'partner integration', 'support escalations', 'team charter', 'offsite planning', 'career growth', 'reorg questions',
  'tiering proposal', 'telemetry gaps', 'upgrade failures', 'contract renewal', 'POC results', 'launch readiness',
];
const MEETING_KINDS = /** @type {const} */ ([
  ['meeting', 'Platform sync'], ['meeting', 'Design review'], ['meeting', 'Quarterly planning'], ['meeting', 'Hiring debrief'],
  ['meeting', 'Storage roadmap review'], ['meeting', 'Incident retro'], ['meeting', 'Staff meeting'], ['meeting', 'Architecture council'],
  ['customer', 'Customer call'], ['customer', 'Customer escalation'], ['customer', 'Vendor call'], ['customer', 'QBR'],
  ['project', 'Project'], ['project', 'Project'], ['project', 'Milestone review'],
]);
const VERBS = [
  'Draft', 'Review', 'Send', 'Confirm', 'Schedule', 'Document', 'Prepare', 'Share', 'Compare', 'Estimate', 'Summarize',
  'Validate', 'Escalate', 'Update', 'Write up', 'Collect', 'Book', 'Circulate',
];
const OBJECTS = [
  'a one-page proposal', 'the decision framework', 'the revised timeline', 'the open questions', 'the cost model',
  'the risk register', 'the customer list', 'the test plan', 'the launch checklist', 'the rollout plan',
  'the comparison table', 'the escalation summary', 'the headcount request', 'the draft agenda', 'the benchmark results',
];
const PURPOSES = [
  'for the steering meeting', 'before the next sync', 'so the field team can plan', 'ahead of the customer review',
  'to unblock the beta', 'for the January planning cycle', 'so finance can sign off', 'to close out the incident',
  'for the architecture council', 'before the contract renewal',
];
const PREDICATES = [
  'is likely to slip by a sprint because of', 'needs a clearer owner now that it depends on', 'depends on', 'is blocked by', 'should be scoped against',
  'already covers most of', 'is under-resourced compared with', 'will eventually replace', 'has outgrown',
  'competes for budget with', 'is ahead of', 'is still waiting on', 'duplicates work in', 'was never load-tested against',
];
const TAILS = [
  '', '', '', ' before the end of the quarter', ', which puts the next launch at risk', ' according to the latest customer feedback',
  ', although the numbers have not been validated', ', and the team wants a decision by next week', ' based on the last three incidents',
  ', which nobody had written down before', ' if the current staffing holds', ', a point that came up twice during the meeting',
];
const SAY = ['stated that', 'said that', 'noted that', 'reported that', 'asserted that', 'explained that', 'mentioned that', 'expressed concern that', 'confirmed that'];
const PRIORITIES = ['🔺', '⏫', '🔼', '🔽', '⏬'];

// ---------------------------------------------------------------------------------------------
// The vault

/**
 * @typedef {{ name: string, first: string, last: string, aliases: string[], role: string, org: string }} Person
 */

/**
 * @param {Rng} rng
 * @param {number} count
 * @returns {Person[]}
 */
function makePeople(rng, count) {
  /** @type {Person[]} */
  const people = [];
  const used = new Set();
  for (let i = 0; i < count; i++) {
    let first = pick(rng, FIRST_NAMES);
    let last = pick(rng, LAST_NAMES);
    let name = `${first} ${last}`;
    // Random probing first, then a systematic walk, then a middle initial: always terminates.
    for (let tries = 0; used.has(name) && tries < 20; tries++) {
      first = pick(rng, FIRST_NAMES);
      last = pick(rng, LAST_NAMES);
      name = `${first} ${last}`;
    }
    for (let k = 0; used.has(name); k++) {
      first = FIRST_NAMES[k % FIRST_NAMES.length];
      last = LAST_NAMES[Math.floor(k / FIRST_NAMES.length) % LAST_NAMES.length];
      name = k < FIRST_NAMES.length * LAST_NAMES.length ? `${first} ${last}` : `${first} ${String.fromCharCode(65 + (k % 26))}. ${last} ${Math.floor(k / 26)}`;
    }
    used.add(name);
    /** @type {string[]} */
    const aliases = [];
    const a = rng();
    if (a < 0.35) aliases.push(first);
    else if (a < 0.5 && NICKNAMES[first]) aliases.push(NICKNAMES[first]);
    else if (a < 0.6) aliases.push(first, `${first} ${last.charAt(0)}.`);
    const org = chance(rng, 0.6) ? HOME_ORG : pick(rng, ORGS);
    people.push({ name, first, last, aliases, role: pick(rng, ROLES), org });
  }
  return people;
}

/** @param {Rng} rng @param {Person} p @param {boolean} isOwner */
function personNote(rng, p, isOwner) {
  const aliases = isOwner ? ['Myself', ...p.aliases] : p.aliases;
  const lines = ['---', 'type: person', `title: "${p.name}"`];
  const style = rng();
  if (aliases.length === 0) {
    if (style < 0.6) lines.push('aliases: []');
    // else: no aliases key at all
  } else if (style < 0.65) {
    lines.push('aliases:', ...aliases.map((x) => `  - "${x}"`));
  } else {
    lines.push(`aliases: [${aliases.map((x) => `"${x}"`).join(', ')}]`);
  }
  lines.push(`role: "${p.role}"`, `org: "${p.org}"`);
  if (isOwner || chance(rng, 0.7)) {
    lines.push(`email: "${slug(p.first)}.${slug(p.last)}@${slug(p.org.split(' ')[0])}.example"`);
  }
  lines.push('tags:', '  - "type/person"', '---', '', `# ${p.name}`, '', `${p.role}, ${p.org}.`, '');
  return lines.join('\n');
}

/**
 * A name as the transcript summarizer wrote it: usually a known person, sometimes a placeholder
 * ("Kenji (last name unknown)"), sometimes someone with no person note, or a misspelt known name.
 * @param {Rng} rng @param {Person[]} people
 */
function strayName(rng, people) {
  const r = rng();
  if (r < 0.45) return `${pick(rng, people).first} (last name unknown)`;
  if (r < 0.8) return `${pick(rng, FIRST_NAMES)} ${pick(rng, OUTSIDER_LAST_NAMES)}`;
  // A typo: one vowel of a known surname changed.
  const p = pick(rng, people);
  const swapped = p.last.replace(/[aeiou](?=[^aeiou]*$)/u, (v) => ({ a: 'e', e: 'u', i: 'y', o: 'a', u: 'o' })[v] ?? v);
  return `${p.first} ${swapped === p.last ? p.last + 'e' : swapped}`;
}

/**
 * A meeting note's content before it is written out.
 * @typedef {{
 *   kind: string, title: string, fileTitle: string, date: number, person: string | null,
 *   participants: string[], transcript: string, tagExtra: string[]
 * }} Meeting
 */

/** @param {Rng} rng */
function topicPhrase(rng) {
  const n = weighted(rng, [[3, 1], [4, 2], [3, 3]]);
  const parts = sample(rng, TOPICS, n).map((t) => (chance(rng, 0.3) ? `${pick(rng, [...CUSTOMERS, ...PROJECTS])} ${t}` : t));
  if (parts.length === 1) return parts[0];
  if (parts.length === 2) return `${parts[0]} and ${parts[1]}`;
  return `${parts[0]}, ${parts[1]}, and ${parts[2]}`;
}

/** File names cannot hold `:` or `/` (and `1:1` becomes `1-1`, as the summarizer writes it). */
const fileSafe = (/** @type {string} */ s) => s.replace(/1:1/gu, '1-1').replace(/[:/\\?*"<>|]/gu, '-');

/**
 * @param {Rng} rng @param {Person[]} people @param {Person} owner
 * @returns {Meeting}
 */
function makeMeeting(rng, people, owner) {
  let date = START + int(rng, 0, SPAN_DAYS) * DAY;
  const weekday = new Date(date).getUTCDay();
  if (weekday === 0) date += DAY;
  if (weekday === 6) date += 2 * DAY;
  const others = people.filter((p) => p !== owner);
  const pool = others.length ? others : people;
  const topic = topicPhrase(rng);
  const stray = () => strayName(rng, people);

  if (chance(rng, 0.4)) {
    // A 1:1.
    const other = chance(rng, 0.95) ? pick(rng, pool).name : stray();
    const participants = chance(rng, 0.8) ? [owner.name, other] : [other, owner.name];
    if (chance(rng, 0.35)) {
      const extra = int(rng, 1, 5);
      for (const p of sample(rng, pool, extra)) if (!participants.includes(p.name)) participants.push(p.name);
      if (chance(rng, 0.4)) participants.push(stray());
    }
    const title = `${other} 1:1 - ${topic}`;
    const shortTopic = topic.split(/, | and /u)[0];
    return {
      kind: 'people',
      title,
      fileTitle: fileSafe(title),
      date,
      person: chance(rng, 0.8) ? other : '',
      participants,
      transcript: `${iso(date)} - ${other} - ${shortTopic}`,
      tagExtra: [],
    };
  }
  const [kind, label] = pick(rng, MEETING_KINDS);
  /** @type {string[]} */
  const tagExtra = [];
  let title;
  if (kind === 'customer') {
    const customer = pick(rng, CUSTOMERS);
    title = `${label} - ${customer} ${topic}`;
    tagExtra.push(`customer/${slug(customer)}`);
  } else if (kind === 'project') {
    const project = pick(rng, PROJECTS);
    title = label === 'Project' ? `Project ${project} - ${topic}` : `${label} - ${project} ${topic}`;
    tagExtra.push(`project/${slug(project)}`);
  } else {
    title = `${label} - ${topic}`;
  }
  const count = int(rng, 2, 8);
  const participants = chance(rng, 0.9) ? [owner.name] : [];
  for (const p of sample(rng, pool, count)) {
    if (participants.length >= count) break;
    participants.push(p.name);
  }
  if (chance(rng, 0.3) && participants.length > 1) participants[participants.length - 1] = stray();
  if (chance(rng, 0.1)) participants.push(stray());
  return {
    kind,
    title,
    fileTitle: fileSafe(title),
    date,
    person: null,
    participants,
    transcript: `${iso(date)} - ${title.split(/, | and /u)[0]}`,
    tagExtra,
  };
}

/** The first names people use for each other in @mentions. @param {string} name */
const firstOf = (name) => name.split(' ')[0];

/**
 * @param {Rng} rng @param {Meeting} m @param {string} status
 * @returns {string} one task line, without the list marker
 */
function taskLine(rng, m, status) {
  const named = m.participants.filter((p) => !p.includes('('));
  const someone = named.length ? pick(rng, named) : 'the team';
  let text;
  const form = rng();
  if (form < 0.3) text = `${pick(rng, VERBS)} ${pick(rng, OBJECTS)} ${pick(rng, PURPOSES)}.`;
  else if (form < 0.55) text = `Follow up with ${someone} to clarify expectations for ${pick(rng, SYSTEMS)}, including ${pick(rng, OBJECTS)} and ${pick(rng, OBJECTS)}.`;
  else if (form < 0.8) text = `${pick(rng, VERBS)} ${pick(rng, OBJECTS)} for ${pick(rng, SYSTEMS)}: compare ${pick(rng, SYSTEMS)} against ${pick(rng, SYSTEMS)} and explicitly weigh the cost of ${pick(rng, TOPICS)}.`;
  else text = `Validate with ${someone} whether ${pick(rng, SYSTEMS)} ${pick(rng, PREDICATES)} ${pick(rng, SYSTEMS)}, and assess what that means for ${pick(rng, TOPICS)}.`;

  const parts = [text];
  const a = rng();
  if (a < 0.55) parts.push('@Myself');
  else if (a < 0.75 && named.length) parts.push(`@${firstOf(pick(rng, named))}`);
  else if (a < 0.95 && named.length) parts.push(`@[[${pick(rng, named)}]]`);
  if (chance(rng, 0.55)) parts.push(pick(rng, PRIORITIES));
  if (chance(rng, 0.3)) parts.push(`📅 ${iso(m.date + int(rng, 2, 30) * DAY)}`);
  if (status === 'x' || status === 'X') parts.push(`✅ ${iso(m.date + int(rng, 0, 20) * DAY)}`);
  if (status === '-') parts.push(`❌ ${iso(m.date + int(rng, 0, 20) * DAY)}`);
  if (status === '?') parts.push('#task #proposed #auto');
  else parts.push(chance(rng, 0.7) ? '#task #auto' : '#task');
  return `[${status}] ${parts.join(' ')}`;
}

/** @param {Rng} rng */
const taskStatus = (rng) => weighted(rng, [[55, '?'], [14, ' '], [8, '/'], [12, 'x'], [1, 'X'], [8, '-'], [2, '>']]);

/** @param {Rng} rng @param {Meeting} m */
function claim(rng, m) {
  const named = m.participants.length ? m.participants : ['The team'];
  const who = pick(rng, named);
  const other = pick(rng, named);
  const tail = pick(rng, TAILS);
  const r = rng();
  if (r < 0.6) return `${who} ${pick(rng, SAY)} ${pick(rng, SYSTEMS)} ${pick(rng, PREDICATES)} ${pick(rng, SYSTEMS)}${tail}.`;
  if (r < 0.8) return `${who} ${pick(rng, SAY)} ${pick(rng, SYSTEMS)} ${pick(rng, PREDICATES)} ${pick(rng, SYSTEMS)} (secondhand from ${other}), and ${firstOf(other)} reacted that this could create risk for ${pick(rng, TOPICS)}.`;
  return `${who} expressed skepticism that ${pick(rng, SYSTEMS)} could be rebuilt quickly, noting it took ${pick(rng, CUSTOMERS)} ${int(rng, 2, 9)} years to build theirs and it still has ${pick(rng, ['reliability', 'scaling', 'cost', 'support'])} issues.`;
}

/** @param {Rng} rng @param {Meeting} m */
function summary(rng, m) {
  const [a, b] = m.participants.length > 1 ? m.participants : [...m.participants, 'the team'];
  const t1 = pick(rng, TOPICS);
  const t2 = pick(rng, TOPICS);
  return [
    `${a} and ${b} aligned on how to frame the ${t1} discussion, focusing on trade-offs between ${pick(rng, SYSTEMS)} and ${pick(rng, SYSTEMS)} and the broader opportunity beyond ${pick(rng, CUSTOMERS)}.`,
    `They discussed the ${t2}, including ${pick(rng, SYSTEMS)} and why ${pick(rng, SYSTEMS)} ${pick(rng, PREDICATES)} ${pick(rng, SYSTEMS)}${pick(rng, TAILS)}.`,
    chance(rng, 0.7)
      ? `They also noted the need to prepare ${pick(rng, OBJECTS)} ${pick(rng, PURPOSES)}, but specific deliverables and dates were not finalized in the captured transcript.`
      : `No final decision was made on ${pick(rng, TOPICS)}.`,
  ].join(' ');
}

const BROKEN_KINDS = ['unclosed-quote', 'missing-close', 'bad-date', 'duplicate-key', 'list-as-string'];

/**
 * @param {Rng} rng @param {Meeting} m @param {string} owner
 * @returns {string}
 */
function meetingNote(rng, m, owner) {
  const broken = chance(rng, 0.01) ? pick(rng, BROKEN_KINDS) : null;
  const airy = chance(rng, 0.8); // the seed's generous blank lines, or a compact hand-tidied note
  const q = (/** @type {string} */ s) => `"${s}"`;
  const dateText = iso(m.date);
  let fmDate = chance(rng, 0.01) ? iso(m.date - DAY) : dateText; // now and then the date disagrees with the file name
  if (broken === 'bad-date') {
    const [y, mo, d] = dateText.split('-');
    fmDate = chance(rng, 0.5) ? `${y}-${int(rng, 13, 19)}-${int(rng, 32, 45)}` : `${y}/${Number(mo)}/${Number(d)}`;
  }

  const fm = ['---'];
  fm.push(`type: ${chance(rng, 0.9) ? q(m.kind) : m.kind}`);
  fm.push(broken === 'unclosed-quote' ? `title: "${m.title}` : `title: ${q(m.title)}`);
  fm.push(`date: ${chance(rng, 0.7) ? q(fmDate) : fmDate}`);
  if (broken === 'duplicate-key') fm.push(chance(rng, 0.5) ? `date: "${iso(m.date + DAY * int(rng, 1, 3))}"` : `title: ${q(m.title)}`);
  if (m.person !== null) fm.push(`person: ${q(m.person)}`);
  else if (chance(rng, 0.1)) fm.push('person: ""');
  if (broken === 'list-as-string') fm.push(`participants: ${q(m.participants.join(', '))}`);
  else if (chance(rng, 0.6)) fm.push(`participants: [${m.participants.map(q).join(', ')}]`);
  else fm.push('participants:', ...m.participants.map((p) => `  - ${q(p)}`));
  fm.push('source: "transcript"');
  const user = `${slug(firstOf(owner))}.${slug(owner.split(' ').slice(1).join(' '))}`;
  fm.push(`source_ref: ${q(`/Users/${user}/Documents/Notes/Sources/Transcripts/${dateText.slice(0, 4)}/${m.transcript}.md`)}`);
  const tags = [`type/${m.kind}`];
  if (m.kind === 'people') {
    const who = m.person || (m.title.split(' 1:1')[0] ?? '');
    tags.push(m.person && chance(rng, 0.95) ? `person/${slug(who)}` : chance(rng, 0.7) ? 'person/' : `person/${slug(who)}`);
  }
  tags.push(...m.tagExtra, 'generated');
  if (chance(rng, 0.15)) fm.push(`tags: [${tags.map(q).join(', ')}]`);
  else fm.push('tags:', ...tags.map((t) => `  - ${q(t)}`));
  if (airy) fm.push('');
  if (broken !== 'missing-close') fm.push('---');

  const gap = airy ? ['', ''] : [''];
  const out = [...fm, ...(airy ? [''] : []), `# ${m.title}`, '', `**Date**: ${dateText}`, `**With**: ${m.participants.join(', ')}`, ''];
  out.push('## Summary', '', summary(rng, m), ...gap, '## Action Items', ...gap);

  const taskCount = weighted(rng, [[1, 1], [3, 2], [4, 3], [5, 4], [3, 5], [2, 6], [1, 7]]);
  for (let i = 0; i < taskCount; i++) {
    out.push(`- ${taskLine(rng, m, taskStatus(rng))}`);
    if (chance(rng, 0.08)) out.push(`  - ${taskLine(rng, m, taskStatus(rng))}`);
    if (airy) out.push('');
  }
  if (airy) out.push('', '', '');
  else out.push('');

  out.push('## Decisions', ...gap);
  const decisions = weighted(rng, [[1, 0], [5, 1], [3, 2], [1, 3]]);
  if (decisions === 0) out.push('- None recorded.');
  for (let i = 0; i < decisions; i++) {
    const [a, b] = sample(rng, m.participants.length ? m.participants : ['The team'], 2);
    out.push(`- ${a} directed ${b ?? 'the team'} to ${pick(rng, ['talk through', 'prioritize', 'defer', 'drop', 'own'])} ${pick(rng, SYSTEMS)} ${pick(rng, ['rather than reviewing the draft document during this meeting', 'until the next planning cycle', 'and report back at the next sync', 'without further escalation'])}.`);
    if (airy) out.push('');
  }
  if (chance(rng, 0.05)) {
    out.push(`- ${taskLine(rng, m, taskStatus(rng))}`); // a task outside Action Items
    if (airy) out.push('');
  }
  out.push(...(airy ? ['', '', ''] : ['']), '## Key Information', ...gap);

  // Key information until the note reaches its target size (mean about 4.4 KB, like the seed).
  const closing = ['', ...(airy ? ['', '', ''] : []), '---', '', `*Source: [[${m.transcript}]]*`];
  const target = int(rng, 3200, 5400);
  let size = out.reduce((n, l) => n + l.length + 1, 0) + closing.reduce((n, l) => n + l.length + 1, 0);
  do {
    const line = `- ${claim(rng, m)}`;
    out.push(line);
    size += line.length + 1;
    if (airy) {
      out.push('');
      size += 1;
    }
  } while (size < target);
  if (airy) out.pop();
  out.push(...closing);

  let text = out.join('\n');
  if (chance(rng, 0.5)) text += '\n';
  if (chance(rng, 0.02)) text = text.replace(/\n/gu, '\r\n');
  if (chance(rng, 0.01)) text = '\uFEFF' + text;
  return text;
}

/**
 * A vault of person notes (`People/<Full Name>.md`, exactly one of them with the alias `Myself`) and
 * meeting notes (`Meetings/<YYYY>/<YYYY-MM-DD> - <title>.md`) over three years, in the shape of the
 * AI-generated meeting summaries of NOTE-FORMAT.md, defects included at realistic rates.
 * @param {{ notes: number, seed?: number, people?: number }} options
 * @returns {VaultFile[]} paths relative to the vault root, '/'-separated
 */
export function generateVault({ notes, seed = 1, people = 60 }) {
  if (!Number.isInteger(notes) || notes < 0) throw new RangeError(`notes must be a non-negative integer, not ${notes}`);
  if (!Number.isInteger(people) || people < 0) throw new RangeError(`people must be a non-negative integer, not ${people}`);
  const rng = makeRng(seed);
  /** @type {VaultFile[]} */
  const files = [];
  // With people: 0 the meetings still need names; they just have no person notes.
  const roster = makePeople(rng, Math.max(people, 12));
  const ownerIndex = int(rng, 0, Math.max(people, 1) - 1);
  const owner = roster[ownerIndex];
  const known = roster.slice(0, people || roster.length);
  for (let i = 0; i < people; i++) {
    files.push({ path: `People/${roster[i].name}.md`, text: personNote(rng, roster[i], i === ownerIndex) });
  }
  const used = new Set();
  for (let i = 0; i < notes; i++) {
    const m = makeMeeting(rng, known, owner);
    const base = `Meetings/${iso(m.date).slice(0, 4)}/${iso(m.date)} - ${m.fileTitle}`;
    let path = `${base}.md`;
    for (let k = 2; used.has(path); k++) path = `${base} (${k}).md`;
    used.add(path);
    files.push({ path, text: meetingNote(rng, m, owner.name) });
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// Adversarial notes for differential parser tests

const WORDS = [
  'review', 'the', 'cache', 'plan', 'with', 'ship', 'budget', 'draft', 'notes', 'for', 'Q3', 'and', 'follow', 'up',
  'on', 'rollout', 'metrics', 'a', 'deck', 'latency', 'owner', 'to', 'check', 'é', 'naïve', 'café', '日本', '→',
];
const TAGS = ['#task', '#proposed', '#auto', '#project/kestrel', '#1on1', '#a-b_c', '#', '#123', '#tag#tag'];
const MENTIONS = ['@Myself', '@Kenji', '@[[Talia Varga]]', '@[[Bram Ostrowski|Bram]]', '@Zoë', '@', '@@Odessa', 'odessa@example.com'];
const DECOR = ['🔺', '⏫', '🔼', '🔽', '⏬', '📅 2025-12-12', '⏳ 2026-01-05', '🛫 2025-11-30', '➕ 2025-10-01', '✅ 2025-12-20', '❌ 2025-12-21', '📅 2025-02-30', '^abc123', '^x-1', '🚀', '👩🏽‍💻'];
const INLINE = [
  '`- [?] code`', '`#notatag`', '`@nobody`', '``a ` b``', '`[[Not A Link]]`', '<kbd>#x</kbd>', '<span class="x">@Kenji</span>',
  '[[Meeting Note]]', '[[Meeting Note#Heading|alias]]', '![[image.png]]', '[link with [[wiki]]](https://example.com/a_b)',
  '<https://example.com/#tag>', '**bold #tag**', '*em @Kenji*', '~~struck~~', '\\#escaped', '\\[?]', '&amp;', '&#35;tag', '<!-- inline comment -->',
  '$x^2$', '==highlight==', '[^1]',
];
const STATUSES = ['?', '?', '?', ' ', ' ', 'x', 'X', '/', '-', '>', '!', '*'];

/** @param {Rng} rng @param {number} lo @param {number} hi */
function words(rng, lo, hi) {
  const n = int(rng, lo, hi);
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = rng();
    if (r < 0.72) out.push(pick(rng, WORDS));
    else if (r < 0.8) out.push(pick(rng, TAGS));
    else if (r < 0.87) out.push(pick(rng, MENTIONS));
    else if (r < 0.95) out.push(pick(rng, INLINE));
    else out.push(pick(rng, DECOR));
  }
  return out.join(' ');
}

/** Task text, as a task generator or a person would write it. @param {Rng} rng */
function taskText(rng) {
  const parts = [capitalize(words(rng, 1, 8))];
  if (chance(rng, 0.4)) parts.push(pick(rng, MENTIONS));
  if (chance(rng, 0.4)) parts.push(pick(rng, DECOR));
  if (chance(rng, 0.2)) parts.push(pick(rng, DECOR));
  if (chance(rng, 0.5)) parts.push('#task');
  if (chance(rng, 0.3)) parts.push('#proposed #auto');
  return parts.join(' ');
}

/** @param {Rng} rng */
const marker = (rng) => weighted(rng, [[10, '-'], [3, '*'], [3, '+'], [3, '1.'], [1, '2.'], [2, '1)'], [1, '10.'], [1, '0.']]);
/** @param {Rng} rng */
const box = (rng) => `[${pick(rng, STATUSES)}]`;
/** A task line with a random marker and status. @param {Rng} rng */
const task = (rng) => `${marker(rng)} ${box(rng)} ${taskText(rng)}`;

/**
 * Something that looks like a task, for the inside of code, comments and the like.
 * @param {Rng} rng
 */
const taskish = (rng) => pick(rng, [() => task(rng), () => `- [?] ${taskText(rng)}`, () => `- [ ] ${taskText(rng)}`, () => `# ${words(rng, 1, 3)}`, () => `> - [?] ${taskText(rng)}`, () => '---', () => `**With**: ${pick(rng, MENTIONS)}`])();

/** @typedef {{ obsidian: boolean }} Ctx */
/** @typedef {(rng: Rng, ctx: Ctx) => string[]} Block */

/** @type {Block} */
const atxHeading = (rng) => {
  const t = words(rng, 1, 5);
  return [
    pick(rng, [
      () => `${'#'.repeat(int(rng, 1, 6))} ${t}`,
      () => `## ${t} ##`,
      () => `### ${t} ###   `,
      () => `## ${t} #not-closing`,
      () => `${' '.repeat(int(rng, 1, 3))}# ${t}`,
      () => `    # ${t}`,
      () => `#${t.replace(/^#+/u, '')}`,
      () => `####### ${t}`,
      () => '#',
      () => '## ',
      () => `## ${box(rng)} ${taskText(rng)}`,
      () => `# ${t}\t`,
      () => `\\# ${t}`,
    ])(),
  ];
};

/** @type {Block} */
const setextHeading = (rng) => {
  const lines = [capitalize(words(rng, 1, 6))];
  if (chance(rng, 0.3)) lines.push(words(rng, 1, 6));
  if (chance(rng, 0.15)) lines[0] = `${box(rng)} ${lines[0]}`;
  const ch = chance(rng, 0.5) ? '=' : '-';
  lines.push(pick(rng, [ch.repeat(int(rng, 1, 12)), `${ch.repeat(3)}   `, `   ${ch.repeat(3)}`, `    ${ch.repeat(3)}`, `${ch} ${ch} ${ch}`]));
  return lines;
};

/** @type {Block} */
const paragraph = (rng) => {
  const lines = [capitalize(words(rng, 3, 12))];
  const n = int(rng, 0, 3);
  for (let i = 0; i < n; i++) lines.push(pick(rng, ['', ' ', '  ', '   ']) + words(rng, 2, 10));
  if (chance(rng, 0.2)) lines.push(`2. ${box(rng)} ordered item that cannot interrupt a paragraph`);
  if (chance(rng, 0.2)) lines.push(`- ${box(rng)} ${taskText(rng)}`);
  if (chance(rng, 0.1)) lines.push(`    ${task(rng)}`);
  return lines;
};

/** @type {Block} */
const taskList = (rng) => {
  const lines = [];
  const n = int(rng, 1, 6);
  const m = marker(rng);
  const loose = chance(rng, 0.25);
  for (let i = 0; i < n; i++) {
    lines.push(chance(rng, 0.85) ? `${m} ${box(rng)} ${taskText(rng)}` : `${m} ${words(rng, 1, 6)}`);
    if (chance(rng, 0.1)) lines.push(`${' '.repeat(m.length + 1)}${words(rng, 2, 8)}`);
    if (chance(rng, 0.1)) lines.push(words(rng, 2, 6)); // lazy continuation
    if (loose) lines.push('');
  }
  return lines;
};

/** @type {Block} */
const nestedList = (rng) => {
  const unit = weighted(rng, [[4, '  '], [2, '   '], [3, '    '], [1, '     '], [2, '\t'], [1, 'mixed']]);
  const indent = (/** @type {number} */ level) => {
    if (unit !== 'mixed') return unit.repeat(level);
    let s = '';
    for (let i = 0; i < level; i++) s += pick(rng, ['  ', '    ', '\t', ' \t']);
    return s;
  };
  const lines = [];
  let level = 0;
  const n = int(rng, 2, 9);
  for (let i = 0; i < n; i++) {
    lines.push(`${indent(level)}${marker(rng)} ${chance(rng, 0.75) ? `${box(rng)} ${taskText(rng)}` : words(rng, 1, 5)}`);
    if (chance(rng, 0.08)) lines.push('');
    if (chance(rng, 0.08)) lines.push(`${indent(level + 1)}${words(rng, 2, 6)}`);
    level = Math.max(0, Math.min(5, level + pick(rng, [-1, 0, 1, 1, 2, -2])));
  }
  return lines;
};

/** @type {Block} */
const oddBoxes = (rng) => {
  const t = () => taskText(rng);
  const all = [
    () => `- [?]${t()}`, () => `- [??] ${t()}`, () => `-[?] ${t()}`, () => '- [?]', () => '- [?] ', () => `- [ ] [?] ${t()}`,
    () => '- [ ]', () => `- [] ${t()}`, () => `- [ ]\t${t()}`, () => `- [?]  ${t()}`, () => `[?] ${t()}`, () => `- \\[?] ${t()}`,
    () => `- [x]: ${t()}`, () => `- [X]${t()}`, () => `- [ ]  `, () => `-\t[?] ${t()}`, () => `-     [?] ${t()}`, () => `- ${'['}?${']'}(${t()})`,
    () => `- [?]\u00a0${t()}`, () => `- [\u00a0] ${t()}`, () => `- [🔺] ${t()}`, () => `- [é] ${t()}`, () => `1.[?] ${t()}`, () => `- - [?] ${t()}`,
    () => `- > [?] ${t()}`, () => `-\n  [?] ${t()}`, () => `- # [?] ${t()}`, () => `* * [ ] ${t()}`, () => `- [?]\\`, () => `- [?] [[Link]] ${t()}`,
  ];
  return sample(rng, all, int(rng, 1, 4)).flatMap((f) => f().split('\n'));
};

/** @type {Block} */
const emphasis = (rng) =>
  sample(rng, [`*- [?] ${words(rng, 1, 4)}*`, `- *[?] ${words(rng, 1, 4)}*`, `**- [ ] ${words(rng, 1, 4)}**`, `_- [x] ${words(rng, 1, 4)}_`, `- **[?]** ${words(rng, 1, 4)}`, `- ~~[?] ${words(rng, 1, 4)}~~`, `- [?] *${words(rng, 1, 4)}*`], int(rng, 1, 3));

/** @type {Block} */
const blockquote = (rng) => {
  const lines = [];
  const n = int(rng, 1, 5);
  for (let i = 0; i < n; i++) {
    lines.push(
      pick(rng, [
        () => `> ${task(rng)}`,
        () => `> - [?] ${taskText(rng)}`,
        () => `> > - [ ] ${taskText(rng)}`,
        () => `>- [x] ${taskText(rng)}`,
        () => `>> ${task(rng)}`,
        () => `> ${words(rng, 2, 8)}`,
        () => words(rng, 2, 6), // lazy continuation
        () => `>     ${task(rng)}`,
        () => `   > ${task(rng)}`,
        () => '>',
        () => `> [!note] ${words(rng, 1, 3)}`,
        () => `>\t- [?] ${taskText(rng)}`,
        () => `> 1. [?] ${taskText(rng)}`,
        () => `>   - [/] ${taskText(rng)}`,
      ])(),
    );
  }
  return lines;
};

/** @type {Block} */
const fenced = (rng) => {
  const ch = chance(rng, 0.7) ? '`' : '~';
  const len = weighted(rng, [[6, 3], [2, 4], [1, 5]]);
  const fence = ch.repeat(len);
  const indent = weighted(rng, [[8, ''], [1, ' '], [1, '  '], [1, '   ']]);
  const info = pick(rng, ['', '', 'md', 'markdown', 'js', 'tasks', 'dataview', ' yaml', 'text title="a b"', ch === '`' ? 'a`b' : 'with `ticks`']);
  const lines = [`${indent}${fence}${info}`];
  const n = int(rng, 0, 5);
  for (let i = 0; i < n; i++) {
    const body = chance(rng, 0.15) ? pick(rng, ['', '   ', `${ch === '`' ? '~~~' : '```'}`, `${fence.slice(1)}`, `${indent} ${taskish(rng)}`]) : taskish(rng);
    lines.push(chance(rng, 0.3) ? `${indent}${body}` : body);
  }
  const close = weighted(rng, [[10, 'same'], [2, 'longer'], [2, 'shorter'], [1, 'other'], [2, 'indent'], [2, 'none'], [1, 'info']]);
  if (close === 'same') lines.push(`${indent}${fence}`);
  else if (close === 'longer') lines.push(`${fence}${ch}`);
  else if (close === 'shorter') lines.push(fence.slice(1), `${fence}`);
  else if (close === 'other') lines.push(ch === '`' ? '~~~' : '```', fence);
  else if (close === 'indent') lines.push(`${pick(rng, ['', ' ', '   ', '    '])}${fence}`);
  else if (close === 'info') lines.push(`${fence} not a closing fence`, fence);
  // 'none': unclosed, the rest of the note is code
  return lines;
};

/** @type {Block} */
const fencedInContainer = (rng) => {
  const inQuote = chance(rng, 0.5);
  const p = inQuote ? '> ' : '  ';
  const lines = [inQuote ? `> ${words(rng, 1, 4)}` : `- ${box(rng)} ${taskText(rng)}`, `${p}\`\`\``];
  lines.push(`${p}${taskish(rng)}`);
  if (chance(rng, 0.3)) lines.push(inQuote ? `- [?] ${taskText(rng)}` : `- [ ] ${taskText(rng)}`); // fence ends with the container
  lines.push(`${p}${taskish(rng)}`, `${p}\`\`\``);
  return lines;
};

/** @type {Block} */
const indentedCode = (rng) => {
  const lines = chance(rng, 0.85) ? [''] : []; // without the blank line, it is a lazy continuation of a paragraph
  const n = int(rng, 1, 4);
  for (let i = 0; i < n; i++) {
    lines.push(`${pick(rng, ['    ', '    ', '\t', '      ', '  \t'])}${taskish(rng)}`);
    if (chance(rng, 0.15)) lines.push(pick(rng, ['', '    ', '\t']));
  }
  return lines;
};

/** @type {Block} */
const html = (rng) =>
  pick(rng, [
    () => [`<!-- ${task(rng)} -->`],
    () => ['<!--', task(rng), '', `- [?] ${taskText(rng)}`, '-->'],
    () => [`<!-- a comment --> ${task(rng)}`],
    () => [`${task(rng)} <!-- trailing comment -->`],
    () => [`- [?] ${taskText(rng)} <!--`, task(rng), '-->'],
    () => ['<div>', task(rng), '</div>'],
    () => ['<div>', '', task(rng), '', '</div>'],
    () => ['<details>', `<summary>${words(rng, 1, 3)}</summary>`, '', `- [ ] ${taskText(rng)}`, '', '</details>'],
    () => ['<pre>', task(rng), '', task(rng), '</pre>'],
    () => ['<script>', `// ${task(rng)}`, '</script>'],
    () => ['<style>', '.x { color: red }', `/* ${task(rng)} */`, '</style>'],
    () => [`<span>${task(rng)}</span>`],
    () => ['<span>', task(rng)],
    () => [`  <!-- ${task(rng)} -->`],
    () => [`    <!-- ${task(rng)} -->`],
    () => ['<![CDATA[', task(rng), ']]>'],
    () => [`<?php ${task(rng)} ?>`],
    () => [`<!-- unclosed comment ${task(rng)}`],
    () => ['<table><tr><td>', task(rng), '</td></tr></table>'],
    () => [`<br/>`, task(rng)],
    () => [`- [?] ${taskText(rng)}`, `  <!-- ${task(rng)} -->`],
  ])();

/** @type {Block} */
const obsidianOnly = (rng) =>
  pick(rng, [
    () => [`%% ${task(rng)} %%`],
    () => ['%%', task(rng), '', task(rng), '%%'],
    () => ['$$', task(rng), '$$'],
    () => [`${task(rng)} %% note to self %%`],
    () => ['%%', task(rng)], // unclosed Obsidian comment
  ])();

/** @type {Block} */
const thematicBreak = (rng) => [pick(rng, ['---', '***', '- - -', '___', ' * * *', '----------', '-- -', '_ _ _ _', '---   ', '***\t'])];

/** @type {Block} */
const withLines = (rng) => {
  const lines = [`**Date**: ${pick(rng, ['2025-12-19', '2025-13-45', '2025/1/5'])}`, `**With**: ${sample(rng, ['Kenji Varga', 'Talia Ostrowski', 'Bram (last name unknown)', '[[Zoë Thorne]]', '@Myself'], int(rng, 1, 4)).join(', ')}`];
  return chance(rng, 0.5) ? lines : lines.slice(1);
};

/** @type {Block} */
const table = (rng) => {
  const lines = ['| Task | Owner |', pick(rng, ['|---|---|', '| :-- | --: |', '|-|-|', '---|---'])];
  const n = int(rng, 1, 3);
  for (let i = 0; i < n; i++) lines.push(`| ${chance(rng, 0.6) ? task(rng) : words(rng, 1, 3)} | ${pick(rng, MENTIONS)} |`);
  if (chance(rng, 0.3)) lines.push(task(rng)); // a list item right after the table
  return lines;
};

/** @type {Block} */
const linkRefs = (rng) =>
  sample(rng, ['[ref]: https://example.com/x "Title"', `[- [?] x]: /url`, '[^1]: Footnote - [?] not a task', '[[Wiki]]: not a definition', '[ref]:', '   [other]: <https://example.com> \'t\'', `[x]: /u\n${task(rng)}`], int(rng, 1, 3)).flatMap((l) => l.split('\n'));

/** @type {Block} */
const blanks = (rng) => sample(rng, ['', ' ', '  ', '\t', ' \t ', '     '], int(rng, 1, 3));

/** @type {Block} */
const meetingish = (rng) => ['## Action Items', '', ...Array.from({ length: int(rng, 1, 4) }, () => `- [?] ${taskText(rng)} @Myself ${pick(rng, PRIORITIES)} #task #proposed #auto`)];

/** @type {ReadonlyArray<readonly [number, Block]>} */
const BLOCKS = [
  [4, atxHeading], [3, setextHeading], [5, paragraph], [8, taskList], [5, nestedList], [4, oddBoxes], [2, emphasis],
  [5, blockquote], [5, fenced], [2, fencedInContainer], [3, indentedCode], [5, html], [2, thematicBreak], [1, withLines],
  [2, table], [1, linkRefs], [2, blanks], [2, meetingish],
];

/** @param {Rng} rng @returns {string[]} */
function frontmatter(rng) {
  return weighted(rng, [
    [35, () => []],
    [25, () => ['---', 'type: "people"', `title: "${words(rng, 1, 4)}"`, 'date: 2025-12-19', 'participants: ["Kenji Varga", "Talia Ostrowski"]', 'tags:', '  - "generated"', '---']],
    [6, () => ['---', 'notes: |', `  ${task(rng)}`, 'list:', `  - "${task(rng)}"`, '---']],
    [6, () => ['---', `title: "unclosed ${words(rng, 1, 3)}`, 'participants: [a, b', `- [?] ${taskText(rng)}`, '---']],
    [5, () => ['---', 'title: never closed', `- [?] ${taskText(rng)}`]],
    [5, () => ['---', '', capitalize(words(rng, 3, 8))]],
    [3, () => ['---', '---']],
    [3, () => ['--- ', 'title: x', '---']],
    [2, () => ['----', 'title: x', '----']],
    [2, () => ['---', 'title: x', '...']],
    [2, () => ['  ---', 'title: x', '---']],
  ])();
}

/**
 * One adversarial but realistic markdown note of 5 to 60 lines, built from random blocks: front
 * matter variants, headings, lists and tasks in every odd shape, blockquotes, code, HTML, tables...
 * and random line endings (LF, CRLF, rarely lone CR, or mixed), BOM and final newline.
 * `obsidian: true` adds Obsidian-only syntax (`%% comments %%`, `$$` math blocks), which a
 * CommonMark parser reads differently from Obsidian.
 * @param {Rng} rng
 * @param {{ obsidian?: boolean }} [options]
 * @returns {{ text: string }}
 */
export function variedNote(rng, options = {}) {
  const ctx = { obsidian: options.obsidian ?? false };
  const blocks = ctx.obsidian ? [...BLOCKS, /** @type {const} */ ([3, obsidianOnly])] : BLOCKS;
  const target = int(rng, 5, 60);
  const lines = frontmatter(rng);
  while (lines.length < target) {
    if (lines.length && chance(rng, 0.75)) lines.push(chance(rng, 0.85) ? '' : pick(rng, [' ', '  ', '\t']));
    lines.push(...weighted(rng, blocks)(rng, ctx));
  }
  lines.length = Math.min(lines.length, 60);
  for (let i = 0; i < lines.length; i++) {
    if (chance(rng, 0.06)) lines[i] += pick(rng, [' ', '  ', '\t', '   ', ' \t']);
  }
  const eol = weighted(rng, [[55, '\n'], [25, '\r\n'], [3, '\r'], [17, 'mixed']]);
  let text = '';
  for (let i = 0; i < lines.length; i++) {
    text += lines[i];
    if (i < lines.length - 1) text += eol === 'mixed' ? weighted(rng, [[5, '\n'], [4, '\r\n'], [1, '\r']]) : eol;
  }
  if (chance(rng, 0.8)) text += eol === 'mixed' ? '\r\n' : eol;
  if (chance(rng, 0.1)) text = '\uFEFF' + text;
  return { text };
}
