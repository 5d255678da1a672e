/**
 * The documents open in the editor. Clients spell URIs their own way (`hostname.ce0:1` or
 * `hostname.ce0%3A1`); the host model works on normalized ones, so an open file and its copy on
 * disk are one file. This table answers both ways, and is the host model's view of open text.
 */
import { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { classifyPath, kindOfLanguage, type FileKind } from '../syntax/fileKind';
import type { SegmentedText } from '../syntax/text';
import { hostRootUri, normalizeUri, type OpenDocuments } from '../workspace/hostModel';
import { segmentingDocuments, segmentsOf } from '../workspace/segmentedDocument';

export class EditorDocuments implements OpenDocuments {
  /** The LSP document store; big documents are held as segments. */
  readonly documents = new TextDocuments(segmentingDocuments);
  /** Normalized URI -> the URI as the client spells it. */
  private readonly clientUris = new Map<string, string>();
  /** Host roots of open documents, worked out once per document. */
  private readonly hostRoots = new Map<string, string>();

  opened(uri: string): void {
    this.clientUris.set(normalizeUri(uri), uri);
  }

  closed(uri: string): void {
    this.clientUris.delete(normalizeUri(uri));
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TextDocument[] {
    return this.documents.all();
  }

  /** The open document's URI as the client spells it, by normalized URI. */
  clientUri(uri: string): string | undefined {
    return this.clientUris.get(uri);
  }

  // The host model's OpenDocuments: by normalized URI.
  textOf(uri: string): string | undefined {
    const raw = this.clientUris.get(uri);
    return raw === undefined ? undefined : this.documents.get(raw)?.getText();
  }

  uris(): Iterable<string> {
    return this.clientUris.keys();
  }

  segmentsOf(uri: string): SegmentedText | undefined {
    const raw = this.clientUris.get(uri);
    return raw === undefined ? undefined : segmentsOf(this.documents.get(raw));
  }

  /** The kind of an open document: its language id, else its path. */
  kindOf(doc: TextDocument): FileKind | undefined {
    return kindOfLanguage(doc.languageId) ?? classifyPath(URI.parse(doc.uri).path);
  }

  /** The kind of a file by normalized URI: the open document's when it is open, else its path's. */
  kindOfPath(uri: string): FileKind | undefined {
    const open = this.clientUris.get(uri);
    const doc = open ? this.documents.get(open) : undefined;
    return (doc && this.kindOf(doc)) ?? classifyPath(URI.parse(uri).path);
  }

  /** The host root of an open document (by the client's URI), remembered until it closes. */
  hostRootOf(uri: string): string {
    let root = this.hostRoots.get(uri);
    if (root === undefined) this.hostRoots.set(uri, (root = hostRootUri(uri)));
    return root;
  }

  /** Whether a document of this host (by its normalized root URI) is open. */
  hasOpenIn(rootUri: string): boolean {
    for (const uri of this.clientUris.keys()) if (hostRootUri(uri) === rootUri) return true;
    return false;
  }

  forgetHostRoot(uri: string): void {
    this.hostRoots.delete(uri);
  }
}
