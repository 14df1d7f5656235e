const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');
const typescriptParser = require('@typescript-eslint/parser');
const jsoncParser = require('jsonc-eslint-parser');

const plugins = { 'n8n-nodes-base': n8nNodesBase };

/** n8n's rules for community packages: node and credential descriptions, and package.json. */
module.exports = [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.n8n-runtime/**'] },
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: typescriptParser },
		plugins,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Applies to n8n's own repository only, where documentation URLs are slugs.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// The store credential names a database, not an API.
			'n8n-nodes-base/cred-class-field-display-name-missing-api': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: typescriptParser },
		plugins,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two predate NodeConnectionTypes, which n8n 2 nodes use for inputs and outputs.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins,
		rules: n8nNodesBase.configs.community.rules,
	},
];
