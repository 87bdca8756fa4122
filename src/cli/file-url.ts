import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * What a path under the root may hold to be written into its URL as it is (spaces become %20): none
 * of these characters is percent-encoded by pathToFileURL (which writes `~` as %7E, so `~` is not one
 * of them). Empty, `.` and `..` segments are checked apart.
 */
const PLAIN = /^[\w .\-/(),&+@]*$/u;

/**
 * `pathToFileURL(p).href` for the paths under one folder, faster for the common name: a warm start
 * makes one URL per file of the vault, and the URL parser took a tenth of it. A path under `root` made
 * only of PLAIN characters, with no empty, `.` or `..` segment, gives the root's URL, `/`, and the rest
 * with its spaces written %20: exactly what pathToFileURL gives (a test compares them). Any other path
 * goes through pathToFileURL.
 */
export function fileUrlsUnder(root: string): (absPath: string) => string {
  const rootHref = pathToFileURL(root).href.replace(/\/$/u, '');
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return (absPath) => {
    if (absPath.startsWith(prefix)) {
      let rest = absPath.slice(prefix.length);
      if (path.sep !== '/') rest = rest.replaceAll(path.sep, '/');
      if (PLAIN.test(rest) && !/(?:^|\/)\.{0,2}(?:\/|$)/u.test(rest)) return `${rootHref}/${rest.replaceAll(' ', '%20')}`;
    }
    return pathToFileURL(absPath).href;
  };
}
