/**
 * What the npm scripts run: `node scripts/launch.mjs <entry> [args…]` starts dist/<entry>.js with plain node,
 * first rebuilding dist/ when a source is newer than the last build (an edit, a git pull, an install that
 * skipped `prepare`), so compiled and TypeScript sources can never drift apart. `npm run start:dev` and
 * `npm run ask:dev` run the TypeScript sources through tsx instead.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildDist, DIST, ENTRIES, isFresh } from "./build-dist.mjs";

const [entry] = process.argv.splice(2, 1);
if (!entry || !Object.hasOwn(ENTRIES, entry)) {
  process.stderr.write(`Usage: node scripts/launch.mjs <${Object.keys(ENTRIES).join("|")}> [arguments]\n`);
  process.exit(2);
}
if (!(await isFresh())) {
  process.stderr.write("Sources changed since the last build: building dist/ …\n");
  await buildDist();
}
await import(pathToFileURL(path.join(DIST, `${entry}.js`)).href);
