import type { Workbox } from 'workbox-window';

interface InstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/**
 * The service worker and installation, as the UI sees them. A new version never takes over by
 * itself: it waits until the person chooses "Reload now", and `beforeReload` lets open plans
 * finish saving first.
 */
export class PwaManager {
	isUpdateWaiting = $state(false);
	canInstall = $state(false);
	isOfflineReady = $state(false);

	#workbox: Workbox | undefined;
	#installPrompt: InstallPromptEvent | undefined;

	start(): () => void {
		const onBeforeInstall = (event: Event) => {
			event.preventDefault(); // show our own button instead of the browser's mini-bar
			this.#installPrompt = event as InstallPromptEvent;
			this.canInstall = true;
		};
		const onInstalled = () => {
			this.canInstall = false;
			this.#installPrompt = undefined;
		};
		window.addEventListener('beforeinstallprompt', onBeforeInstall);
		window.addEventListener('appinstalled', onInstalled);

		let isStopped = false;
		// workbox-window is not needed for the first paint: it loads right after (from the cache offline).
		if ('serviceWorker' in navigator && !import.meta.env.DEV)
			void import('workbox-window').then(
				({ Workbox }) => {
					if (isStopped) return;
					const workbox = new Workbox('/sw.js', { scope: '/' });
					workbox.addEventListener('waiting', () => (this.isUpdateWaiting = true));
					workbox.addEventListener('installed', (event) => {
						if (event.isUpdate) return;
						this.isOfflineReady = true;
						setTimeout(() => (this.isOfflineReady = false), 8000);
					});
					this.#workbox = workbox;
					workbox.register().catch(() => undefined); // the app works without it, only not offline
				},
				() => undefined
			);
		return () => {
			isStopped = true;
			window.removeEventListener('beforeinstallprompt', onBeforeInstall);
			window.removeEventListener('appinstalled', onInstalled);
		};
	}

	async install(): Promise<void> {
		const prompt = this.#installPrompt;
		if (!prompt) return;
		await prompt.prompt();
		const { outcome } = await prompt.userChoice;
		if (outcome === 'accepted') this.canInstall = false;
	}

	/** Switches to the waiting version, then reloads once it controls the page. */
	async applyUpdate(beforeReload: () => Promise<void> = async () => {}): Promise<void> {
		const workbox = this.#workbox;
		if (!workbox) return;
		await beforeReload();
		workbox.addEventListener('controlling', () => window.location.reload());
		workbox.messageSkipWaiting();
	}

	dismissUpdate(): void {
		this.isUpdateWaiting = false;
	}
}

export const pwa = new PwaManager();
