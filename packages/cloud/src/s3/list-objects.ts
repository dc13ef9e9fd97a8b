import { compareUtf8 } from './bucket-objects.js';

export interface ListRequest {
  readonly prefix: string;
  readonly delimiter: string;
  /** List keys after this one (StartAfter, Marker, or where a continuation token left off). */
  readonly after: string;
  readonly maxKeys: number;
}

export interface ListPage {
  readonly keys: readonly string[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  /** The last key or common prefix of the page: where the next page starts. */
  readonly last?: string;
}

/**
 * One page of a bucket listing as S3 computes it: keys under `prefix` after `after`, in UTF-8
 * order; with a delimiter, keys that contain it after the prefix roll up into one common prefix
 * each, and a common prefix counts as one entry against `maxKeys`.
 */
export function listPage(sortedKeys: readonly string[], request: ListRequest): ListPage {
  const keys: string[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  const afterPrefix = rolledUp(request.after, request) ? request.after : undefined;
  for (const key of sortedKeys) {
    if (!key.startsWith(request.prefix)) continue;
    if (request.after !== '' && compareUtf8(key, request.after) <= 0) continue;
    // A page that ended on a common prefix resumes after every key rolled up into it.
    if (afterPrefix !== undefined && key.startsWith(afterPrefix)) continue;
    let entry = key;
    let isPrefix = false;
    if (request.delimiter !== '') {
      const at = key.indexOf(request.delimiter, request.prefix.length);
      if (at !== -1) {
        entry = key.slice(0, at + request.delimiter.length);
        isPrefix = true;
        if (entry === last) continue;
      }
    }
    if (keys.length + commonPrefixes.length >= request.maxKeys)
      return { keys, commonPrefixes, isTruncated: true, ...(last === undefined ? {} : { last }) };
    if (isPrefix) commonPrefixes.push(entry);
    else keys.push(entry);
    last = entry;
  }
  return { keys, commonPrefixes, isTruncated: false, ...(last === undefined ? {} : { last }) };
}

/** Whether `entry` is a common prefix of this listing (its first delimiter after the prefix ends it). */
function rolledUp(entry: string, request: ListRequest): boolean {
  if (request.delimiter === '' || entry.length <= request.prefix.length || !entry.startsWith(request.prefix))
    return false;
  const at = entry.indexOf(request.delimiter, request.prefix.length);
  return at !== -1 && at === entry.length - request.delimiter.length;
}
