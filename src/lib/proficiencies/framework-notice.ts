/**
 * What a proficiency picker or the growth page says when there is no framework to choose from:
 * the school has not added its proficiencies yet (the server said so, now or last time), or the
 * school's list has not reached this device yet (never heard from the server: offline, say).
 */
import type { FrameworkVersion } from '../contracts/framework';

export type FrameworkNotice = 'school-has-none' | 'not-on-device' | null;

export function frameworkNotice(state: {
	framework: FrameworkVersion | null;
	isAnswered: boolean;
}): FrameworkNotice {
	if (state.framework !== null) return null;
	return state.isAnswered ? 'school-has-none' : 'not-on-device';
}
