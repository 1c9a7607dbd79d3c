import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The scheduling of `whenNearScreen` in Node, with a small stand-in for the page: elements are
 * boxes at a top offset in a 1000 px high window, and the page "scrolls" by moving them. (The real
 * layout is checked by the e2e tests in Chromium.) Fake timers drive the animation frames and the
 * settle delay; nothing here reads the clock.
 */
interface Box {
	top: number;
	height: number;
}

const VIEWPORT = 1000;
let listeners: Map<string, Set<() => void>>;
/** The live list the module reads (like `getElementsByClassName`): elements in page order. */
let inPage: FakeElement[];
let scrollY = 0;

class FakeElement {
	readonly classList = { add: (name: string) => name === 'near-screen' && inPage.push(this) };
	constructor(readonly box: Box) {}
	getBoundingClientRect() {
		const top = this.box.top - scrollY;
		return { top, bottom: top + this.box.height, height: this.box.height, width: 600 };
	}
}

function scrollTo(y: number): void {
	scrollY = y;
	for (const listener of listeners.get('scroll') ?? []) listener();
}

beforeEach(() => {
	vi.useFakeTimers();
	vi.resetModules();
	listeners = new Map();
	inPage = [];
	scrollY = 0;
	vi.stubGlobal('window', {
		innerHeight: VIEWPORT,
		addEventListener: (type: string, listener: () => void) => {
			if (!listeners.has(type)) listeners.set(type, new Set());
			listeners.get(type)?.add(listener);
		},
		removeEventListener: (type: string, listener: () => void) => listeners.get(type)?.delete(listener)
	});
	vi.stubGlobal('document', { getElementsByClassName: () => inPage });
	vi.stubGlobal('requestAnimationFrame', (run: () => void) => setTimeout(run, 16));
});

afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

/** 100 records of 200 px, one under the other; which of them were shown, in order. */
async function recordsDown() {
	const { whenNearScreen, SCROLL_SETTLE_MS } = await import('./near-screen.svelte');
	const shown: number[] = [];
	const actions = Array.from({ length: 100 }, (_, i) => {
		const element = new FakeElement({ top: i * 200, height: 200 });
		return whenNearScreen(element as unknown as HTMLElement, () => shown.push(i));
	});
	return { shown, actions, settle: SCROLL_SETTLE_MS };
}

describe('whenNearScreen', () => {
	it('shows what is on the screen and a screen below it once the page has drawn', async () => {
		const { shown } = await recordsDown();
		expect(shown).toEqual([]);
		await vi.advanceTimersByTimeAsync(16);
		// 0–2000 px: records 0 to 10 (the one starting at 2000 px touches the edge).
		expect(shown).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	});

	it('makes no editor while the page scrolls, only once it has been still for the settle time', async () => {
		const { shown, settle } = await recordsDown();
		await vi.advanceTimersByTimeAsync(16);
		shown.length = 0;

		// Scrolling down the page, one step every 50 ms, for 2 s: nothing is shown on the way.
		for (let y = 200; y <= 8000; y += 200) {
			scrollTo(y);
			await vi.advanceTimersByTimeAsync(50);
		}
		expect(shown).toEqual([]);

		// Still: after the settle time (and a frame), only the records near where the page stopped
		// (8000 px; record 39 ends right at the top of the window, record 50 starts at its margin).
		await vi.advanceTimersByTimeAsync(settle + 16);
		expect(shown).toEqual([39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50]);
	});

	it('shows each record once, and stops listening when the last waiting one is gone', async () => {
		const { shown, actions, settle } = await recordsDown();
		await vi.advanceTimersByTimeAsync(16);
		scrollTo(0);
		await vi.advanceTimersByTimeAsync(settle + 16);
		expect(shown).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

		for (const action of actions) action.destroy();
		expect(listeners.get('scroll')?.size).toBe(0);
		expect(listeners.get('resize')?.size).toBe(0);
		scrollTo(10_000);
		await vi.advanceTimersByTimeAsync(settle + 16);
		expect(shown).toHaveLength(11);
	});
});
