/** Files a person chose in a file input, read as text: file name (lower case) → contents. */
export async function readChosenFiles(files: Iterable<File>): Promise<Record<string, string>> {
	const entries = await Promise.all(
		[...files].map(async (file) => [file.name.toLowerCase(), await file.text()])
	);
	return Object.fromEntries(entries) as Record<string, string>;
}
