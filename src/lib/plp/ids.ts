/** A random id for records and plans: URL-safe, 16 bytes of entropy, valid as a plan id (access.ts). */
export function newId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	let out = '';
	for (const b of bytes) out += b.toString(16).padStart(2, '0');
	return out;
}

/** Today's date as `YYYY-MM-DD` in the device's time zone. */
export function today(now: Date = new Date()): string {
	const y = now.getFullYear();
	const m = String(now.getMonth() + 1).padStart(2, '0');
	const d = String(now.getDate()).padStart(2, '0');
	return `${y}-${m}-${d}`;
}
