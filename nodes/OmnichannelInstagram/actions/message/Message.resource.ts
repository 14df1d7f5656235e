import type { INodeProperties } from 'n8n-workflow';
import { operationProperty } from '../../../MetaMessaging/send-properties';
import type { ActionOperation } from '../../../shared/action-router';
import type { InstagramNodeConnection } from '../../transport';
import { INSTAGRAM_TEXT } from '../channel-text';
import * as sendMedia from './sendMedia.operation';
import * as sendQuickReplies from './sendQuickReplies.operation';
import * as sendText from './sendText.operation';

export const operations: Record<string, ActionOperation<InstagramNodeConnection>> = { sendText, sendMedia, sendQuickReplies };

export const description: INodeProperties[] = [operationProperty(INSTAGRAM_TEXT), ...Object.values(operations).flatMap((operation) => operation.description)];
