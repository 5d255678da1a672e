/**
 * Keyword hover docs (server/src/catalog/keywordDocs.ts, renderDocs.ts) and the hostname
 * snippets (snippets/solaris-hostname.code-snippets).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isIP } from 'node:net';
import { ADDRESS_KEY, KEYWORD_DOCS, PLUS_KEY } from '../../server/src/catalog/keywordDocs';
import { renderKeywordMarkdown, renderKeywordPlain } from '../../server/src/catalog/renderDocs';
import { DHCP_WORDS, FAMILY_WORDS, KEYWORDS, findDhcpWord, findKeyword, type AddressFamily } from '../../server/src/catalog/keywords';
import { RELEASES, type Release } from '../../server/src/catalog/releases';

const CATALOG_NAMES = [...KEYWORDS.map((k) => k.name), ...FAMILY_WORDS, ...DHCP_WORDS.map((d) => d.name)];
const SPECIAL = [PLUS_KEY, ADDRESS_KEY];
const ALL_DOCUMENTED = [...CATALOG_NAMES, ...SPECIAL];

// ------------------------------------------------------------------ a small line checker

function isLiteral(word: string, family: AddressFamily): boolean {
  const [addr, len, extra] = word.split('/');
  if (extra !== undefined || addr === undefined) return false;
  const version = isIP(addr);
  if (version !== (family === 'inet' ? 4 : 6)) return false;
  if (len === undefined) return true;
  const n = Number(len);
  return /^\d+$/.test(len) && n <= (family === 'inet' ? 32 : 128);
}

function literalFamily(word: string): AddressFamily | undefined {
  if (isLiteral(word, 'inet')) return 'inet';
  if (isLiteral(word, 'inet6')) return 'inet6';
  return undefined;
}

/** RFC 952/1123 host name (digits-only and dotted-quad-looking words excluded). */
function isHostName(word: string): boolean {
  return /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(word) && !/^[\d.]+$/.test(word);
}

/** A keyword in the wrong case (`UP`): ifconfig would look it up as a host name. */
function isMiscasedKeyword(word: string): boolean {
  const lower = word.toLowerCase();
  return lower !== word && (findKeyword(lower) !== undefined || findDhcpWord(lower) !== undefined);
}

function isAddressWord(word: string, family: AddressFamily): boolean {
  if (isLiteral(word, family)) return true;
  return isHostName(word) && !isMiscasedKeyword(word) && findKeyword(word) === undefined && findDhcpWord(word) === undefined;
}

interface CheckedLine {
  readonly family: AddressFamily;
  /** The keywords met, in order, each with the index of its logical interface (0 = unit 0). */
  readonly keywords: readonly { name: string; unit: number }[];
  /** Addresses and names met as bare words, with their unit. */
  readonly addresses: readonly { word: string; unit: number }[];
}

/**
 * Walks one line of ifconfig arguments as ifconfig would and throws on anything that is not a
 * keyword (with a well-formed argument), `+` after netmask/broadcast, an address of the
 * line's family, or a host name. A line starting with `ifconfig <if> [inet|inet6]` is a
 * command line; `dhcpFile` marks a line of a dhcp.<if> file.
 */
