/**
 * A form's submit: busy while it runs, and the error said plainly when it fails (the typed values
 * stay in the form, so nothing has to be typed again).
 */
export class FormAction {
	isBusy = $state(false);
	error = $state('');

	/** A form's `onsubmit`: the page stays (no browser submit), and `work` runs as `run` says. */
	submit(work: () => Promise<void>): (event: SubmitEvent) => void {
		return (event) => {
			event.preventDefault();
			void this.run(work);
		};
	}

	async run(work: () => Promise<void>): Promise<void> {
		this.error = '';
		this.isBusy = true;
		try {
			await work();
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
		} finally {
			this.isBusy = false;
		}
	}
}
