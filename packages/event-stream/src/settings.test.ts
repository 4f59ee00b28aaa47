import { describe, expect, it } from 'vitest';
import { parseEventTransport } from './settings.ts';
import { kindOfSubject, subjectOf } from './stream.ts';

describe('parseEventTransport', () => {
  it('defaults to HTTP, the machine’s NATS and the HUB_EVENTS stream', () => {
    expect(parseEventTransport({})).toEqual({ transport: 'http', natsUrl: 'nats://127.0.0.1:4222', stream: 'HUB_EVENTS' });
  });

  it('reads JetStream settings', () => {
    const settings = parseEventTransport({
      HUB_EVENT_TRANSPORT: 'jetstream',
      HUB_NATS_URL: 'nats://a:4222,nats://b:4222',
      HUB_NATS_STREAM: 'PROVINCE_EVENTS',
    });
    expect(settings).toEqual({ transport: 'jetstream', natsUrl: 'nats://a:4222,nats://b:4222', stream: 'PROVINCE_EVENTS' });
  });

  it('names the variable that is wrong', () => {
    expect(() => parseEventTransport({ HUB_EVENT_TRANSPORT: 'kafka' })).toThrow(/HUB_EVENT_TRANSPORT must be http or jetstream/);
    expect(() => parseEventTransport({ HUB_NATS_STREAM: 'hub.events' })).toThrow(/HUB_NATS_STREAM/);
  });
});

describe('subjects', () => {
  it('puts each kind on a subject of its own and reads the kind back', () => {
    expect(subjectOf('HUB_EVENTS', 'traffic-police')).toBe('HUB_EVENTS.traffic-police');
    expect(kindOfSubject('HUB_EVENTS', 'HUB_EVENTS.traffic-police')).toBe('traffic-police');
  });

  it('finds no kind on another stream’s subject or a deeper one', () => {
    expect(kindOfSubject('HUB_EVENTS', 'OTHER.enterprise')).toBeNull();
    expect(kindOfSubject('HUB_EVENTS', 'HUB_EVENTS.enterprise.x')).toBeNull();
    expect(kindOfSubject('HUB_EVENTS', 'HUB_EVENTS.')).toBeNull();
  });
});