function checkLine(line: string, options: { family?: AddressFamily; dhcpFile?: boolean } = {}): CheckedLine {
  let words = line.trim().split(/[ \t]+/);
  let family: AddressFamily | undefined = options.family;
  if (words[0] === 'ifconfig') {
    assert.match(words[1] ?? '', /^[a-z][a-z0-9.]*\d(:\d+)?$/, `interface name in ${line}`);
    words = words.slice(2);
    if (words[0] === 'inet' || words[0] === 'inet6') {
      family = words[0];
      words = words.slice(1);
    }
  }
  if (family === undefined) family = words.some((w) => literalFamily(w) === 'inet6') ? 'inet6' : 'inet';
  const keywords: { name: string; unit: number }[] = [];
  const addresses: { word: string; unit: number }[] = [];
  let unit = 0;
  let dhcp = options.dhcpFile === true;
  // The DHCP special case of a hostname file: exactly `inet <name>` (reference §1.4).
  if (!options.dhcpFile && words.length === 2 && words[0] === 'inet' && isHostName(words[1] ?? '')) {
    return { family, keywords: [{ name: 'inet', unit }], addresses: [{ word: words[1] ?? '', unit }] };
  }
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (dhcp) {
      const spec = findDhcpWord(word);
      assert.ok(spec, `"${word}" is no DHCP word in: ${line}`);
      keywords.push({ name: word, unit });
      if (spec.argument === 'dhcp-wait') {
        const arg = words[++i] ?? '';
        assert.match(arg, /^(\d+|forever)$/, `wait argument in: ${line}`);
      }
      continue;
    }
    if ((word === 'dhcp' || word === 'auto-dhcp') && i === 0) {
      assert.equal(family, 'inet', `DHCP on Solaris 10 is IPv4 only: ${line}`);
      keywords.push({ name: word, unit });
      dhcp = true;
      continue;
    }
    const spec = findKeyword(word);
    if (spec) {
      assert.ok(spec.family === undefined || spec.family === family, `"${word}" is not valid for ${family}: ${line}`);
      assert.ok(word !== 'dhcp' && word !== 'auto-dhcp', `${word} must be the first word: ${line}`);
      if (word === 'addif') unit++;
      keywords.push({ name: word, unit });
      if (spec.argument && !(spec.argumentOptional && i === words.length - 1)) {
        const arg = words[++i];
        assert.ok(arg !== undefined, `no argument for ${word}: ${line}`);
        switch (spec.argument) {
          case 'address':
            assert.ok(isAddressWord(arg, family), `bad address "${arg}" for ${word}: ${line}`);
            addresses.push({ word: arg, unit });
            break;
          case 'destination':
            assert.ok(!arg.includes('/') && isAddressWord(arg, family), `bad address "${arg}" for ${word}: ${line}`);
            break;
          case 'netmask':
            assert.ok(arg === '+' || /^(\d+\.){3}\d+$/.test(arg) || /^0x[0-9a-f]{8}$/i.test(arg), `bad mask "${arg}": ${line}`);
            break;
          case 'broadcast':
            assert.ok(arg === '+' || isLiteral(arg, 'inet'), `bad broadcast "${arg}": ${line}`);
            break;
          case 'group':
            assert.match(arg, /^[^\s"]{1,31}$/, `bad group name "${arg}": ${line}`);
            break;
          case 'integer':
          case 'byte':
            assert.match(arg, /^\d+$/, `bad number "${arg}": ${line}`);
            if (spec.argument === 'byte') assert.ok(Number(arg) <= 255, `over 255: ${line}`);
            break;
          case 'prefix':
            assert.ok(arg.includes('/') && literalFamily(arg) !== undefined, `bad prefix "${arg}": ${line}`);
            if (word === 'token') assert.equal(literalFamily(arg), 'inet6', `token takes an IPv6 value: ${line}`);
            break;
          case 'interface':
            assert.match(arg, /^([a-z][a-z0-9]*\d|none)$/, `bad interface "${arg}": ${line}`);
            break;
          case 'zone':
            assert.match(arg, /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, `bad zone "${arg}": ${line}`);
            break;
          case 'module':
            assert.match(arg, /^[a-z0-9_]+@\d+$/, `bad module "${arg}": ${line}`);
            break;
          case 'mac':
            assert.match(arg, /^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}$/i, `bad MAC "${arg}": ${line}`);
            break;
          case 'algorithm':
            assert.match(arg, /^[a-z0-9-]+$/, `bad algorithm "${arg}": ${line}`);
            break;
          case 'dhcp-wait':
            assert.match(arg, /^(\d+|forever)$/, `bad wait "${arg}": ${line}`);
            break;
        }
      }
      continue;
    }
    assert.notEqual(word, '+', `stray + in: ${line}`);
    assert.ok(isAddressWord(word, family), `"${word}" is neither keyword nor ${family} address/host name: ${line}`);
    addresses.push({ word, unit });
  }
  return { family, keywords, addresses };
}

function words(text: string): string[] {
  return text.trim().split(/\s+/);
}

// ------------------------------------------------------------------ coverage

