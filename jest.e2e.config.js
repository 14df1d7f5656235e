/**
 * End-to-end tests (npm run test:e2e): a real n8n server, started once per run by the global
 * setup, with the package installed as users install it. Run in band, with long timeouts.
 */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: { '^.+\\.ts$': 'ts-jest' },
	globalSetup: '<rootDir>/test/e2e/support/global-setup.ts',
	globalTeardown: '<rootDir>/test/e2e/support/global-teardown.ts',
	testTimeout: 180000,
	maxWorkers: 1,
};
