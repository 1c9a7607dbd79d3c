/** A database of its own in the project's throwaway cluster, so test files never see each other's rows. */
import { inject } from 'vitest';
import { createDatabase } from './services';

export function createTestDatabase(): Promise<string> {
	return createDatabase(inject('postgresUrl'), 'test');
}