test('every catalog word has docs with a description and an example', () => {
  for (const name of CATALOG_NAMES) {
    const doc = KEYWORD_DOCS[name];
    assert.ok(doc, `no docs for ${name}`);
    assert.ok(doc.description.trim().length > 20, `empty description for ${name}`);
    assert.ok(doc.example.trim().length > 0, `empty example for ${name}`);
  }
});

test('the special entries + and <address> are documented', () => {
  for (const name of SPECIAL) {
    const doc = KEYWORD_DOCS[name];
    assert.ok(doc, `no docs for ${name}`);
    assert.ok(doc.description.length > 20);
    assert.ok(doc.example.length > 0);
  }
});

test('no docs for words that are not in the catalog', () => {
  const known = new Set(ALL_DOCUMENTED);
  for (const name of Object.keys(KEYWORD_DOCS)) assert.ok(known.has(name), `docs for unknown word ${name}`);
});

test('keywords that matter for IPMP have an IPMP paragraph', () => {
  for (const spec of KEYWORDS.filter((k) => k.ipmp)) {
    assert.ok(KEYWORD_DOCS[spec.name]?.ipmp, `${spec.name} is marked ipmp but has no IPMP text`);
  }
});

test('every keyword that takes an argument documents it', () => {
  for (const spec of KEYWORDS.filter((k) => k.argument)) {
    assert.ok(KEYWORD_DOCS[spec.name]?.argument, `${spec.name} takes an argument but its docs do not say what`);
  }
  for (const spec of DHCP_WORDS.filter((d) => d.argument)) {
    assert.ok(KEYWORD_DOCS[spec.name]?.argument, `${spec.name} takes an argument but its docs do not say what`);
  }
});

