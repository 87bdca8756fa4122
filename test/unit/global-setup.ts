import { execFileSync } from 'node:child_process';

/** The CLI tests spawn the real bundle, so build it first (esbuild: well under a second). */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
