/**
 * The school's proficiency framework on this device (Dexie `settings`, one entry per school), so
 * progress entries can pick proficiencies and levels offline. Replaced whenever the server has a
 * newer version. When the server said the school has none, that answer is kept too, so the device
 * can say so offline instead of "not on this device yet".
 */
import { localDb } from '../local/db';
import type { FrameworkVersion } from '../contracts/framework';

const key = (schoolId: string) => `framework:${schoolId}`;

/** What the school said last time: its framework, or that it has none (`null`). */
export interface CachedAnswer {
	framework: FrameworkVersion | null;
	/** False when this device never heard from the server about this school's framework. */
	isAnswered: boolean;
}

const NONE = { schoolHasNone: true } as const;

export async function cachedAnswer(schoolId: string): Promise<CachedAnswer> {
	const stored = (await localDb().settings.get(key(schoolId)))?.value as
		FrameworkVersion | typeof NONE | undefined;
	if (stored === undefined) return { framework: null, isAnswered: false };
	if ('schoolHasNone' in stored) return { framework: null, isAnswered: true };
	return { framework: stored, isAnswered: true };
}

export async function cachedFramework(schoolId: string): Promise<FrameworkVersion | null> {
	return (await cachedAnswer(schoolId)).framework;
}

export async function cacheFramework(schoolId: string, framework: FrameworkVersion | null): Promise<void> {
	await localDb().settings.put({ key: key(schoolId), value: framework ?? NONE });
}
