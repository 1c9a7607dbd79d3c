import { storageReport, type StorageReport } from '../local/device-storage';

/** What the storage notice shows: refreshed on start and every minute. */
export class DeviceStorage {
	report = $state<StorageReport | null>(null);

	start(): () => void {
		const refresh = () => {
			storageReport()
				.then((report) => (this.report = report))
				.catch(() => undefined);
		};
		refresh();
		const timer = setInterval(refresh, 60_000);
		return () => clearInterval(timer);
	}
}
