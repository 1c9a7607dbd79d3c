import { liveQuery, type Subscription } from 'dexie';
import { localDb, type PlanEntry } from '../local/db';

/** The plans on this device, newest change first, kept live from Dexie. */
export class Catalog {
	plans = $state<PlanEntry[]>([]);
	isLoaded = $state(false);
	#subscription: Subscription | undefined;

	start(): () => void {
		this.#subscription = liveQuery(() =>
			localDb().plans.orderBy('lastEditedAt').reverse().toArray()
		).subscribe({
			next: (plans) => {
				this.plans = plans;
				this.isLoaded = true;
			},
			error: () => {
				this.isLoaded = true;
			}
		});
		return () => this.#subscription?.unsubscribe();
	}
}
