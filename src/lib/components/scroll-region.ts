/**
 * A wide table scrolls inside its own box instead of the whole page (WCAG 1.4.10, reflow at 320 CSS
 * pixels). While it scrolls, the box is a named region in the tab order, so keyboard users can
 * scroll it too (WCAG 2.1.1); while everything fits, it is a plain box and no extra tab stop.
 */
export function scrollRegion(node: HTMLElement, label?: string) {
	let name = label;
	const update = () => {
		const isScrolling = node.scrollWidth > node.clientWidth + 1;
		const text = name ?? node.querySelector('caption')?.textContent?.trim() ?? '';
		if (isScrolling) {
			node.tabIndex = 0;
			node.setAttribute('role', 'region');
			node.setAttribute('aria-label', text);
		} else {
			node.removeAttribute('tabindex');
			node.removeAttribute('role');
			node.removeAttribute('aria-label');
		}
	};
	const observer = new ResizeObserver(update);
	observer.observe(node);
	for (const child of node.children) observer.observe(child);
	update();
	return {
		update(next?: string) {
			name = next;
			update();
		},
		destroy: () => observer.disconnect()
	};
}
