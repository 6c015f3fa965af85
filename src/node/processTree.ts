// The processes a terminal's shell started, read from /proc (Linux): Stop on a command that runs in the
// Kimi terminal kills them, and their process groups, while the shell itself (and the terminal) stays.
import { readdir, readFile } from 'node:fs/promises';

interface ProcessEntry {
  pid: number;
  parent: number;
  group: number;
}

/** Undefined where there is no /proc to read (macOS, Windows): the caller falls back to closing the terminal. */
export async function descendantsOf(rootPid: number): Promise<ProcessEntry[] | undefined> {
  let names: string[];
  try {
    names = await readdir('/proc');
  } catch {
    return undefined;
  }
  const entries = (await Promise.all(names.filter((name) => /^\d+$/.test(name)).map(readEntry))).filter((entry): entry is ProcessEntry => entry !== undefined);
  const children = new Map<number, ProcessEntry[]>();
  for (const entry of entries) children.set(entry.parent, [...(children.get(entry.parent) ?? []), entry]);
  const found: ProcessEntry[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/** Kills every descendant of the shell and every job group they lead, never the shell's own group. Whether any were found. */
export async function killDescendants(shellPid: number): Promise<boolean | undefined> {
  const descendants = await descendantsOf(shellPid);
  if (!descendants) return undefined;
  const groups = new Set(descendants.map((entry) => entry.group).filter((group) => group !== shellPid && group > 1));
  for (const group of groups) tryKill(-group);
  for (const entry of descendants) tryKill(entry.pid);
  return descendants.length > 0;
}

function tryKill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

async function readEntry(name: string): Promise<ProcessEntry | undefined> {
  const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => undefined);
  if (!stat) return undefined;
  // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { pid: Number(name), parent: Number(fields[1]), group: Number(fields[2]) };
}
