// The agent's tools in VS Code: the editor-free executors of src/common/tools on the VS Code workspace.
// In a restricted (untrusted) workspace only the tools that neither write nor run exist.
import * as vscode from 'vscode';
import type { ApprovalBroker } from '../../common/agent/approvals';
import type { AgentTools } from '../../common/agent/agentLoop';
import type { BackgroundProcesses } from '../../common/tools/backgroundProcesses';
import { SensitiveConsents } from '../../common/tools/consentGate';
import { CheckpointingWorkspace, type TurnChangeJournal } from '../../common/checkpoints/checkpointingWorkspace';
import { createToolSet, describeTarget } from '../../common/tools/toolSet';
import type { Workspace } from '../../common/tools/workspace';
import { failure, type ToolCardUpdates, type ToolContext } from '../../common/tools/toolContext';
import type { Configuration } from '../configuration';
import type { ChangeReview } from '../review/changeReview';
import type { KimiTerminals } from '../terminal/kimiTerminals';
import { VsCodeWorkspace } from '../workspace/vscodeWorkspace';
import type { WorkspaceFiles } from '../workspace/workspaceFiles';

export interface WorkspaceToolDeps {
  files: WorkspaceFiles;
  configuration: Configuration;
  approvals: ApprovalBroker;
  recorder: ToolCardUpdates;
  review: ChangeReview;
  signal: AbortSignal;
  /** The running turn's checkpoint: records each file before and after the tools change it. */
  checkpoints?: TurnChangeJournal;
  /** Commands in the Kimi terminal and background processes; without them commands run as captured processes only. */
  commands?: { terminals: KimiTerminals; processes: BackgroundProcesses; conversationId(): string | undefined };
}

export function createWorkspaceTools(deps: WorkspaceToolDeps): AgentTools {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) {
    return {
      definitions: () => [],
      isReadOnly: () => true,
      describeTarget,
      execute: async () => failure('no folder is open in VS Code, so there is no workspace to work on.', 'no workspace'),
    };
  }
  return createToolSet(
    {
      workspace: withCheckpoints(new VsCodeWorkspace(root, deps.files, deps.review, deps.commands?.terminals), deps.checkpoints),
      settings: () => deps.configuration.settings,
      approvals: deps.approvals,
      recorder: deps.recorder,
      consents: new SensitiveConsents(),
      signal: deps.signal,
      ...backgroundOf(deps),
    },
    { readOnly: !vscode.workspace.isTrusted },
  );
}

function withCheckpoints(workspace: Workspace, checkpoints: TurnChangeJournal | undefined): Workspace {
  return checkpoints ? new CheckpointingWorkspace(workspace, checkpoints) : workspace;
}

/** The open conversation owns the background processes its turns start. */
function backgroundOf(deps: WorkspaceToolDeps): Pick<ToolContext, 'background'> {
  const owner = deps.commands?.conversationId();
  return deps.commands && owner ? { background: { processes: deps.commands.processes, owner } } : {};
}
