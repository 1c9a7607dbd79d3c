/** Rows of the device's evidence tables (db.ts, version 3). */

/** One evidence file on this device, stored once by its SHA-256 whatever plans use it. */
export interface EvidenceFile {
	hash: string;
	data: Blob;
	size: number;
	mimeType: string;
	fileName: string;
	addedAt: number;
	/** The school's server has the whole file: this copy may be removed to free space. */
	isUploaded: boolean;
}

/** One file waiting to reach the school's server for one plan (the outbox). */
export interface EvidenceUpload {
	/** `${planId}:${hash}` */
	key: string;
	planId: string;
	hash: string;
	size: number;
	mimeType: string;
	/** Bytes the server has confirmed. */
	sentBytes: number;
	addedAt: number;
	/** The last refusal the server gave (the file will not be sent again until removed), if any. */
	error?: string;
}
