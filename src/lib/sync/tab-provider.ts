import * as bc from 'lib0/broadcastchannel';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';

const MESSAGE_SYNC = 0;
const MESSAGE_QUERY_AWARENESS = 3;
const MESSAGE_AWARENESS = 1;

/**
 * The standard y-websocket provider, except how it greets the device's other tabs of the same plan
 * (BroadcastChannel). The standard greeting sends the tab's whole document as well as its state
 * vector, whether or not another tab is open: encoding a five-year plan for it took ~130 ms of
 * opening at 4× CPU throttling, on the way to the first keystroke. Here a tab sends only its state
 * vector (sync step 1); a tab already open answers with what the new one lacks, as the protocol
 * does, and later edits of either go to the other as they happen. What only the new tab has (it
 * read it from this device's storage, which both tabs write) reaches the older tab through the
 * school when online, or when it opens the plan again; nothing is lost either way (decision 0048).
 */
export class TabQuietProvider extends WebsocketProvider {
	override connectBc(): void {
		if (this.disableBc) return;
		if (!this.bcconnected) {
			bc.subscribe(this.bcChannel, this._bcSubscriber);
			this.bcconnected = true;
		}
		const step1 = encoding.createEncoder();
		encoding.writeVarUint(step1, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(step1, this.doc);
		bc.publish(this.bcChannel, encoding.toUint8Array(step1), this);
		const query = encoding.createEncoder();
		encoding.writeVarUint(query, MESSAGE_QUERY_AWARENESS);
		bc.publish(this.bcChannel, encoding.toUint8Array(query), this);
		const presence = encoding.createEncoder();
		encoding.writeVarUint(presence, MESSAGE_AWARENESS);
		encoding.writeVarUint8Array(
			presence,
			awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])
		);
		bc.publish(this.bcChannel, encoding.toUint8Array(presence), this);
	}
}
