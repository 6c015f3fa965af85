// The schema of a chat mode name, for what reads one from outside (a stored conversation, a setting, a command's
// argument).
import { z } from 'zod';
import { chatModes } from './modeNames';

export const chatModeSchema = z.enum(chatModes);
