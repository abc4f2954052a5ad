/**
 * Which IP addresses count as public, the registry's rule against server-side request forgery:
 * loopback, unspecified (`0.0.0.0`, `::`), private (RFC 1918, IPv6 unique-local), shared (CGNAT),
 * link-local (where cloud metadata services live), documentation, benchmarking, multicast and
 * reserved ranges are not. IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64,
 * 6to4) are refused whole rather than decoded, since no public phase host needs them. Decimal,
 * octal and hex IPv4 spellings never reach this check: the WHATWG URL parser turns
 * `http://2130706433/` and `http://0x7f.1/` into `127.0.0.1` first.
 */
import { BlockList, isIP } from 'node:net';

const NON_PUBLIC: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network", 0.0.0.0 reaches the local host
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // shared address space (CGNAT), also Alibaba's metadata address
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], // link-local: 169.254.169.254 is the metadata service of most clouds
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['192.88.99.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, and 255.255.255.255
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['::', 96, 'ipv6'], // IPv4-compatible (deprecated)
  ['::ffff:0:0', 96, 'ipv6'], // IPv4-mapped
  ['64:ff9b::', 96, 'ipv6'], // NAT64
  ['64:ff9b:1::', 48, 'ipv6'],
  ['100::', 64, 'ipv6'], // discard
  ['2001::', 23, 'ipv6'], // IETF protocol assignments, Teredo included
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['2002::', 16, 'ipv6'], // 6to4
  ['fc00::', 7, 'ipv6'], // unique local (AWS's IPv6 metadata fd00:ec2::254 included)
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'], // site-local (deprecated)
  ['ff00::', 8, 'ipv6'], // multicast
];

// One list per family: a BlockList also matches IPv4 addresses against IPv6 rules through their
// mapped form, and `::ffff:0:0/96` would then refuse every IPv4 address.
const blocked = { ipv4: new BlockList(), ipv6: new BlockList() };
for (const [network, prefix, type] of NON_PUBLIC) blocked[type].addSubnet(network, prefix, type);

/**
 * Whether `address` (an IP address, IPv6 with or without brackets) is public.
 *
 * @example
 * isPublicAddress('93.184.215.14') // true
 * isPublicAddress('169.254.169.254') // false
 * isPublicAddress('[::ffff:127.0.0.1]') // false
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  const version = isIP(bare);
  if (version === 0) return false;
  return version === 4 ? !blocked.ipv4.check(bare, 'ipv4') : !blocked.ipv6.check(bare, 'ipv6');
}
