import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { localDb } from '../local/db';
import { forgetGrowthCopies } from '../services/growth';
import type { FrameworkVersion } from '../contracts/framework';
import { cachedAnswer, cachedFramework, cacheFramework } from './framework-cache';
import { frameworkNotice } from './framework-notice';

const framework: FrameworkVersion = {
	version: 3,
	createdAt: '2026-11-01T10:00:00.000Z',
	scales: [{ id: 'main', name: 'Scale', levels: [] }],
	proficiencies: []
};

describe('what the device keeps of school data', () => {
	it('keeps the framework per school, and replaces or drops it', async () => {
		expect(await cachedFramework('school-a')).toBeNull();
		await cacheFramework('school-a', framework);
		await cacheFramework('school-b', { ...framework, version: 1 });
		expect(await cachedFramework('school-a')).toEqual(framework);
		await cacheFramework('school-a', { ...framework, version: 4 });
		expect((await cachedFramework('school-a'))?.version).toBe(4);
		await cacheFramework('school-a', null);
		expect(await cachedFramework('school-a')).toBeNull();
		expect((await cachedFramework('school-b'))?.version).toBe(1);
	});

	it('remembers that the school has no framework, apart from never having asked', async () => {
		expect(await cachedAnswer('school-c')).toEqual({ framework: null, isAnswered: false });
		expect(frameworkNotice(await cachedAnswer('school-c'))).toBe('not-on-device');
		await cacheFramework('school-c', null);
		expect(await cachedAnswer('school-c')).toEqual({ framework: null, isAnswered: true });
		expect(frameworkNotice(await cachedAnswer('school-c'))).toBe('school-has-none');
		await cacheFramework('school-c', framework);
		expect(await cachedAnswer('school-c')).toEqual({ framework, isAnswered: true });
		expect(frameworkNotice(await cachedAnswer('school-c'))).toBeNull();
	});

	it('says the school has none only once the server said so, else that the list is not here yet', () => {
		expect(frameworkNotice({ framework: null, isAnswered: true })).toBe('school-has-none');
		expect(frameworkNotice({ framework: null, isAnswered: false })).toBe('not-on-device');
		expect(frameworkNotice({ framework, isAnswered: false })).toBeNull();
		expect(frameworkNotice({ framework, isAnswered: true })).toBeNull();
	});

	it('forgets one person’s caseload and school copies at sign-out, and nobody else’s', async () => {
		const settings = localDb().settings;
		for (const key of ['growth:caseload:u1', 'growth:school:u1', 'growth:caseload:u2']) {
			await settings.put({ key, value: { value: { rows: [] }, fetchedAt: 1 } });
		}
		await forgetGrowthCopies('u1');
		expect((await settings.toArray()).map((s) => s.key).filter((key) => key.startsWith('growth:'))).toEqual([
			'growth:caseload:u2'
		]);
	});
});
