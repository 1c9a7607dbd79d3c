/**
 * One process opening the shared accounts file (shared-accounts.test.ts): migrates, signs in
 * through the account store, prints `ok <schema version> <users>`, exits. Env: DATA_DIR.
 */
import { AccountStore } from '../src/auth/accounts';
import { openDatabase } from '../src/db';

const db = openDatabase(process.env.DATA_DIR!);
const version = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
const users = new AccountStore(db).countUsers();
db.close();
console.log(`ok ${version} ${users}`);
