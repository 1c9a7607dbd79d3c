/**
 * A relay process's fan-out, alone in its own Node process, for redis-fan-out-processes.test.ts.
 * Env: REDIS_URL, CHANNEL_PREFIX, DOC. Prints `ready <processId>`, then one JSON line per message
 * it hears; publishes what stdin asks for: `update <hex>` or `revoke-session <id>`.
 */
import { createInterface } from 'node:readline';
import { RedisFanOut } from '../../src/fanout/redis-fan-out';

const print = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

const fanOut = await RedisFanOut.connect(
	process.env.REDIS_URL!,
	{
		update: (docName, update) => print({ kind: 'update', docName, update: hex(update) }),
		presence: (docName, presence) => print({ kind: 'presence', docName, presence: hex(presence) }),
		revocation: (revocation) => print({ kind: 'revocation', revocation }),
		resumed: () => print({ kind: 'resumed' })
	},
	{
		channelPrefix: process.env.CHANNEL_PREFIX,
		onError: (error) => process.stderr.write(`${error.message}\n`)
	}
);
await fanOut.hold(process.env.DOC!);
process.stdout.write(`ready ${fanOut.processId}\n`);

for await (const line of createInterface({ input: process.stdin })) {
	const [command, argument = ''] = line.split(' ');
	if (command === 'update') await fanOut.publishUpdate(process.env.DOC!, Buffer.from(argument, 'hex'));
	else if (command === 'revoke-session')
		await fanOut.publishRevocation({ kind: 'session', sessionId: argument });
	print({ kind: 'sent', command });
}
await fanOut.close();
