/**
 * The API reference (`npm run docs`, TypeDoc) builds with no warning: every type the public API
 * refers to can be imported by name from 'edge-augment', and every {@link} resolves. (Undocumented
 * members are listed by `npm run docs:undocumented`; not yet zero.)
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('TypeDoc API reference', () => {
  it('builds with warnings treated as errors (no unexported public type, no broken link)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--emit', 'none'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    const text = (r.stdout + r.stderr).replace(/\x1b\[[0-9;]*m/g, '');
    expect(r.status, text).toBe(0);
    expect(text).not.toMatch(/\[warning\]|\[error\]/);
  }, 200_000);
});
