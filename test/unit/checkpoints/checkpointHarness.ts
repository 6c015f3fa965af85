// A workspace on a temp folder with the real checkpoint path: the agent's edit_file / write_file executors on the
// Node workspace, wrapped in CheckpointingWorkspace, recording into Checkpoints on the Node journal store.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ApprovalBroker } from '../../../src/common/agent/approvals';
import type { ToolOutcome } from '../../../src/common/agent/agentLoop';
import { Checkpoints } from '../../../src/common/checkpoints/checkpoints';
import type { CheckpointFiles } from '../../../src/common/checkpoints/checkpointStore';
import { CheckpointingWorkspace } from '../../../src/common/checkpoints/checkpointingWorkspace';
import { defaultSettings } from '../../../src/common/settings';
import { SensitiveConsents } from '../../../src/common/tools/consentGate';
import { createToolSet } from '../../../src/common/tools/toolSet';
import { NodeCheckpointFiles, NodeCheckpointStore } from '../../../src/node/checkpointStore';
import { NodeWorkspace } from '../../../src/node/nodeWorkspace';

export interface Harness {
  root: string;
  storage: string;
  checkpoints: Checkpoints;
  files: CheckpointFiles;
  notices: string[];
  /** Files the "editor" holds unsaved changes to. */
  unsaved: Set<string>;
  /** Runs one user turn: its checkpoint begins, the tool calls run as the model would make them, it ends. */
  turn(userTurnId: string, calls: { name: string; args: Record<string, unknown> }[]): Promise<{ checkpointId: string; outcomes: ToolOutcome[] }>;
  read(path: string): Promise<string | undefined>;
  write(path: string, text: string): Promise<void>;
  /** A new Checkpoints on the same storage, as after a reload. */
  reopen(): Checkpoints;
  dispose(): Promise<void>;
}

export const CONVERSATION = 'conv-1';

export async function createHarness(options: { maxBytes?: number; files?: (files: CheckpointFiles) => CheckpointFiles; autoApproveCommands?: boolean } = {}): Promise<Harness> {
  const base = await mkdtemp(join(tmpdir(), 'kimi-checkpoints-'));
  const root = join(base, 'workspace');
  const storage = join(base, 'storage');
  await mkdir(root, { recursive: true });
  const notices: string[] = [];
  const unsaved = new Set<string>();
  const nodeFiles = new NodeCheckpointFiles(root, (path) => unsaved.has(path));
  const files = options.files ? options.files(nodeFiles) : nodeFiles;
  let ids = 0;
  const make = () =>
    new Checkpoints({
      store: new NodeCheckpointStore(storage),
      files,
      maxBytes: () => options.maxBytes ?? 50 * 1024 * 1024,
      notify: (_level, message) => void notices.push(message),
      now: () => 1_000,
      newId: () => `cp${++ids}`,
    });
  const harness: Harness = {
    root,
    storage,
    checkpoints: make(),
    files,
    notices,
    unsaved,
    async turn(userTurnId, calls) {
      const checkpointId = await harness.checkpoints.beginTurn(CONVERSATION, { id: userTurnId });
      const signal = new AbortController().signal;
      const tools = createToolSet(
        {
          workspace: new CheckpointingWorkspace(new NodeWorkspace(root, { ripgrep: false }), harness.checkpoints),
          settings: () => ({ 'autoApprove.readOnlyTools': true, 'autoApprove.edits': true, 'autoApprove.commands': options.autoApproveCommands ?? false, commandAllowList: defaultSettings.commandAllowList }),
          approvals: new ApprovalBroker(),
          recorder: { markAwaitingApproval: () => undefined, onToolCall: () => undefined },
          consents: new SensitiveConsents(),
          signal,
        },
        { readOnly: false },
      );
      const outcomes: ToolOutcome[] = [];
      for (const [index, call] of calls.entries()) {
        outcomes.push(await tools.execute({ index, id: `${userTurnId}-${index}`, name: call.name, argumentsText: JSON.stringify(call.args), arguments: call.args }, signal));
      }
      await harness.checkpoints.endTurn();
      return { checkpointId, outcomes };
    },
    read: (path) => readFile(join(root, path), 'utf8').catch(() => undefined),
    async write(path, text) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    },
    reopen: () => (harness.checkpoints = make()),
    dispose: () => rm(base, { recursive: true, force: true }),
  };
  return harness;
}

export const edit = (path: string, oldString: string, newString: string) => ({ name: 'edit_file', args: { path, old_string: oldString, new_string: newString } });
export const write = (path: string, content: string) => ({ name: 'write_file', args: { path, content } });
export const command = (line: string) => ({ name: 'run_command', args: { command: line } });
