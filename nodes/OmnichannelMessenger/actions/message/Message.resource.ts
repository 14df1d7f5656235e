import type { INodeProperties } from 'n8n-workflow';
import type { MessengerConnection } from '../../../../core/channels/messenger/definition';
import { operationProperty } from '../../../MetaMessaging/send-properties';
import type { ActionOperation } from '../../../shared/action-router';
import { MESSENGER_TEXT } from '../channel-text';
import * as sendMedia from './sendMedia.operation';
import * as sendQuickReplies from './sendQuickReplies.operation';
import * as sendText from './sendText.operation';

export const operations: Record<string, ActionOperation<MessengerConnection>> = { sendText, sendMedia, sendQuickReplies };

export const description: INodeProperties[] = [operationProperty(MESSENGER_TEXT), ...Object.values(operations).flatMap((operation) => operation.description)];