test('doc texts are Markdown-safe: no raw < or > and no unbalanced backticks', () => {
  for (const [name, doc] of Object.entries(KEYWORD_DOCS)) {
    for (const [field, text] of Object.entries(doc)) {
      if (field === 'example' || typeof text !== 'string') continue;
      assert.equal((text.match(/`/g) ?? []).length % 2, 0, `unbalanced backtick in ${name}.${field}`);
      const outsideCode = text.replace(/`[^`]*`/g, '');
      assert.doesNotMatch(outsideCode, /[<>*]/, `raw markup character in ${name}.${field}: ${outsideCode}`);
      assert.doesNotMatch(outsideCode, /(^|\s)_|_(\s|$)/, `underscore emphasis in ${name}.${field}`);
    }
  }
});

test('the facts the brief calls for are in the descriptions', () => {
  assert.match(KEYWORD_DOCS['-failover']?.description ?? '', /does not imply `deprecated`/);
  assert.match(KEYWORD_DOCS['up']?.description ?? '', /left to right/);
  const group = KEYWORD_DOCS['group']?.description ?? '';
  assert.match(group, /31 characters/);
  assert.match(group, /case counts/);
  assert.match(group, /unit 0/);
  const plus = KEYWORD_DOCS[PLUS_KEY]?.description ?? '';
  assert.match(plus, /netmasks/);
  assert.match(plus, /classful/);
  assert.match(KEYWORD_DOCS['standby']?.description ?? '', /address, `deprecated`, `-failover`, `standby`, `up`/);
});

// ------------------------------------------------------------------ examples

test('every example uses its keyword', () => {
  for (const name of CATALOG_NAMES) {
    const example = KEYWORD_DOCS[name]?.example ?? '';
    assert.ok(words(example).includes(name), `example of ${name} does not use it: ${example}`);
  }
  assert.ok(words(KEYWORD_DOCS[PLUS_KEY]?.example ?? '').includes('+'));
  assert.ok(words(KEYWORD_DOCS[ADDRESS_KEY]?.example ?? '').some((w) => isHostName(w) && !findKeyword(w)));
});

test('every example is a well-formed line of its family', () => {
  for (const [name, doc] of Object.entries(KEYWORD_DOCS)) {
    const dhcp = findDhcpWord(name);
    const dhcpFile = dhcp !== undefined && dhcp.inDhcpFile;
    const spec = findKeyword(name);
    const checked = checkLine(doc.example, { family: spec?.family, dhcpFile });
    if (spec?.family) assert.equal(checked.family, spec.family, `example of ${name} is for ${checked.family}`);
  }
});

test('IPv4-only examples hold no IPv6 literal, IPv6-only examples no IPv4 literal', () => {
  for (const spec of KEYWORDS.filter((k) => k.family)) {
    const example = KEYWORD_DOCS[spec.name]?.example ?? '';
    const other = spec.family === 'inet' ? 'inet6' : 'inet';
    for (const word of words(example)) {
      assert.notEqual(literalFamily(word), other, `${spec.name} (${spec.family}) example holds ${word}`);
    }
  }
});

test('command-line examples are used for command-line-only words', () => {
  for (const spec of KEYWORDS.filter((k) => k.interactiveOnly)) {
    assert.match(KEYWORD_DOCS[spec.name]?.example ?? '', /^ifconfig /, `${spec.name}`);
  }
  for (const spec of DHCP_WORDS.filter((d) => !d.inDhcpFile)) {
    assert.match(KEYWORD_DOCS[spec.name]?.example ?? '', /^ifconfig \S+ dhcp /, `${spec.name}`);
  }
});

test('the line checker rejects what it should', () => {
  assert.throws(() => checkLine('myhost netmask + broadcast + UP'));
  assert.throws(() => checkLine('myhost + up'));
  assert.throws(() => checkLine('2001:db8::5/64 netmask + up'));
  assert.throws(() => checkLine('token ::10/64', { family: 'inet' }));
  assert.throws(() => checkLine('myhost netmask'));
  assert.throws(() => checkLine('myhost netmask + up # primary'));
  assert.doesNotThrow(() => checkLine('-failover group prod up', { family: 'inet6' }));
});

// ------------------------------------------------------------------ rendering

test('every documented word renders as Markdown and as plain text', () => {
  for (const name of ALL_DOCUMENTED) {
    const md = renderKeywordMarkdown(name);
    const text = renderKeywordPlain(name);
    assert.ok(md, `no markdown for ${name}`);
    assert.ok(text, `no plain text for ${name}`);
    const example = KEYWORD_DOCS[name]?.example ?? '';
    assert.ok(md.includes('```\n' + example + '\n```'), `example not fenced for ${name}`);
    assert.equal((md.match(/```/g) ?? []).length, 2, `one fenced block for ${name}`);
    assert.ok(text.includes(example), `example missing in plain text for ${name}`);
    assert.doesNotMatch(text, /`|\*\*/, `markup left in plain text for ${name}`);
    assert.ok(md.length < 2000, `hover for ${name} is too long (${md.length})`);
  }
});

test('words with no docs render nothing', () => {
  assert.equal(renderKeywordMarkdown('UP'), undefined);
  assert.equal(renderKeywordMarkdown('standy'), undefined);
  assert.equal(renderKeywordMarkdown('toString'), undefined);
  assert.equal(renderKeywordMarkdown('constructor'), undefined);
  assert.equal(renderKeywordPlain('__proto__'), undefined);
});

test('the title names the word and its opposite', () => {
  const md = renderKeywordMarkdown('-failover') ?? '';
  const first = md.split('\n')[0] ?? '';
  assert.match(first, /`-failover`/);
  assert.match(first, /opposite `failover`/);
  assert.match(renderKeywordMarkdown('group')?.split('\n')[0] ?? '', /`group`\*\* _name_/);
  assert.match(renderKeywordPlain('-failover')?.split('\n')[0] ?? '', /^-failover \(opposite: failover\)$/);
});

test('facts: family, physical interface, release, command line', () => {
  assert.match(renderKeywordMarkdown('netmask') ?? '', /IPv4 only/);
  assert.match(renderKeywordMarkdown('token') ?? '', /IPv6 only/);
  assert.match(renderKeywordMarkdown('token') ?? '', /physical interface only/);
  assert.match(renderKeywordMarkdown('group') ?? '', /physical interface only/);
  assert.doesNotMatch(renderKeywordMarkdown('up') ?? '', /IPv4 only|IPv6 only|physical interface only|Releases:/);
  assert.match(renderKeywordMarkdown('ipmp') ?? '', /Releases: OpenSolaris/);
  assert.match(renderKeywordMarkdown('zone') ?? '', /Releases: Solaris 10/);
  assert.match(renderKeywordMarkdown('modlist') ?? '', /command line only/);
  assert.match(renderKeywordMarkdown('status') ?? '', /command line only/);
  assert.match(renderKeywordMarkdown('primary') ?? '', /dhcp\.<if>/);
});

test('IPMP and pitfall paragraphs are rendered when present', () => {
  const md = renderKeywordMarkdown('standby') ?? '';
  assert.match(md, /\*\*IPMP:\*\*/);
  assert.match(md, /\*\*Pitfall:\*\*/);
  const plain = renderKeywordPlain('standby') ?? '';
  assert.match(plain, /^IPMP: /m);
  assert.match(plain, /^Pitfall: /m);
  assert.doesNotMatch(renderKeywordMarkdown('metric') ?? '', /IPMP:|Pitfall:/);
});

// ------------------------------------------------------------------ releases (issue 13)

test('"By release" notes: known releases, oldest first, none twice, Markdown-safe sentences', () => {
  for (const [name, doc] of Object.entries(KEYWORD_DOCS)) {
    const notes = doc.byRelease ?? [];
    const seen = new Set<Release>();
    let last = -1;
    for (const note of notes) {
      assert.ok(note.releases.length > 0, `empty note in ${name}`);
      for (const r of note.releases) {
        assert.ok(RELEASES.includes(r), `${name}: unknown release ${r}`);
        assert.ok(!seen.has(r), `${name}: ${r} in two notes`);
        seen.add(r);
      }
      const first = Math.min(...note.releases.map((r) => RELEASES.indexOf(r)));
      assert.ok(first > last, `${name}: notes oldest first`);
      last = first;
      assert.match(note.text, /^[A-Za-z`].*\.$/, `${name}: a sentence`);
      assert.equal((note.text.match(/`/g) ?? []).length % 2, 0, `unbalanced backtick in ${name}`);
      assert.doesNotMatch(note.text.replace(/`[^`]*`/g, ''), /[<>*]|(^|\s)_|_(\s|$)/, `markup in ${name}: ${note.text}`);
    }
    if (notes.length === 1) assert.ok(notes[0]!.releases.length < RELEASES.length, `${name}: a note for every release is no difference`);
  }
});

test('Solaris 11 equivalents: a command in a code span, Markdown-safe', () => {
  for (const [name, doc] of Object.entries(KEYWORD_DOCS)) {
    if (!doc.solaris11) continue;
    assert.match(doc.solaris11, /^(`(ipadm|dladm) [^`]+`|none: )/, `${name}: ${doc.solaris11}`);
    assert.equal((doc.solaris11.match(/`/g) ?? []).length % 2, 0, `unbalanced backtick in ${name}`);
    assert.doesNotMatch(doc.solaris11.replace(/`[^`]*`/g, ''), /[<>*]/, `markup in ${name}: ${doc.solaris11}`);
  }
});

test('the Solaris 11 map of reference §6 is in the docs', () => {
  const expected: Record<string, string> = {
    standby: '`ipadm set-ifprop -p standby=on -m ip <link>`',
    plumb: '`ipadm create-ip <if>`',
    mtu: '`ipadm set-ifprop -p mtu=<n> -m ipv4 <if>`',
    metric: '`ipadm set-ifprop -p metric=<n> -m ipv4 <if>`',
    '-arp': '`ipadm set-ifprop -p arp=off -m ipv4 <if>`',
    router: '`ipadm set-ifprop -p forwarding=on -m ipv4 <if>`',
    '-router': '`ipadm set-ifprop -p forwarding=off -m ipv4 <if>`',
    '-nud': '`ipadm set-ifprop -p nud=off -m ipv6 <if>`',
    usesrc: '`ipadm set-ifprop -p usesrc=<interface> -m ipv4 <if>`',
    deprecated: '`ipadm set-addrprop -p deprecated=on <addrobj>`',
    preferred: '`ipadm set-addrprop -p preferred=on <addrobj>`',
    private: '`ipadm set-addrprop -p private=on <addrobj>`',
    '-xmit': '`ipadm set-addrprop -p transmit=off <addrobj>`',
    zone: '`ipadm set-addrprop -p zone=<zone> <addrobj>`',
    ether: '`dladm set-linkprop -p mac-address=<mac> <link>`',
    group: '`ipadm create-ipmp -i <link1> -i <link2> ipmp0`',
    '-failover': '`ipadm create-addr -T static -a <address>/<len> <link>/test`',
    dhcp: '`ipadm create-addr -T dhcp <if>/v4`',
    tsrc: '`dladm create-iptun -T ipv4 -s <source> -d <destination> tun0`',
  };
  for (const [name, command] of Object.entries(expected)) {
    assert.ok(KEYWORD_DOCS[name]?.solaris11?.startsWith(command), `${name}: ${KEYWORD_DOCS[name]?.solaris11}`);
  }
});

test('the release differences of reference §2 are in the notes', () => {
  const note = (name: string, release: Release): string => KEYWORD_DOCS[name]?.byRelease?.find((n) => n.releases.includes(release))?.text ?? '';
  assert.match(note('ipmp', 's10'), /ipmp: bad address/);
  for (const r of ['osol', 'illumos'] as const) assert.match(note('ipmp', r), /hostname\.ipmp/);
  assert.match(note('ipmp', 's11'), /no hostname file is read/);
  for (const r of ['osol', 'illumos', 's11'] as const) assert.match(note('-failover', r), /Implies `deprecated`/);
  assert.match(note('-failover', 's10-early'), /Does not imply `deprecated`/);
  for (const r of ['osol', 'illumos', 's11'] as const) assert.match(note('dhcp', r), /IPv6 too/);
  assert.match(note('dhcp', 's8'), /IPv4 only/);
  assert.match(note('tsrc', 's11'), /Obsolete: .*dladm create-iptun/);
  assert.match(note('tdst', 's11'), /Obsolete/);
  assert.equal(note('tsrc', 'illumos').includes('Obsolete'), false, 'illumos keeps tsrc in its ifconfig table');
  assert.match(note('-arp', 's11'), /IPMP interface/);
  assert.match(note('router', 's11'), /whole group/);
  assert.match(note('<address>', 's10-early'), /ipnodes/);
});

test('every hover stays short and marks at most one note, for every target', () => {
  for (const name of ALL_DOCUMENTED) {
    for (const release of RELEASES) {
      const md = renderKeywordMarkdown(name, release) ?? '';
      assert.ok(md.length < 2000, `hover for ${name} on ${release} is too long (${md.length})`);
      const marked = md.split('\n').filter((l) => l.includes('(your target)'));
      const notes = KEYWORD_DOCS[name]?.byRelease ?? [];
      assert.equal(marked.length, notes.some((n) => n.releases.includes(release)) ? 1 : 0, `${name} on ${release}`);
      const text = renderKeywordPlain(name, release) ?? '';
      assert.doesNotMatch(text, /`|\*\*/, `markup left in plain text for ${name}`);
    }
  }
  // Without a target nothing is marked.
  assert.doesNotMatch(renderKeywordMarkdown('-failover') ?? '', /your target/);
});

// ------------------------------------------------------------------ snippets

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const SNIPPET_FILE = resolve(__dirname, '../../../snippets/solaris-hostname.code-snippets');

function loadSnippets(): Record<string, Snippet> {
  return JSON.parse(readFileSync(SNIPPET_FILE, 'utf8')) as Record<string, Snippet>;
}

/** The text a snippet inserts when every placeholder keeps its default. */
function expandSnippet(body: string): string {
  const values = new Map<string, string>();
  // First pass: the defaults of ${n:default}.
  for (const m of body.matchAll(/\$\{(\d+):([^}]*)\}/g)) {
    const [, n, value] = m;
    if (n !== undefined && value !== undefined && !values.has(n)) values.set(n, value);
  }
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length && '\\$}'.includes(body[i + 1] ?? '')) {
      out += body[++i];
      continue;
    }
    if (c === '$') {
      const rest = body.slice(i);
      const full = /^\$\{(\d+):([^}]*)\}/.exec(rest) ?? /^\$\{(\d+)\}/.exec(rest) ?? /^\$(\d+)/.exec(rest);
      assert.ok(full, `unexpected $ in snippet body: ${rest.slice(0, 20)}`);
      out += values.get(full[1] ?? '') ?? '';
      i += full[0].length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/** Joins backslash-newline continuations as /sbin/sh's read does (reference §1.6). */
function logicalLines(text: string): string[] {
  return text.replace(/\\\n/g, '').split('\n').slice(0, -1);
}

test('snippets: valid JSON with prefix, description and a body ending in a newline', () => {
  const snippets = loadSnippets();
  const names = Object.keys(snippets);
  assert.ok(names.length >= 7, `only ${names.length} snippets`);
  for (const [name, s] of Object.entries(snippets)) {
    assert.ok(s.prefix && s.prefix.length > 0, `${name}: prefix`);
    assert.ok(s.description && s.description.length > 20, `${name}: description`);
    const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
    assert.ok(body.endsWith('\n'), `${name}: body must end with a newline`);
    assert.ok(!body.endsWith('\n\n'), `${name}: a trailing blank line makes a one-line file multi-line`);
    assert.ok(!body.includes('#'), `${name}: # is no comment in a hostname file`);
    assert.doesNotMatch(body, /\\\\ +$/m, `${name}: backslash followed by spaces`);
  }
});

test('snippets: what they insert is a valid configuration', () => {
  for (const [name, s] of Object.entries(loadSnippets())) {
    const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
    const text = expandSnippet(body);
    assert.ok(text.endsWith('\n'), `${name}: expanded text ends with a newline`);
    // A continuation must keep a space before the backslash (or `up\` + `addif` glue together).
    assert.doesNotMatch(text, /\S\\\n/, `${name}: backslash glued to a word`);
    const family: AddressFamily = /^IPv6/.test(name) ? 'inet6' : 'inet';
    for (const line of logicalLines(text)) {
      assert.ok(line.trim().length > 0, `${name}: blank line`);
      const checked = checkLine(line, { family });
      const order = checked.keywords;
      const at = (kw: string, unit: number) => order.findIndex((k) => k.name === kw && k.unit === unit);
      const units = new Set(order.map((k) => k.unit));
      for (const unit of units) {
        const up = at('up', unit);
        for (const before of ['-failover', 'deprecated', 'standby', 'group']) {
          const i = at(before, unit);
          if (i >= 0) assert.ok(up > i, `${name}: ${before} must come before up (unit ${unit}): ${line}`);
        }
        if (at('standby', unit) >= 0) assert.ok(at('-failover', unit) < at('standby', unit), `${name}: -failover before standby`);
        const nm = at('netmask', unit);
        const bc = at('broadcast', unit);
        if (bc >= 0) assert.ok(nm >= 0 && nm < bc, `${name}: netmask + before broadcast +`);
        if (nm >= 0 && unit === 0) {
          assert.ok(checked.addresses.some((a) => a.unit === 0), `${name}: netmask + with no address: ${line}`);
        }
      }
      const group = order.filter((k) => k.name === 'group');
      for (const g of group) assert.equal(g.unit, 0, `${name}: group after addif: ${line}`);
      if (at('standby', 0) >= 0) assert.ok(!order.some((k) => k.name === 'addif'), `${name}: standby with addif`);
      if (family === 'inet6') {
        for (const k of order) assert.ok(findKeyword(k.name)?.family !== 'inet', `${name}: ${k.name} in hostname6`);
        // The link-local test address is never deprecated; a global address never -failover.
        assert.ok(at('deprecated', 0) < 0, `${name}: deprecated on the IPv6 link-local test address`);
        for (const k of order) if (k.unit > 0) assert.notEqual(k.name, '-failover', `${name}: -failover on a global IPv6 address`);
      } else {
        // An IPv4 test address is deprecated and -failover together.
        for (const unit of units) {
          assert.equal(at('deprecated', unit) >= 0, at('-failover', unit) >= 0, `${name}: deprecated and -failover go together (unit ${unit})`);
        }
      }
    }
  }
});

test('snippets: mirrored placeholders repeat a name, not a different default', () => {
  for (const [name, s] of Object.entries(loadSnippets())) {
    const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
    const defaults = new Map<string, string>();
    for (const m of body.matchAll(/\$\{(\d+):([^}]*)\}/g)) {
      const [, n, value] = m;
      if (n === undefined || value === undefined) continue;
      const seen = defaults.get(n);
      if (seen !== undefined) assert.equal(value, seen, `${name}: placeholder ${n} has two defaults`);
      defaults.set(n, value);
    }
  }
});
