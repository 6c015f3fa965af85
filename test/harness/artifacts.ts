// Where runs leave what a person needs after the fact: screenshots of each step, and on failure the
// server and extension-host logs, the browser console and a screenshot of the moment it failed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './setup.mjs';

export const testResultsDir = join(repoRoot, 'test-results');

export function artifactDir(...segments: string[]): string {
  const dir = join(testResultsDir, ...segments);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Turns a step description into a file name that sorts and reads well. */
export function fileNameFor(description: string): string {
  return description.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'step';
}

/** A screenshot that never throws: a failed capture must not hide the failure being recorded. */
export async function screenshotQuietly(page: Page | undefined, path: string): Promise<string | undefined> {
  if (!page || page.isClosed()) return undefined;
  try {
    await page.screenshot({ path, timeout: 10_000 });
    return path;
  } catch (error) {
    writeFileSync(`${path}.txt`, `screenshot failed: ${String(error)}\n`);
    return undefined;
  }
}
