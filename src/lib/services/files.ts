/** Files a person chose in a file input, read as text: file name (lower case) → contents. */
export async function readChosenFiles(files: Iterable<File>): Promise<Record<string, string>> {
	const entries = await Promise.all(
		[...files].map(async (file) => [file.name.toLowerCase(), await file.text()])
	);
	return Object.fromEntries(entries) as Record<string, string>;
}

/** Hands a file to the browser to save under `name`. */
export function saveFile(data: Blob, name: string): void {
	const url = URL.createObjectURL(data);
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	link.click();
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
