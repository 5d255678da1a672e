/**
 * Open documents for the LSP document store. A big document (over SEGMENT_THRESHOLD: a
 * 200,000-line hosts file) is held as a SegmentedText: an edit replaces the segment it touches,
 * where the stock document copies the whole text on every keystroke (8 MB each, and the heap
 * grows by that much until the next full collection). Its whole text is joined only when a
 * feature asks for it; the hosts file of a host is read from the segments (HostModel).
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { SEGMENT_BYTES, SEGMENT_THRESHOLD, SegmentedText } from '../syntax/text';

export class SegmentedTextDocument implements TextDocument {
  private content: SegmentedText;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    text: string,
    /** Segment size (tests cut small texts into many). */
    private readonly size = SEGMENT_BYTES,
  ) {
    this.content = SegmentedText.of(text, size);
  }

  get version(): number {
    return this.currentVersion;
  }

  /** The text as segments (nothing joined). */
  get segments(): SegmentedText {
    return this.content;
  }

  get lineCount(): number {
    return this.content.lineCount;
  }

  getText(range?: Range): string {
    if (!range) return this.content.text;
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    return this.content.slice(Math.min(start, end), Math.max(start, end));
  }

  positionAt(offset: number): Position {
    const position = this.content.positionAt(offset);
    // As the stock document: an offset inside a line break is the end of its line.
    const end = this.content.lineEnd(position.line) - this.content.lineStart(position.line);
    return position.character > end ? { line: position.line, character: end } : position;
  }

  offsetAt(position: Position): number {
    return this.content.offsetAt(position);
  }

  getLineRange(line: number): Range {
    const lines = this.content.lineCount;
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    if (line >= lines) {
      const last = lines - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.content.length - this.content.lineStart(last) } };
    }
    const start = this.content.lineStart(line);
    return { start: { line, character: 0 }, end: { line, character: this.content.lineEnd(line) - start } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.content.lineCount) return '';
    const next = line + 1 < this.content.lineCount ? this.content.lineStart(line + 1) : this.content.length;
    return this.content.slice(this.content.lineEnd(line), next);
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) {
        const a = this.offsetAt(change.range.start);
        const b = this.offsetAt(change.range.end);
        this.content = this.content.withEdit(Math.min(a, b), Math.max(a, b), change.text, this.size);
      } else {
        this.content = SegmentedText.of(change.text, this.size);
      }
    }
    this.currentVersion = version;
  }
}

/** The document store's configuration: big documents segmented, the rest as usual. */
export const segmentingDocuments = {
  create(uri: string, languageId: string, version: number, content: string): TextDocument {
    return content.length > SEGMENT_THRESHOLD ? new SegmentedTextDocument(uri, languageId, version, content) : TextDocument.create(uri, languageId, version, content);
  },
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    if (document instanceof SegmentedTextDocument) {
      document.update(changes, version);
      return document;
    }
    return TextDocument.update(document, changes, version);
  },
};

/** The segments of an open document, when it is held as segments. */
export function segmentsOf(document: TextDocument | undefined): SegmentedText | undefined {
  return document instanceof SegmentedTextDocument ? document.segments : undefined;
}
