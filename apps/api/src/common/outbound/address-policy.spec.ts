import { LookupAddress } from 'node:dns';
import { addressRefusal, embeddedIPv4 } from './address-policy';
import { guardedLookup, OutboundRefusedError } from './guarded-lookup';

const open = { blockPrivate: false };
const strict = { blockPrivate: true };

describe('address policy', () => {
  it.each([
    ['::ffff:169.254.169.254', '169.254.169.254'],
    ['::ffff:a9fe:a9fe', '169.254.169.254'],
    ['::169.254.169.254', '169.254.169.254'],
    ['64:ff9b::169.254.169.254', '169.254.169.254'],
    ['64:ff9b::a9fe:a9fe', '169.254.169.254'],
    ['2002:a9fe:a9fe::1', '169.254.169.254'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
  ])('reads %s as the IPv4 %s it carries', (ip, v4) => {
    expect(embeddedIPv4(ip)).toBe(v4);
  });

  it.each(['::1', '::', '2001:db8::1', 'fe80::1'])('finds no IPv4 inside %s', (ip) => {
    expect(embeddedIPv4(ip)).toBeNull();
  });

  it.each([
    '169.254.169.254',
    '::ffff:169.254.169.254',
    '::169.254.169.254',
    '64:ff9b::169.254.169.254',
    'fd00:ec2::254',
  ])('always refuses the metadata endpoint as %s', (ip) => {
    expect(addressRefusal(ip, open)).toMatch(/metadata/);
  });

  it.each([
    '::',
    '0.0.0.0',
    '::1',
    '::ffff:127.0.0.1',
    '::127.0.0.1',
    '64:ff9b::7f00:1',
    '64:ff9b:1::a00:1',
    '2002:7f00:1::',
    '10.0.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    'fc00::1',
    'fe80::1%eth0',
    '224.0.0.1',
    '255.255.255.255',
  ])('refuses %s when private addresses are blocked, allows it by default', (ip) => {
    expect(addressRefusal(ip, strict)).toMatch(/private or link-local/);
    expect(addressRefusal(ip, open)).toBeNull();
  });

  it.each(['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '64:ff9b::5db8:d70e'])(
    'allows the public address %s under the strict policy',
    (ip) => {
      expect(addressRefusal(ip, strict)).toBeNull();
    },
  );
});

describe('guarded lookup', () => {
  const resolver =
    (addresses: string[]) => (_h: string, _o: unknown, cb: (e: Error | null, a: LookupAddress[]) => void) =>
      cb(
        null,
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );

  it('refuses a name when any address it resolves to is refused, and reports it', (done) => {
    const refused: OutboundRefusedError[] = [];
    const lookup = guardedLookup(strict, (e) => refused.push(e), undefined, resolver(['93.184.215.14', '127.0.0.1']));
    lookup('mixed.example', {}, (err) => {
      expect(err).toBeInstanceOf(OutboundRefusedError);
      expect(refused).toHaveLength(1);
      done();
    });
  });

  it('answers in the form asked for (one address, or all)', (done) => {
    const lookup = guardedLookup(strict, () => undefined, undefined, resolver(['93.184.215.14']));
    lookup('one.example', {}, (err, address, family) => {
      expect([err, address, family]).toEqual([null, '93.184.215.14', 4]);
      lookup('all.example', { all: true }, (e2, all) => {
        expect([e2, all]).toEqual([null, [{ address: '93.184.215.14', family: 4 }]]);
        done();
      });
    });
  });
});
