import { flushSync, getContext, setContext } from 'svelte';

const KEY = Symbol('near-screen');

/**
 * Which records of a big plan are drawn as full editors. Making the editor of every record of a
 * five-year plan (hundreds of records, thousands of fields) takes seconds on a slow Chromebook,
 * so the first `eager` records get theirs at once (a usual plan is all drawn at once) and the rest
 * show their words in a light preview — in the page from the start, so find-in-page, screen
 * readers and the keyboard reach them — that becomes the editor when it comes near the screen or
 * gets the focus. Once an editor, a record stays one.
 */
export class RecordDrawing {
	#started = 0;
	/** Each record's mark, made the first time the page draws it (in page order). */
	#marks = new WeakMap<object, EditorMark>();

	constructor(readonly eager = 30) {}

	/**
	 * The record's mark: whether it is drawn as its editor (the first `eager` records drawn are, at
	 * once). Made the first time it is asked for, so take it in a `{@const}` (a derived) and read
	 * `isEditor` in the markup: Svelte does not track state in the reaction that made it.
	 */
	markOf(record: object): { readonly isEditor: boolean } {
		let mark = this.#marks.get(record);
		if (!mark) {
			mark = new EditorMark(this.#started++ < this.eager);
			this.#marks.set(record, mark);
		}
		return mark;
	}

	/** Makes the record its editor, for good. */
	show(record: object): void {
		const mark = this.#marks.get(record);
		if (mark) mark.isEditor = true;
	}

	/** Starts over for another plan (the page stays, its records are new). */
	reset(): void {
		this.#started = 0;
		this.#marks = new WeakMap();
	}
}

class EditorMark {
	isEditor = $state(false);
	constructor(isEditor: boolean) {
		this.isEditor = isEditor;
	}
}

export function provideRecordDrawing(drawing: RecordDrawing): void {
	setContext(KEY, drawing);
}

/** The page's record drawing, or undefined where every record is an editor at once. */
export function recordDrawing(): RecordDrawing | undefined {
	return getContext<RecordDrawing | undefined>(KEY);
}

/** What to call when each watched element comes near the screen (each has the class `near-screen`). */
const waiting = new WeakMap<Element, () => void>();
let waitingCount = 0;
let isCheckScheduled = false;
/** The waiting elements in page order: a live list the browser keeps, cheap to read again. */
let inPageOrder: HTMLCollectionOf<Element> | undefined;

/**
 * Calls `show` once the element is on the screen or within a screen below it.
 *
 * Checked on scroll and resize, not with an IntersectionObserver: Chromium works out every
 * observed element's intersection in every frame in which anything moved, so with the hundreds of
 * previews of a five-year plan each keystroke paid for it (about as much again as the
 * `content-visibility` of those previews, which Chromium follows the same way; together ~30 ms a
 * key at 4× CPU throttling), although typing never brings a record near the screen. A check here
 * reads a few boxes (a binary search over the waiting elements in page order), and only after the
 * page scrolled or was resized (once it has been still for SCROLL_SETTLE_MS) or got new waiting
 * elements. The focus coming into a preview makes its editor at once (`editOnFocus`).
 */
export function whenNearScreen(node: HTMLElement, show: () => void) {
	if (waitingCount === 0) {
		// The page's own scrolling (a field scrolling inside itself while typing does not count).
		window.addEventListener('scroll', checkOnceSettled, { passive: true });
		window.addEventListener('resize', checkOnceSettled, { passive: true });
	}
	if (!waiting.has(node)) waitingCount++;
	waiting.set(node, show);
	node.classList.add('near-screen');
	scheduleCheck();
	return {
		destroy: () => {
			stopWaiting(node);
			if (waitingCount > 0) return;
			window.removeEventListener('scroll', checkOnceSettled);
			window.removeEventListener('resize', checkOnceSettled);
			clearTimeout(settling);
			settling = undefined;
		}
	};
}

/**
 * How long the page must stay still before previews become editors. Making an editor takes a
 * frame or more on a slow Chromebook, so making them while someone scrolls (or while a jump to a
 * far record is still moving the page) made the scrolling stutter and drew editors for records
 * only passed on the way.
 */
export const SCROLL_SETTLE_MS = 150;
let settling: ReturnType<typeof setTimeout> | undefined;

/** On scroll and resize: checks once the page has not moved for SCROLL_SETTLE_MS. */
function checkOnceSettled(): void {
	clearTimeout(settling);
	settling = setTimeout(() => {
		settling = undefined;
		scheduleCheck();
	}, SCROLL_SETTLE_MS);
}

function scheduleCheck(): void {
	// While the page moves, the check waits for it to settle (new previews included).
	if (isCheckScheduled || settling !== undefined) return;
	isCheckScheduled = true;
	requestAnimationFrame(() => {
		isCheckScheduled = false;
		// Once: an editor is larger than its preview, so what it shows pushes others away, and when
		// the page moves because of it (scroll anchoring), the scroll event brings the next check
		// (once it settles).
		showNear();
	});
}

function stopWaiting(element: Element): void {
	if (waiting.delete(element)) waitingCount--;
}

/**
 * Shows the waiting elements from the top of the viewport down to a screen below it. Not above:
 * an editor is taller than its preview, and one made above the viewport pushed what was on the
 * screen down, which brought the previews above it onto the screen, and so on — jumping to a
 * five-year plan's last reflection made ~120 editors (71 of 80 reflections, 48 progress checks).
 */
function showNear(): void {
	const margin = window.innerHeight;
	// In page order, so (one column of records) in order down the page.
	inPageOrder ??= document.getElementsByClassName('near-screen');
	const elements = [...inPageOrder].filter((el) => waiting.has(el));
	let low = 0;
	let high = elements.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if ((elements[middle] as Element).getBoundingClientRect().bottom < 0) low = middle + 1;
		else high = middle;
	}
	const near: Array<() => void> = [];
	for (let i = low; i < elements.length; i++) {
		const element = elements[i] as Element;
		const box = element.getBoundingClientRect();
		if (box.top > window.innerHeight + margin) break;
		if (box.height === 0 && box.width === 0) continue; // not drawn (a hidden part)
		const show = waiting.get(element);
		stopWaiting(element);
		if (show) near.push(show);
	}
	for (const show of near) show();
}

/**
 * Turns a preview into its editor when something in it gets the focus (Tab, a link to a field),
 * then gives the focus to the same field in the editor (the preview's parts carry its ids).
 */
export function editOnFocus(show: () => void) {
	return (event: FocusEvent) => {
		const target = event.target instanceof HTMLElement ? event.target : null;
		const id = target?.id;
		show();
		flushSync();
		const field = id ? document.getElementById(id) : null;
		field?.focus();
	};
}
