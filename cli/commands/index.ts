import type { Command } from '../command';
import { agentsCommand } from './agents';
import { customerCommand } from './customer';
import { forgetCommand } from './forget';
import { importCommand } from './import';
import { migrateCommand } from './migrate';
import { parseCommand } from './parse';
import { queuesCommand } from './queues';
import { resolveCommand } from './resolve';
import { reviewSharedCommand } from './review-shared';
import { statsCommand } from './stats';
import { vacuumCommand } from './vacuum';
import { verifyCommand } from './verify';

/** Every command of `n8n-omnichannel`, in the order `--help` lists them. Add a command here. */
export const COMMANDS: Command[] = [resolveCommand, customerCommand, forgetCommand, reviewSharedCommand, importCommand, agentsCommand, queuesCommand, statsCommand, vacuumCommand, migrateCommand, parseCommand, verifyCommand];
