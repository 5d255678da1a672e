/**
 * File URIs parsed once. A run of ipmp-lint or the server's index meets the same few URIs of
 * a host many times (each file's, its folder's, its host root's), and vscode-uri parses with a
 * regular expression and percent-decodes each time; a URI is immutable and caches its own
 * string form, so one parse per distinct string serves every later use.
 */
import { URI, Utils } from 'vscode-uri';

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
  // The same URI is often asked about twice in a row (normalized, then read).
  if (uri !== lastAsked) {
    lastAsked = uri;
    lastPlain = PLAIN_FILE_URI.test(uri);
  }
  return lastPlain;
}

let lastAsked = '';
let lastPlain = false;

/** Is this an absolute path whose file URI is plain (`file://` + the path)? Asked of the path, so no URI is built to be tested. */
export function isPlainAbsolutePath(path: string): boolean {
  return PLAIN_ABSOLUTE_PATH.test(path);
}

// `file:////…` is not plain: vscode-uri rejects a path that starts with two slashes. (A regular
// expression: asked for every URI of every host, it runs at half the cost of a loop over the characters.)
const PLAIN_FILE_URI = /^file:\/\/\/(?!\/)[A-Za-z0-9._~\/-]*$/;
const PLAIN_ABSOLUTE_PATH = /^\/(?!\/)[A-Za-z0-9._~\/-]*$/;

/** A URI in the one spelling every cache and comparison uses: what vscode-uri prints after parsing it. */
export function normalizeUri(uri: string): string {
  return isPlainFileUri(uri) ? uri : parseUri(uri).toString();
}

/** The path of a URI, or undefined when it cannot be parsed. */
export function uriPath(uri: string): string | undefined {
  if (isPlainFileUri(uri)) return uri.slice('file://'.length);
  try {
    return parseUri(uri).path;
  } catch {
    return undefined;
  }
}

/**
 * Does a path hold something a path join or `path.relative` would normalize: an empty, `.` or
 * `..` segment (a leading or trailing `/` makes an empty one)?
 */
export function hasUnnormalizedSegment(path: string): boolean {
  return UNNORMALIZED_SEGMENT.test(path);
}

const UNNORMALIZED_SEGMENT = /(?:^|\/)\.{0,2}(?:\/|$)/;
const PLAIN_PATH = /^[A-Za-z0-9._~\/-]*$/;

/** Plain path segments under a folder: `hosts`, `inet/hosts`; none empty, `.` or `..`, nothing to encode. */
function isPlainRelative(name: string): boolean {
  return PLAIN_PATH.test(name) && !hasUnnormalizedSegment(name);
}

/**
 * The normalized URI of `name` under the folder `dirUri`, as vscode-uri's joinPath gives it.
 * A fleet's every file is named this way, so plain URIs and names (the usual case) are joined
 * as strings, without a parse.
 */
export function childUri(dirUri: string, name: string): string {
  if (isPlainFileUri(dirUri) && isPlainRelative(name)) {
    // joinPath normalizes the folder's path too: it must have nothing to normalize either.
    const trailing = dirUri.charCodeAt(dirUri.length - 1) === 47;
    const folder = dirUri.slice('file:///'.length, trailing ? -1 : undefined);
    if (folder === '' || isPlainRelative(folder)) return trailing ? dirUri + name : `${dirUri}/${name}`;
  }
  return Utils.joinPath(parseUri(dirUri), name).toString();
}

/** `baseName` of a URI's path (what follows its last `/`), a plain URI read without a parse. */
export function uriBaseName(uri: string): string {
  const path = isPlainFileUri(uri) ? uri.slice('file://'.length) : parseUri(uri).path;
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Does the URI's path hold a `.` or `..` segment (which a WHATWG URL parse resolves away)? */
export function hasDotSegment(uri: string): boolean {
  return /\/\.{1,2}(?:\/|$)/.test(uri);
}
