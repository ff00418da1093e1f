import {
  parseAuthKeyValue,
  parseConfigStatus,
  parseEnvMeta,
  parseHealthEntry,
  parseInventory,
  parseSseEvent,
  serializeSseEvent,
} from './contract-values';
import { compareStreamIds, parseStreamId } from './stream-id';

const ENV = '71716f30-aea0-4271-89b5-cb1c82be4567';

describe('contract values', () => {
  it('serialises change events with the documented field order', () => {
    expect(
      serializeSseEvent({ event: 'patch', domain: 'flag', identifier: 'bool-flag1', version: 4, environment: ENV, apiKey: '', envVersion: 1700000000124 }),
    ).toBe(`{"event":"patch","domain":"flag","identifier":"bool-flag1","version":4,"environment":"${ENV}","apiKey":"","envVersion":1700000000124}`);
    expect(
      serializeSseEvent({ event: 'environmentsRemoved', domain: 'proxy', identifier: '', version: 0, environment: '', environments: [ENV], apiKey: '' }),
    ).toBe(`{"event":"environmentsRemoved","domain":"proxy","identifier":"","version":0,"environment":"","environments":["${ENV}"],"apiKey":""}`);
  });

  it('parses events back and rejects malformed ones', () => {
    const text = `{"event":"delete","domain":"target-segment","identifier":"beta","version":7,"environment":"${ENV}","apiKey":"","envVersion":5}`;
    expect(serializeSseEvent(parseSseEvent(text)!)).toBe(text);
    expect(parseSseEvent('{"event":"apiKeyRemoved","domain":"proxy","environments":["e"],"apiKey":"h"}')).toMatchObject({ environments: ['e'], apiKey: 'h' });
    for (const bad of ['nope', '[]', '{"event":"patch","domain":"flag","identifier":"","environment":"e"}', '{"event":"x","domain":"proxy"}', '{"event":"patch","domain":"other","identifier":"a","environment":"e"}']) {
      expect(parseSseEvent(bad)).toBeUndefined();
    }
  });

  it('parses the status, health, inventory, meta and auth values', () => {
    expect(parseConfigStatus('{"state":"SYNCED","since":1,"lastSyncedAt":2,"source":"saas","error":""}')).toEqual({ state: 'SYNCED', since: 1, lastSyncedAt: 2, source: 'saas', error: '' });
    expect(parseConfigStatus('{"state":"INITIALIZING","since":1,"lastSyncedAt":null,"source":"offline","error":""}')?.lastSyncedAt).toBeNull();
    expect(parseConfigStatus('{"state":"weird"}')).toBeUndefined();
    expect(parseHealthEntry('{"state":"CONNECTED","since":1700216614438}')).toEqual({ state: 'CONNECTED', since: 1700216614438 });
    expect(parseHealthEntry('{"state":"CONNECTED"}')).toBeUndefined();
    expect(parseInventory('{"proxyKeyHash":"h","updatedAt":1,"keys":["a"]}')).toEqual({ proxyKeyHash: 'h', updatedAt: 1, keys: ['a'] });
    expect(parseInventory('{"auth-key-x":"","env-y-meta":""}')).toBeUndefined();
    expect(parseEnvMeta(`{"environmentID":"${ENV}","environmentIdentifier":"dev","accountID":""}`)).toEqual({ environmentID: ENV, environmentIdentifier: 'dev' });
    expect(parseAuthKeyValue(`"${ENV}"`)).toBe(ENV);
    expect(parseAuthKeyValue(ENV)).toBe(ENV);
    expect(parseAuthKeyValue(undefined)).toBeUndefined();
  });

  it('compares stream ids numerically, not as strings', () => {
    expect(compareStreamIds('10-0', '9-0')).toBeGreaterThan(0);
    expect(compareStreamIds('5-10', '5-9')).toBeGreaterThan(0);
    expect(compareStreamIds('5-1', '5-1')).toBe(0);
    expect(parseStreamId('1700000000000-0')).toEqual({ ms: 1700000000000, seq: 0 });
    expect(parseStreamId('garbage')).toBeUndefined();
    expect(parseStreamId('1-')).toBeUndefined();
  });
});
