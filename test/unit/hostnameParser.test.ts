import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHostnameFile, readLogicalLines, wordAt } from '../../server/src/syntax/hostname';
import { eolTest, textIn } from './helpers';

const words = (text: string) => readLogicalLines(text).map((l) => l.words.map((w) => w.text));

describe('hostname files: what the shell read loop makes of the text (§1.4, §1.6)', () => {
  eolTest('one word list per line', 'myhost netmask + broadcast + up\n', (text) => {
    assert.deepEqual(words(text), [['myhost', 'netmask', '+', 'broadcast', '+', 'up']]);
  });

  eolTest('backslash-newline joins lines with nothing in between', 'a up \\\n addif b up\n', (text) => {
    const lines = readLogicalLines(text);
    assert.equal(lines.length, 1);
    assert.deepEqual(lines[0]!.words.map((w) => w.text), ['a', 'up', 'addif', 'b', 'up']);
    assert.equal(lines[0]!.firstLine, 0);
    assert.equal(lines[0]!.lastLine, 1);
    assert.equal(lines[0]!.continuations[0]!.gluesWords, false);
  });

  eolTest('a backslash glued to a word joins two words into one', 'a up\\\naddif b up\n', (text) => {
    const lines = readLogicalLines(text);
    assert.deepEqual(lines[0]!.words.map((w) => w.text), ['a', 'upaddif', 'b', 'up']);
    assert.equal(lines[0]!.continuations[0]!.gluesWords, true);
    // The glued word's range covers both physical lines.
    assert.equal(lines[0]!.words[1]!.range.start.line, 0);
    assert.equal(lines[0]!.words[1]!.range.end.line, 1);
  });

  eolTest('a backslash followed by blanks does not continue the line', 'a up \\  \naddif b up\n', (text) => {
    const lines = readLogicalLines(text);
    assert.equal(lines.length, 2);
    assert.equal(lines[0]!.escapedBlanks.length, 1);
    assert.equal(textIn(text, lines[0]!.escapedBlanks[0]!.range), '\\  ');
  });

  eolTest('other backslashes escape the next character', 'my\\host up\n', (text) => {
    assert.deepEqual(words(text), [['myhost', 'up']]);
    const w = readLogicalLines(text)[0]!.words[0]!;
    assert.equal(textIn(text, w.range), 'my\\host');
  });

  test('an unterminated last line is kept for the editor but marked as never read', () => {
    const file = parseHostnameFile('myhost up', { fileName: 'hostname.ce0' });
    assert.equal(file.unterminatedLine?.words[0]?.text, 'myhost');
    assert.equal(file.implicitNetmaskBroadcastUp, undefined);
  });

  test('in a multi-line file, dropping the unterminated last line leaves one record that gets the implicit up', () => {
    const file = parseHostnameFile('myhost\nother up', { fileName: 'hostname.ce0' });
    assert.equal(file.multiLine, false);
    assert.equal(file.implicitNetmaskBroadcastUp?.line.words[0]?.text, 'myhost');
  });
});

describe('hostname files: single-line versus multi-line (§1.4)', () => {
  const cases: [string, string, boolean][] = [
    ['one line', 'myhost\n', false],
    ['leading blank lines are harmless', '\n\nmyhost\n', false],
    ['a blank line after the address makes it multi-line', 'myhost\n\n', true],
    ['two lines', 'myhost up\naddif other up\n', true],
    ['a continued line is one record', 'myhost up \\\naddif other up\n', false],
  ];
  for (const [name, text, multi] of cases) {
    eolTest(name, text, (t) => {
      const file = parseHostnameFile(t, { fileName: 'hostname.ce0' });
      assert.equal(file.multiLine, multi);
      assert.equal(file.implicitNetmaskBroadcastUp !== undefined, !multi);
    });
  }

  test('hostname6 files never get the implicit netmask + broadcast + up', () => {
    const file = parseHostnameFile('-failover group prod up\n', { fileName: 'hostname6.ce0' });
    assert.equal(file.family, 'inet6');
    assert.equal(file.implicitNetmaskBroadcastUp, undefined);
  });
});

describe('hostname files: what ifconfig makes of the words (§1.7, §3.8)', () => {
  eolTest('addif starts a new logical interface that takes the following keywords', 'myhost netmask + broadcast + group prod up \\\naddif myhost-test deprecated -failover netmask + broadcast + up\n', (text) => {
    const file = parseHostnameFile(text, { fileName: 'hostname.ce0' });
    const [unit, addif] = file.commands[0]!.segments;
    assert.equal(unit!.address?.text, 'myhost');
    assert.deepEqual(unit!.keywords.map((k) => k.spec.name), ['netmask', 'broadcast', 'group', 'up']);
    assert.equal(unit!.keywords[2]!.argument?.text, 'prod');
    assert.equal(addif!.kind, 'addif');
    assert.equal(addif!.address?.text, 'myhost-test');
    assert.deepEqual(addif!.keywords.map((k) => k.spec.name), ['addif', 'deprecated', '-failover', 'netmask', 'broadcast', 'up']);
  });

  eolTest('a second bare word is the destination, a third has nowhere to go', 'a b c up\n', (text) => {
    const segment = parseHostnameFile(text).commands[0]!.segments[0]!;
    assert.equal(segment.address?.text, 'a');
    assert.equal(segment.destination?.text, 'b');
    assert.deepEqual(segment.extraWords.map((w) => w.text), ['c']);
  });

  eolTest('a + not taken by netmask or broadcast is stray', '192.168.0.1 broadcast + netmask 255.255.255.0 + up\n', (text) => {
    const segment = parseHostnameFile(text).commands[0]!.segments[0]!;
    assert.deepEqual(segment.strayPlus.map((w) => w.start), [text.lastIndexOf('+')]);
  });

  eolTest('keywords are case-sensitive', 'myhost UP\n', (text) => {
    const segment = parseHostnameFile(text).commands[0]!.segments[0]!;
    assert.equal(segment.keywords.length, 0);
    assert.equal(segment.destination?.text, 'UP');
  });

  eolTest('a word starting with # and the rest of the line are a comment', 'myhost up # primary\n', (text) => {
    const command = parseHostnameFile(text).commands[0]!;
    assert.equal(textIn(text, command.comment!.range), '# primary');
    assert.deepEqual(command.segments[0]!.keywords.map((k) => k.spec.name), ['up']);
  });

  eolTest('dhcp as the first word switches to the DHCP sub-syntax', 'dhcp primary wait 30\n', (text) => {
    const command = parseHostnameFile(text, { fileName: 'hostname.bge0' }).commands[0]!;
    assert.equal(command.dhcpKeyword?.text, 'dhcp');
    assert.deepEqual(command.dhcpWords.map((w) => [w.token.text, w.argument?.text]), [['primary', undefined], ['wait', '30']]);
  });

  eolTest('dhcp.<if> files hold DHCP options', 'primary\nwait 60\n', (text) => {
    const file = parseHostnameFile(text, { fileName: 'dhcp.bge0' });
    assert.equal(file.isDhcpFile, true);
    assert.deepEqual(file.commands.flatMap((c) => c.dhcpWords.map((w) => w.token.text)), ['primary', 'wait']);
  });

  eolTest('wordAt finds the word and its role under an offset', 'myhost group prod up\n', (text) => {
    const file = parseHostnameFile(text);
    assert.equal(wordAt(file, text.indexOf('prod') + 1)?.role, 'argument');
    assert.equal(wordAt(file, 0)?.role, 'address');
    assert.equal(wordAt(file, text.indexOf(' up') + 1)?.keyword?.name, 'up');
  });
});
