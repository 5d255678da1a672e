/**
 * A big open document is held as segments (workspace/segmentedDocument.ts). Whatever the edits,
 * it must answer exactly as the stock LSP text document does: text, ranges, positions, offsets,
 * lines and their line breaks, with \n, \r\n and lone \r.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SegmentedTextDocument, segmentingDocuments, segmentsOf } from '../../server/src/workspace/segmentedDocument';
import { SEGMENT_THRESHOLD } from '../../server/src/syntax/text';
import { runs } from './propertyHelpers';

const textArb = fc.array(fc.constantFrom('a', 'b', ' ', '\t', '\n', '\r\n', '\r', '#', '10.0.0.1 web1', '\n\n'), { maxLength: 40 }).map((parts) => parts.join(''));
const positionArb = fc.record({ line: fc.integer({ min: -1, max: 14 }), character: fc.integer({ min: -1, max: 20 }) });
const changeArb = fc.oneof(
  fc.record({ start: positionArb, end: positionArb, text: textArb }).map(({ start, end, text }) => ({ range: { start, end }, text })),
  textArb.map((text) => ({ text })),
);

function assertSame(segmented: TextDocument, stock: TextDocument, what: string): void {
  const text = stock.getText();
  assert.equal(segmented.getText(), text, `${what}: text`);
  assert.equal(segmented.lineCount, stock.lineCount, `${what}: lineCount`);
  for (let offset = -1; offset <= text.length + 1; offset++) assert.deepEqual(segmented.positionAt(offset), stock.positionAt(offset), `${what}: positionAt(${offset})`);
  for (let line = -1; line <= stock.lineCount + 1; line++) {
    assert.deepEqual(segmented.getLineRange(line), stock.getLineRange(line), `${what}: getLineRange(${line})`);
    assert.equal(segmented.getEOLCharacters(line), stock.getEOLCharacters(line), `${what}: getEOLCharacters(${line})`);
    for (const character of [-1, 0, 1, 3, 100]) {
      const position = { line, character };
      assert.equal(segmented.offsetAt(position), stock.offsetAt(position), `${what}: offsetAt(${JSON.stringify(position)})`);
      const range = { start: { line: Math.max(0, line - 1), character: 1 }, end: position };
      assert.equal(segmented.getText(range), stock.getText(range), `${what}: getText(${JSON.stringify(range)})`);
    }
  }
}

describe('segmented documents', () => {
  test('answer as the stock text document after any edits, in segments of any size', () => {
    fc.assert(
      fc.property(textArb, fc.integer({ min: 1, max: 12 }), fc.array(fc.array(changeArb, { minLength: 1, maxLength: 3 }), { maxLength: 6 }), (text, size, edits) => {
        const segmented = new SegmentedTextDocument('file:///h/etc/hosts', 'solaris-hosts', 1, text, size);
        let stock = TextDocument.create('file:///h/etc/hosts', 'solaris-hosts', 1, text);
        assertSame(segmented, stock, 'opened');
        edits.forEach((changes, i) => {
          // Ranges inside the text, as clients send them (a position past the end is clamped).
          let text = stock.getText();
          const valid = changes.map((c) => {
            const fresh = TextDocument.create('file:///x', 'x', 1, text);
            const clamp = (p: { line: number; character: number }) => fresh.positionAt(fresh.offsetAt(p));
            const change = 'range' in c ? { range: { start: clamp(c.range.start), end: clamp(c.range.end) }, text: c.text } : c;
            text = TextDocument.update(fresh, [change], 2).getText();
            return change;
          });
          segmented.update(valid, i + 2);
          stock = TextDocument.update(stock, valid, i + 2);
          assert.equal(segmented.version, i + 2);
          // Compared with a fresh document of the same text: the stock one's incremental line
          // table goes wrong on a range past the end (which no client sends), ours does not.
          assertSame(segmented, TextDocument.create(stock.uri, stock.languageId, stock.version, stock.getText()), `after ${JSON.stringify(changes)}`);
        });
      }),
      runs(6100, 150),
    );
  });

  test('only documents over the threshold are segmented, and an edit keeps the segments it does not touch', () => {
    const small = segmentingDocuments.create('file:///a/etc/hosts', 'solaris-hosts', 1, '127.0.0.1 localhost\n');
    assert.equal(segmentsOf(small), undefined);
    const line = '10.0.0.1\tweb1 web1-ce0 web1.example.com\n';
    const big = segmentingDocuments.create('file:///b/etc/hosts', 'solaris-hosts', 1, line.repeat(Math.ceil((SEGMENT_THRESHOLD * 2) / line.length)));
    const before = segmentsOf(big);
    assert.ok(before && before.segments.length > 4, 'a big document is cut into segments');
    const lastLine = big.lineCount - 2;
    const after = segmentingDocuments.update(big, [{ range: { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: 0 } }, text: '# x\n' }], 2);
    assert.equal(after, big, 'updated in place, as the document store expects');
    const segments = segmentsOf(after)!;
    assert.equal(segments.segments.length, before.segments.length);
    const kept = segments.segments.filter((s, i) => s === before.segments[i]).length;
    assert.equal(kept, before.segments.length - 1, 'only the edited segment is new');
    assert.equal(after.getText({ start: { line: lastLine, character: 0 }, end: { line: lastLine + 1, character: 0 } }), '# x\n');
  });
});
