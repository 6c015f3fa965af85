// "Kimi: MCP Servers": each server with its status, tool count and origin, and what can be done with it.
import * as vscode from 'vscode';
import type { McpServerInfo } from '../../node/mcp/serverManager';
import type { McpServers } from './mcpServers';

type ServerItem = vscode.QuickPickItem & { info?: McpServerInfo };

export function registerMcpServersCommand(servers: McpServers): vscode.Disposable {
  return vscode.commands.registerCommand('kimiAssistant.mcpServers', async () => {
    await servers.refresh();
    const items: ServerItem[] = servers.servers().map((info) => ({
      label: info.name,
      description: `${describeStatus(info)} · ${info.toolCount} tools · ${info.source === 'user' ? 'user' : 'project'}`,
      detail: info.launch,
      info,
    }));
    items.push({ label: '$(output) Show Log' });
    const picked = await vscode.window.showQuickPick(items, { title: 'Kimi: MCP Servers', placeHolder: items.length === 1 ? 'No MCP server is configured' : 'Choose a server' });
    if (!picked) return;
    if (!picked.info) return servers.showLog();
    const action = await vscode.window.showQuickPick(['Restart', 'Stop for this window', 'Show Log'], { title: `MCP server "${picked.info.name}"` });
    if (action === 'Restart') await servers.restart(picked.info.name);
    else if (action === 'Stop for this window') await servers.stop(picked.info.name);
    else if (action === 'Show Log') servers.showLog();
  });
}

function describeStatus(info: McpServerInfo): string {
  if (info.disabled) return 'disabled';
  return info.status.state === 'failed' ? `failed: ${info.status.reason}` : info.status.state;
}
