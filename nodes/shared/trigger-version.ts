import type { INodeTypeDescription } from 'n8n-workflow';

/**
 * The versions of every trigger. Version 1.1 changes nothing in the node: n8n reads the body of
 * a webhook whose trigger is at version 1 through an expression (its Webhook node's first
 * binary-data option), and n8n 2.x evaluates expressions in an isolate it builds for the
 * purpose, which cost more than the rest of the request. Workflows saved at version 1 keep
 * working as they did.
 */
export const TRIGGER_VERSION: Pick<INodeTypeDescription, 'version' | 'defaultVersion'> = { version: [1, 1.1], defaultVersion: 1.1 };
