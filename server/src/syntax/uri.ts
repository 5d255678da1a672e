/**
 * File URIs parsed once. A run of ipmp-lint or the server's index meets the same few URIs of
 * a host many times (each file's, its folder's, its host root's), and vscode-uri parses with a
 * regular expression and percent-decodes each time; a URI is immutable and caches its own
 * string form, so one parse per distinct string serves every later use.
 */
import { URI } from 'vscode-uri';

/** Distinct URIs remembered before the memory is cleared (a fleet's worth, a few MB). */
const MAX_REMEMBERED = 50_000;
const parsed = new Map<string, URI>();

export function parseUri(uri: string): URI {
  let known = parsed.get(uri);
  if (known === undefined) {
    if (parsed.size >= MAX_REMEMBERED) parsed.clear();
    known = URI.parse(uri);
    parsed.set(uri, known);
  }
  return known;
}

/**
 * A file URI made only of characters vscode-uri never encodes (letters, digits, `/ . _ ~ -`):
 * it is already in the form URI.toString() gives, so it needs no parse to be normalized.
 */
export function isPlainFileUri(uri: string): boolean {
  // `file:////…` is not plain: vscode-uri rejects a path that starts with two slashes.
  if (!uri.startsWith('file:///') || uri.charCodeAt(8) === 47) return false;
  for (let i = 8; i < uri.length; i++) {
    const c = uri.charCodeAt(i);
    // a-z, A-Z, 0-9, '-', '.', '/', '_', '~'
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 45 && c <= 57) || c === 95 || c === 126)) return false;
  }
  return true;
}

/** A URI in the one spelling every cache and comparison uses: what vscode-uri prints after parsing it. */
export function normalizeUri(uri: string): string {
  return isPlainFileUri(uri) ? uri : parseUri(uri).toString();
}

/** The path of a URI, or undefined when it cannot be parsed. */
export function uriPath(uri: string): string | undefined {
  try {
    return parseUri(uri).path;
  } catch {
    return undefined;
  }
}
