/**
 * When the client restarts a language server that died, and when it tells the user
 * (client/src/crashPolicy.ts). The clock is a variable: no test waits.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CrashPolicy,
  DEFAULT_CRASH_POLICY,
  describeExit,
  noticeText,
  type CrashDecision,
} from '../../client/src/crashPolicy';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function policyWithClock(options = DEFAULT_CRASH_POLICY): { policy: CrashPolicy; at: (ms: number) => void } {
  let now = 1_000_000;
  const start = now;
  return { policy: new CrashPolicy(options, () => now), at: (ms) => (now = start + ms) };
}

/** Crashes at each of `times` (ms from the start); the decisions in order. */
function crashesAt(policy: CrashPolicy, at: (ms: number) => void, times: number[]): CrashDecision[] {
  return times.map((t) => {
    at(t);
    return policy.crashed();
  });
}

describe('crash policy', () => {
  test('the defaults: four restarts within 3 minutes, the fifth crash stops the server', () => {
    assert.deepEqual(DEFAULT_CRASH_POLICY, { maxCrashes: 5, windowMs: 3 * MINUTE });
  });

  test('a storm: the first crash is restarted and told, the next three restarted quietly, the fifth gives up once', () => {
    const { policy, at } = policyWithClock();
    const decisions = crashesAt(policy, at, [0, 1 * SECOND, 2 * SECOND, 3 * SECOND, 4 * SECOND, 5 * SECOND]);
    assert.deepEqual(decisions, [
      { restart: true, crashes: 1, notice: 'restarted' },
      { restart: true, crashes: 2, notice: undefined },
      { restart: true, crashes: 3, notice: undefined },
      { restart: true, crashes: 4, notice: undefined },
      { restart: false, crashes: 5, notice: 'gaveUp' },
      // Cannot happen through the client (a stopped server does not crash), but stays quiet.
      { restart: false, crashes: 6, notice: undefined },
    ]);
  });

  test('crashes that fall out of the window no longer count', () => {
    const { policy, at } = policyWithClock();
    crashesAt(policy, at, [0, 1 * SECOND, 2 * SECOND, 3 * SECOND]);
    // The crash at 0 is out of the window 3 minutes later: four in the window, restarted.
    const [late] = crashesAt(policy, at, [3 * MINUTE]);
    assert.equal(late!.restart, true);
    assert.equal(late!.crashes, 4);
    // One more while the other four are within 3 minutes: that is the fifth.
    const [fifth] = crashesAt(policy, at, [3 * MINUTE + SECOND / 2]);
    assert.deepEqual(fifth, { restart: false, crashes: 5, notice: 'gaveUp' });
  });

  test('a server that crashes now and then is always restarted, and the user is told at most once per window', () => {
    const { policy, at } = policyWithClock();
    const decisions = crashesAt(policy, at, [0, 2 * MINUTE, 4 * MINUTE, 6 * MINUTE, 8 * MINUTE, 20 * MINUTE]);
    assert.ok(decisions.every((d) => d.restart));
    assert.deepEqual(
      decisions.map((d) => d.notice),
      // 2 min after the notice: quiet; 4 min after: told again; 20 min: told.
      ['restarted', undefined, 'restarted', undefined, 'restarted', 'restarted'],
    );
  });

  test('a manual restart forgets earlier crashes and notices: the next crash is news again', () => {
    const { policy, at } = policyWithClock();
    crashesAt(policy, at, [0, 1 * SECOND, 2 * SECOND, 3 * SECOND, 4 * SECOND]);
    policy.reset();
    const after = crashesAt(policy, at, [5 * SECOND, 6 * SECOND, 7 * SECOND, 8 * SECOND, 9 * SECOND]);
    assert.deepEqual(
      after.map((d) => [d.restart, d.notice]),
      [
        [true, 'restarted'],
        [true, undefined],
        [true, undefined],
        [true, undefined],
        [false, 'gaveUp'],
      ],
    );
  });

  test('a reset alone (a manual restart with no crash) decides nothing and tells nothing', () => {
    const { policy, at } = policyWithClock();
    policy.reset();
    policy.reset();
    const [first] = crashesAt(policy, at, [0]);
    assert.deepEqual(first, { restart: true, crashes: 1, notice: 'restarted' });
  });

  test('other limits are honoured', () => {
    const { policy, at } = policyWithClock({ maxCrashes: 2, windowMs: 30 * SECOND });
    const decisions = crashesAt(policy, at, [0, 10 * SECOND]);
    assert.deepEqual(decisions, [
      { restart: true, crashes: 1, notice: 'restarted' },
      { restart: false, crashes: 2, notice: 'gaveUp' },
    ]);
    assert.throws(() => new CrashPolicy({ maxCrashes: 0, windowMs: 1 }), RangeError);
    assert.throws(() => new CrashPolicy({ maxCrashes: 1, windowMs: 0 }), RangeError);
  });
});

describe('crash notices', () => {
  test('the texts, in our words, name the command that starts the server again', () => {
    assert.equal(noticeText('restarted'), 'The Solaris IPMP language server stopped unexpectedly and was restarted.');
    assert.equal(
      noticeText('gaveUp'),
      'The Solaris IPMP language server stopped unexpectedly 5 times in 3 minutes and was not restarted again. ' +
        'Problems, hover and completion for Solaris files are off until you run "Solaris IPMP: Restart Language Server".',
    );
    assert.match(noticeText('gaveUp', { maxCrashes: 2, windowMs: 30 * SECOND }), /stopped unexpectedly 2 times in 30 seconds /);
    assert.match(noticeText('gaveUp', { maxCrashes: 3, windowMs: MINUTE }), / 3 times in 1 minute /);
  });

  test('the command title the notices name is the one package.json contributes', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    const command = pkg.contributes.commands.find((c: { command: string }) => c.command === 'solarisIpmp.restartServer');
    assert.ok(command, 'solarisIpmp.restartServer is contributed');
    assert.ok(noticeText('gaveUp').includes(`"${command.category}: ${command.title}"`));
  });

  test('how a server process ended, for the output channel', () => {
    assert.equal(describeExit({ code: null, signal: 'SIGKILL' }), 'was killed by SIGKILL');
    assert.equal(describeExit({ code: 134, signal: null }), 'exited with code 134');
    assert.equal(describeExit(undefined), 'stopped');
  });
});
