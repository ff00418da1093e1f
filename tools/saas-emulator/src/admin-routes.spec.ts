import { sha256hex } from '@relay/redis-contract';
import type { SaasEmulator } from './saas-emulator-options';
import { startSaasEmulator } from './start-saas-emulator';
import {
  authenticate,
  ENV_A,
  ENV_B,
  ENV_C,
  flagInput,
  saasGet,
  segmentInput,
  specState,
} from './testing/emulator-fixtures';
import { openTestStream, type TestStream } from './testing/open-test-stream';

const ENV_D = 'dddddddd-0000-4000-8000-000000000004';
const MARKER = { marker: true };

describe('the admin API', () => {
  let emulator: SaasEmulator;
  let streams: Record<string, TestStream>;
  const connect = async (key: string) =>
    openTestStream(emulator.baseUrl, { Authorization: `Bearer ${await authenticate(emulator, key)}`, 'API-Key': key });
  /** Events each stream received, once a marker sent after them reached every open one (markers left out). */
  const received = async () => {
    await emulator.admin.sendEvent(MARKER);
    const seen: Record<string, unknown[]> = {};
    const isMarker = (event: unknown) => JSON.stringify(event) === JSON.stringify(MARKER);
    for (const [key, stream] of Object.entries(streams)) {
      await stream.waitFor((s) => !s.isOpen() || s.events().some(isMarker));
      seen[key] = stream.events().filter((event) => !isMarker(event));
    }
    return seen;
  };

  beforeEach(async () => {
    emulator = await startSaasEmulator({ state: specState() });
    await emulator.admin.putProxyKey('key-d', [ENV_D]);
    streams = {};
    for (const key of ['key-a', 'key-ab', 'key-c', 'key-d']) streams[key] = await connect(key);
    for (const stream of Object.values(streams)) await stream.waitFor((s) => s.chunks.length > 0);
  });
  afterEach(async () => {
    Object.values(streams).forEach((stream) => stream.close());
    await emulator.close();
  });

  describe('environments', () => {
    it('PUT creates an environment and sends environmentsAdded to the keys covering it', async () => {
      expect(await emulator.admin.putEnvironment({ id: ENV_D, identifier: 'qa', project: 'p3' })).toEqual({
        id: ENV_D,
        identifier: 'qa',
        project: 'p3',
      });
      await emulator.admin.putEnvironment({ id: ENV_D, identifier: 'qa', project: 'p3' }); // the same again: no event
      expect(await received()).toEqual({
        'key-a': [],
        'key-ab': [],
        'key-c': [],
        'key-d': [{ event: 'environmentsAdded', domain: 'proxy', environments: [ENV_D] }],
      });
      await expect(emulator.admin.putEnvironment({ id: ENV_D, identifier: 'other', project: 'p3' })).rejects.toThrow(
        /409/,
      );
    });

    it('DELETE removes it with its flags and sends environmentsRemoved to the keys covering it', async () => {
      await emulator.admin.deleteEnvironment(ENV_B);
      expect(await received()).toEqual({
        'key-a': [],
        'key-ab': [{ event: 'environmentsRemoved', domain: 'proxy', environments: [ENV_B] }],
        'key-c': [],
        'key-d': [],
      });
      const token = await authenticate(emulator, 'key-ab');
      expect((await saasGet(emulator, `/client/env/${ENV_B}/feature-configs`, token)).status).toBe(404);
      await expect(emulator.admin.deleteEnvironment(ENV_B)).rejects.toThrow(/404/);
    });
  });

  describe('flags and segments', () => {
    it('PUT creates then patches a flag with increasing versions; DELETE deletes; re-creating never reuses a version', async () => {
      expect(await emulator.admin.putFlag(ENV_A, flagInput('new'))).toMatchObject({
        feature: 'new',
        environment: 'dev',
        project: 'p1',
        version: 1,
      });
      expect((await emulator.admin.putFlag(ENV_A, flagInput('new', { state: 'on' }))).version).toBe(2);
      await emulator.admin.deleteFlag(ENV_A, 'new');
      expect((await emulator.admin.putFlag(ENV_A, flagInput('new'))).version).toBe(4);
      const event = (e: string, version: number) => ({
        event: e,
        domain: 'flag',
        identifier: 'new',
        version,
        environment: ENV_A,
      });
      const expected = [event('create', 1), event('patch', 2), event('delete', 3), event('create', 4)];
      expect(await received()).toEqual({ 'key-a': expected, 'key-ab': expected, 'key-c': [], 'key-d': [] });
    });

    it('PUT and DELETE of a segment send target-segment events', async () => {
      expect(await emulator.admin.putSegment(ENV_B, segmentInput('beta'))).toMatchObject({
        identifier: 'beta',
        environment: 'prod',
        version: 1,
      });
      await emulator.admin.putSegment(ENV_B, segmentInput('beta', { excluded: [{ identifier: 'bob', name: 'Bob' }] }));
      await emulator.admin.deleteSegment(ENV_B, 'beta');
      const event = (e: string, version: number) => ({
        event: e,
        domain: 'target-segment',
        identifier: 'beta',
        version,
        environment: ENV_B,
      });
      expect(await received()).toEqual({
        'key-a': [],
        'key-ab': [event('create', 1), event('patch', 2), event('delete', 3)],
        'key-c': [],
        'key-d': [],
      });
    });

    it('rejects bad flags with 400, unknown items and environments with 404', async () => {
      await expect(emulator.admin.putFlag(ENV_A, flagInput('x', { state: 'maybe' }))).rejects.toThrow(/400.*state/);
      await expect(
        emulator.admin.putFlag(ENV_A, flagInput('x', { variations: [{ identifier: 'a', value: true as never }] })),
      ).rejects.toThrow(/400.*variations\[0\]\.value/);
      await expect(emulator.admin.putFlag('nope', flagInput('x'))).rejects.toThrow(/404/);
      await expect(emulator.admin.deleteFlag(ENV_A, 'missing')).rejects.toThrow(/404/);
      await expect(emulator.admin.deleteSegment(ENV_A, 'missing')).rejects.toThrow(/404/);
      expect(await received()).toEqual({ 'key-a': [], 'key-ab': [], 'key-c': [], 'key-d': [] });
    });
  });

  describe('SDK keys', () => {
    it('POST sends apiKeyAdded and DELETE apiKeyRemoved with the SHA-256 of the key', async () => {
      expect(await emulator.admin.addSdkKey(ENV_B, 'sdk-b')).toBe(sha256hex('sdk-b'));
      await emulator.admin.removeSdkKey(ENV_B, 'sdk-b');
      const event = (e: string) => ({
        event: e,
        domain: 'proxy',
        identifier: '',
        version: 0,
        environment: '',
        environments: [ENV_B],
        apiKey: sha256hex('sdk-b'),
      });
      expect(await received()).toEqual({
        'key-a': [],
        'key-ab': [event('apiKeyAdded'), event('apiKeyRemoved')],
        'key-c': [],
        'key-d': [],
      });
      await expect(emulator.admin.addSdkKey(ENV_A, 'sdk-a')).rejects.toThrow(/409/);
      await expect(emulator.admin.removeSdkKey(ENV_A, 'unknown')).rejects.toThrow(/404/);
    });
  });

  describe('proxy keys', () => {
    it('PUT rescopes a key and sends environmentsAdded and environmentsRemoved for the difference to that key only', async () => {
      expect(await emulator.admin.putProxyKey('key-ab', [ENV_B, ENV_C, ENV_D])).toEqual({
        key: 'key-ab',
        environments: [ENV_B, ENV_C, ENV_D],
      });
      expect(await received()).toEqual({
        'key-a': [],
        'key-ab': [
          { event: 'environmentsAdded', domain: 'proxy', environments: [ENV_C] },
          { event: 'environmentsRemoved', domain: 'proxy', environments: [ENV_A] },
        ],
        'key-c': [],
        'key-d': [],
      });
    });

    it('DELETE sends proxyKeyDeleted to the key, then ends its streams and rejects the key and its tokens', async () => {
      const token = await authenticate(emulator, 'key-c');
      await emulator.admin.deleteProxyKey('key-c');
      expect(await streams['key-c']!.ended).toBe('end');
      expect(streams['key-c']!.events()).toEqual([{ event: 'proxyKeyDeleted', domain: 'proxy' }]);
      expect(await received()).toEqual({
        'key-a': [],
        'key-ab': [],
        'key-c': [{ event: 'proxyKeyDeleted', domain: 'proxy' }],
        'key-d': [],
      });
      await expect(authenticate(emulator, 'key-c')).rejects.toThrow(/401/);
      expect((await saasGet(emulator, `/client/env/${ENV_C}/feature-configs`, token)).status).toBe(401);
      await expect(emulator.admin.deleteProxyKey('key-c')).rejects.toThrow(/404/);
    });

    it('an immediate rotation makes the new key valid and revokes the old one, ending its streams', async () => {
      expect(await emulator.admin.rotateProxyKey('key-a', 'key-a2')).toEqual({ key: 'key-a2', environments: [ENV_A] });
      expect(await streams['key-a']!.ended).toBe('end');
      await expect(authenticate(emulator, 'key-a')).rejects.toThrow(/401/);
      const token = await authenticate(emulator, 'key-a2');
      expect((await saasGet(emulator, `/client/env/${ENV_A}/feature-configs`, token)).status).toBe(200);
      await expect(emulator.admin.rotateProxyKey('key-a2', 'key-ab')).rejects.toThrow(/409/);
      await expect(emulator.admin.rotateProxyKey('key-a', 'key-a3')).rejects.toThrow(/404/);
    });
  });

  describe('POST /admin/reset', () => {
    it('replaces all state without events and ends the streams of keys that are gone', async () => {
      await emulator.admin.reset({
        environments: [{ id: ENV_A, identifier: 'dev', project: 'p1' }],
        proxyKeys: [{ key: 'key-a', environments: [ENV_A] }],
      });
      expect(await streams['key-ab']!.ended).toBe('end');
      expect(await received()).toEqual({ 'key-a': [], 'key-ab': [], 'key-c': [], 'key-d': [] });
      expect([streams['key-a']!.isOpen(), streams['key-c']!.isOpen(), streams['key-d']!.isOpen()]).toEqual([
        true,
        false,
        false,
      ]);
      expect(await emulator.admin.state()).toEqual({
        environments: [{ id: ENV_A, identifier: 'dev', project: 'p1' }],
        proxyKeys: [{ key: 'key-a', environments: [ENV_A] }],
        sdkKeys: { [ENV_A]: [] },
        flags: { [ENV_A]: [] },
        segments: { [ENV_A]: [] },
      });
    });

    it('rejects an invalid state with 400 and keeps the old one', async () => {
      const before = await emulator.admin.state();
      await expect(emulator.admin.reset({ flags: { unknown: [] } })).rejects.toThrow(/400.*unknown environment/);
      await expect(emulator.admin.reset({ environments: [{ id: ENV_A }] as never })).rejects.toThrow(/400/);
      expect(await emulator.admin.state()).toEqual(before);
    });
  });
});
