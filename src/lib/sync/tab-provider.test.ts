import * as bc from 'lib0/broadcastchannel';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { TabQuietProvider } from './tab-provider';

/**
 * Two tabs of one plan on one device, each with its provider (not connected to a relay: only the
 * tabs' own channel, lib0's BroadcastChannel, which delivers in this process too).
 */
const opened: TabQuietProvider[] = [];
afterEach(() => {
	for (const provider of opened.splice(0)) provider.destroy();
});

function tab(doc: Y.Doc): TabQuietProvider {
	const provider = new TabQuietProvider('ws://127.0.0.1:9', 'plan:p1', doc, { connect: false });
	opened.push(provider);
	provider.connectBc();
	return provider;
}

describe('the tabs of one plan on one device', () => {
	it('greets the other tabs with its state vector only, and gets what it lacks from them', () => {
		const older = new Y.Doc();
		older.getText('goal').insert(0, 'Learn to weld');
		tab(older);

		const sent: string[] = [];
		const channel = 'ws://127.0.0.1:9/plan:p1';
		const newer = new Y.Doc();
		const watch = (data: ArrayBuffer, origin: unknown) => {
			const decoder = decoding.createDecoder(new Uint8Array(data));
			if (decoding.readVarUint(decoder) !== 0) return; // presence
			const step = decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep1 ? 'step 1' : 'step 2';
			sent.push(
				`${origin instanceof TabQuietProvider && origin.doc === newer ? 'new' : 'older'} tab: ${step}`
			);
		};
		bc.subscribe(channel, watch);
		tab(newer);
		bc.unsubscribe(channel, watch);

		// The new tab asked (step 1), the older one answered with the missing words (step 2); the
		// new tab sent no copy of its whole document.
		expect(sent.sort()).toEqual(['new tab: step 1', 'older tab: step 2']);
		expect(newer.getText('goal').toString()).toBe('Learn to weld');
	});

	it('passes each edit to the other tab as it is made', () => {
		const first = new Y.Doc();
		const second = new Y.Doc();
		tab(first);
		tab(second);
		first.getText('goal').insert(0, 'Visit a college');
		expect(second.getText('goal').toString()).toBe('Visit a college');
		second.getText('goal').insert(15, ' in May');
		expect(first.getText('goal').toString()).toBe('Visit a college in May');
	});
});
