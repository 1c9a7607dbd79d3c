import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Confirmations } from './confirmations';

describe('Confirmations', () => {
	it('counts local changes until the server covers them', () => {
		const c = new Confirmations();
		c.recordLocal(1, 5);
		c.recordLocal(1, 9);
		expect(c.count).toBe(2);
		c.serverHas(new Map([[1, 5]]), new Map([[1, 9]]));
		expect(c.count).toBe(1);
		c.serverHas(new Map([[1, 9]]), new Map([[1, 9]]));
		expect(c.count).toBe(0);
	});

	it('notices changes from an earlier session that the server lacks', () => {
		const c = new Confirmations();
		c.serverHas(
			new Map([[7, 3]]),
			new Map([
				[7, 10],
				[8, 2]
			])
		);
		expect(c.count).toBe(2);
		c.serverHas(
			new Map([
				[7, 10],
				[8, 2]
			]),
			new Map([
				[7, 10],
				[8, 2]
			])
		);
		expect(c.count).toBe(0);
	});

	it('agrees with real Yjs state vectors', () => {
		const device = new Y.Doc();
		const server = new Y.Doc();
		const c = new Confirmations();
		device.on('afterTransaction', (tr: Y.Transaction) => {
			const clock = tr.afterState.get(device.clientID);
			if (tr.local && clock !== tr.beforeState.get(device.clientID))
				c.recordLocal(device.clientID, clock ?? 0);
		});
		device.getText('t').insert(0, 'hello');
		device.getText('t').insert(5, ' world');
		const sv = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));
		c.serverHas(sv(server), sv(device));
		expect(c.count).toBe(2);
		Y.applyUpdate(server, Y.encodeStateAsUpdate(device));
		c.serverHas(sv(server), sv(device));
		expect(c.count).toBe(0);
	});

	it('starts from what an earlier page still waited for, and reports every new list to keep', () => {
		const kept: Array<Array<[number, number]>> = [];
		const c = new Confirmations(
			[
				[4, 3],
				[4, 6]
			],
			(pending) => kept.push([...pending])
		);
		expect(c.count).toBe(2);
		c.recordLocal(9, 1);
		expect(c.count).toBe(3);
		expect(kept.at(-1)).toEqual([
			[4, 3],
			[4, 6],
			[9, 1]
		]);
		// The server has the earlier page's first change only.
		c.serverHas(
			new Map([[4, 3]]),
			new Map([
				[4, 6],
				[9, 1]
			])
		);
		expect(c.count).toBe(2);
		expect(kept.at(-1)).toEqual([
			[4, 6],
			[9, 1]
		]);
	});
});
