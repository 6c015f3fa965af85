// What /proc says about processes the tests started: whether one still runs, and who is left in its group
// (a server's children stay in it). Linux only, as are the process-group tests that use it.
import { readdir, readFile } from 'node:fs/promises';

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
async function statFields(pid: string | number): Promise<string[] | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
}

export async function isRunning(pid: number): Promise<boolean> {
  const state = (await statFields(pid))?.[0];
  return state !== undefined && state !== 'Z' && state !== 'X';
}

/** Live members of a process group. */
export async function processGroupMembers(group: number): Promise<number[]> {
  const members: number[] = [];
  for (const name of (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry))) {
    const fields = await statFields(name);
    if (fields && Number(fields[2]) === group && fields[0] !== 'Z') members.push(Number(name));
  }
  return members;
}
