// Bundles one of the project's TypeScript scripts (the bench worker, the fuzz runner) for Node with
// esbuild, as the CLI is bundled: CommonJS for Node 20, and `yaml`'s ESM build (the one that is faster).
import { build } from 'esbuild';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `scripts/<entry>` into `outfile`. */
export async function bundleScript(entry, outfile) {
  await build({
    entryPoints: [path.join(root, 'scripts', entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    mainFields: ['module', 'main'],
    alias: { yaml: path.join(root, 'node_modules/yaml/browser/index.js') },
    logLevel: 'error',
  });
}
