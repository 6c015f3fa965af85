// Class 5: a hostile or careless endpoint echoes the key in an error body, URL-encoded, inside a Basic
// header's base64, wrapped across lines, JSON- or hex-escaped. Through the whole pipeline (client, error
// mapping, recorder, store), no such form may reach the error card, a log line, a protocol message or a file.
import { checkSurvival, openRig } from '../harness/faultRun';
import { findEncodedSecret } from '../harness/encodedSecret';
import { attackCase, clip, type FaultCase } from '../suite';

function echoes(key: string): [string, string][] {
  const wrap = (text: string, width: number) => text.match(new RegExp(`.{1,${width}}`, 'g'))?.join('\n') ?? text;
  return [
    ['URL-encoded', `Invalid key in ${encodeURIComponent(`https://x/?api_key=${key}`)}`],
    ['fully percent-encoded', `key=${[...key].map((character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`).join('')}`],
    ['Basic header', `Authorization: Basic ${Buffer.from(`user:${key}`).toString('base64')} was rejected`],
    ['base64 at an odd offset', `request=${Buffer.from(`{"a":1,"key":"${key}"}`).toString('base64')}`],
    ['wrapped at 16 columns', `The key\n${wrap(key, 16)}\nis invalid`],
    ['wrapped with indentation', `key: ${key.slice(0, 14)}\n      ${key.slice(14)}`],
    ['JSON unicode escapes', `"key":"${[...key].map((character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`],
    ['hex', `digest ${Buffer.from(key).toString('hex')}`],
    ['a long fragment', `prefix ${key.slice(4, 30)} suffix`],
  ];
}

export const redactionAttackCases: FaultCase[] = [
  attackCase({ name: 'redaction: encoded echoes of the key', securityClass: 'redaction', expected: '401/400/500 bodies echo the key URL-encoded, in a Basic header, wrapped, escaped, in hex: the error card, logs, protocol messages and stored chats hold no form of it' }, async (context, checks, log) => {
    const origin = 'redaction: encoded echoes';
    const rig = await openRig(context, origin, { session: { maxAttempts: 1 } });
    try {
      const statuses = [401, 400, 500];
      let index = 0;
      for (const [form, message] of echoes(context.apiKey)) {
        const status = statuses[index++ % statuses.length] ?? 401;
        rig.server.enqueue({ kind: 'error', status, message });
        const postedBefore = rig.session.posted.length;
        const logBefore = rig.session.clientLog.length + rig.session.hostLog.length;
        const run = await rig.session.send(`Hello (${form})`);
        const seen = [
          JSON.stringify(run.turn.error ?? {}),
          JSON.stringify(rig.session.posted.slice(postedBefore)),
          [...rig.session.clientLog, ...rig.session.hostLog].slice(logBefore).join('\n'),
        ].join('\n');
        const found = findEncodedSecret(seen, context.apiKey.slice('sk-canary-'.length));
        log.attempt(`${status} ${form}${found ? ` (seen ${found})` : ''}`, found !== undefined);
        checks.that(run.turn.error !== undefined, `${form}: no error card`);
      }
      rig.server.enqueue({ kind: 'reply', reasoning: 'Fine.', content: 'Still here.' });
      const survival = await checkSurvival(checks, rig, await rig.session.send('Still there?'), { status: 'done', partialText: 'Still here.' });
      return `${log.count} echoes, ${log.escaped.length} reached the user, a log or a message; ${clip(survival, 60)}`;
    } finally {
      await rig.close();
    }
  }),
];
