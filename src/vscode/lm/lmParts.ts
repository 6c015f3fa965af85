// Translates between VS Code's language-model parts and the editor-free shapes of src/common/lm. Image data
// parts are recognised by shape (mime type and bytes), since LanguageModelDataPart is only typed from 1.106.
import * as vscode from 'vscode';
import type { LmContentPart, LmMediaPart, LmMessage } from '../../common/lm/lmMessages';
import type { LmOutputPart } from '../../common/lm/lmResponse';
import type { ToolDefinition } from '../../common/llm/types';
import { toKimiSchema } from '../../common/mcp/toolSchema';

/** `LanguageModelChatMessageRole.System` is proposed API (3); a caller that uses it still means a system message. */
const SYSTEM_ROLE = 3;

interface DataLike {
  mimeType: string;
  data: Uint8Array;
}

function isDataLike(value: unknown): value is DataLike {
  return typeof value === 'object' && value !== null && 'mimeType' in value && typeof value.mimeType === 'string' && 'data' in value && value.data instanceof Uint8Array;
}

function isTextualMime(mimeType: string): boolean {
  return mimeType.startsWith('text/') || /[/+]json$/.test(mimeType);
}

/** A part inside a message or a tool result, as text or image; undefined for what Kimi cannot read. */
function mediaPart(part: unknown): LmMediaPart | undefined {
  if (part instanceof vscode.LanguageModelTextPart) return { kind: 'text', text: part.value };
  if (part instanceof vscode.LanguageModelPromptTsxPart) return { kind: 'text', text: JSON.stringify(part.value) };
  if (isDataLike(part)) {
    if (part.mimeType.startsWith('image/')) return { kind: 'image', mimeType: part.mimeType, base64: Buffer.from(part.data).toString('base64') };
    if (isTextualMime(part.mimeType)) return { kind: 'text', text: new TextDecoder().decode(part.data) };
  }
  return undefined;
}

function contentPart(part: unknown): LmContentPart | undefined {
  if (part instanceof vscode.LanguageModelToolCallPart) return { kind: 'toolCall', callId: part.callId, name: part.name, input: part.input };
  if (part instanceof vscode.LanguageModelToolResultPart) {
    return { kind: 'toolResult', callId: part.callId, content: part.content.flatMap((item) => mediaPart(item) ?? []) };
  }
  return mediaPart(part);
}

export function fromVsCodeMessage(message: vscode.LanguageModelChatRequestMessage): LmMessage {
  const role = message.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : (message.role as number) === SYSTEM_ROLE ? 'system' : 'user';
  return { role, content: message.content.flatMap((part) => contentPart(part) ?? []) };
}

export function toVsCodePart(part: LmOutputPart): vscode.LanguageModelResponsePart {
  return part.kind === 'text' ? new vscode.LanguageModelTextPart(part.text) : new vscode.LanguageModelToolCallPart(part.callId, part.name, part.input);
}

/** A caller's tool in the shape Kimi accepts: the schema gets explicit types and loses what Moonshot refuses. */
export function toToolDefinition(tool: vscode.LanguageModelChatTool): ToolDefinition {
  return { name: tool.name, description: tool.description, parameters: toKimiSchema(tool.inputSchema ?? {}).schema };
}
