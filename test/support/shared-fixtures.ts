import path from 'node:path';

/**
 * The channel webhook fixtures shared by every connector (providers' documented shapes, test
 * secrets, expected signatures), kept in the repository byte for byte so that a fresh clone
 * tests on its own.
 */
export const SHARED_CHANNEL_FIXTURES = path.resolve(__dirname, '../fixtures/shared/channels');
