/**
 * The school's proficiency framework on this device (Dexie `settings`, one entry per school), so
 * progress entries can pick proficiencies and levels offline. Replaced whenever the server has a
 * newer version.
 */
import { localDb } from '../local/db';
import type { FrameworkVersion } from './framework';

const key = (schoolId: string) => `framework:${schoolId}`;

export async function cachedFramework(schoolId: string): Promise<FrameworkVersion | null> {
	const stored = await localDb().settings.get(key(schoolId));
	return (stored?.value as FrameworkVersion | undefined) ?? null;
}

export async function cacheFramework(schoolId: string, framework: FrameworkVersion | null): Promise<void> {
	if (framework) await localDb().settings.put({ key: key(schoolId), value: framework });
	else await localDb().settings.delete(key(schoolId));
}
