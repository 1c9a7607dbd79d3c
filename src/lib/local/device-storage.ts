/** What the browser tells about this device's storage, and the request to keep our data. */

export interface StorageReport {
	usage: number;
	quota: number;
	isPersistent: boolean;
	isLow: boolean;
}

/** "Low" leaves room for a few more evidence files: under 10% or under 50 MB free. */
const LOW_FRACTION = 0.1;
const LOW_BYTES = 50 * 1024 * 1024;

export function isLowOnSpace(usage: number, quota: number): boolean {
	if (quota <= 0) return false;
	const free = quota - usage;
	return free < LOW_BYTES || free / quota < LOW_FRACTION;
}

/** Asks the browser not to clear our data under storage pressure. Returns whether it agreed. */
export async function requestPersistence(): Promise<boolean> {
	if (!navigator.storage?.persist) return false;
	if (await navigator.storage.persisted()) return true;
	return navigator.storage.persist();
}

export async function storageReport(): Promise<StorageReport | null> {
	if (!navigator.storage?.estimate) return null;
	const [{ usage = 0, quota = 0 }, isPersistent] = await Promise.all([
		navigator.storage.estimate(),
		navigator.storage.persisted ? navigator.storage.persisted() : Promise.resolve(false)
	]);
	return { usage, quota, isPersistent, isLow: isLowOnSpace(usage, quota) };
}
