/** The address rule refuses every non-public range and nothing public. */
import { describe, expect, it } from 'vitest';
import { isPublicAddress } from '../publicAddress.js';

describe('isPublicAddress', () => {
  it('refuses loopback, unspecified, private, shared, link-local, reserved and embedded-IPv4 forms', () => {
    for (const address of [
      '127.0.0.1',
      '127.255.255.254',
      '0.0.0.0',
      '10.1.2.3',
      '172.31.255.255',
      '192.168.0.1',
      '100.64.0.1',
      '169.254.169.254',
      '192.0.2.1',
      '198.18.0.1',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
      '::ffff:8.8.8.8',
      '64:ff9b::a00:1',
      '2002:7f00:1::',
      '2001:db8::1',
      'fc00::1',
      'fd00:ec2::254',
      'fe80::1',
      'ff02::1',
      'localhost',
      'not an address',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it('accepts public IPv4 and IPv6 addresses', () => {
    for (const address of [
      '8.8.8.8',
      '93.184.215.14',
      '172.32.0.1',
      '2606:4700::1111',
      '[2a00:1450::1]',
    ]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });
});
