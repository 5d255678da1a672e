/**
 * The generated workspaces of `npm run bench`: a host with a big hosts file, and a tree of many
 * hosts. Deterministic (seeded), so every run measures the same files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Deterministic PRNG (mulberry32) so every run generates the same trees. */
function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const ROLES = ['web', 'app', 'db', 'mq', 'ldap', 'nfs', 'proxy', 'batch', 'etl', 'cache', 'mail', 'dns'];
const SITES = ['lon', 'fra', 'ams', 'nyc', 'sfo', 'sin'];
const NICS = ['ce', 'bge', 'e1000g', 'qfe', 'nxge', 'igb'];

function addressOf(i) {
  // 10.x.y.z with z in 1..250: no network or broadcast addresses.
  const z = (i % 250) + 1;
  const y = Math.floor(i / 250) % 250;
  const x = Math.floor(i / 62500) % 250;
  return `10.${x}.${y}.${z}`;
}

export function generateBigHost(root, LINES) {
  const etc = path.join(root, 'bighost', 'etc');
  mkdirSync(path.join(etc, 'default'), { recursive: true });
  const lines = ['#', '# Internet host table', '#', '::1\t\tlocalhost', '127.0.0.1\tlocalhost'];
  // The names the hostname files use, at the start, middle and end of the file.
  const own = [
    ['192.168.10.10', 'bighost\tloghost'],
    ['192.168.10.11', 'bighost-ce0-test'],
    ['192.168.10.12', 'bighost-ce1-test'],
    ['192.168.10.13', 'bighost-backup'],
  ];
  const fill = LINES - lines.length - own.length;
  const placeAt = new Map([[0, own[0]], [Math.floor(fill / 2), own[1]], [fill - 2, own[2]], [fill - 1, own[3]]]);
  const rand = rng(42);
  for (let i = 0; i < fill; i++) {
    const p = placeAt.get(i);
    if (p) lines.push(`${p[0]}\t${p[1]}`);
    const role = ROLES[i % ROLES.length];
    const site = SITES[Math.floor(i / ROLES.length) % SITES.length];
    const n = String(Math.floor(i / 4)).padStart(5, '0');
    const nic = `${NICS[i % NICS.length]}${i % 4}`;
    const name = `${site}-${role}${n}-${nic}`;
    if (i % 4 === 0) lines.push(`${addressOf(i)}\t${site}-${role}${n}\t${name}\t${site}-${role}${n}.example.com`);
    else if (rand() < 0.02) lines.push(`# ${addressOf(i)}\t${name}\t# decommissioned`);
    else lines.push(`${addressOf(i)}\t${name}-test`);
  }
  const hostsText = lines.slice(0, LINES).join('\n') + '\n';
  writeFileSync(path.join(etc, 'hosts'), hostsText);
  writeFileSync(path.join(etc, 'netmasks'), '10.0.0.0\t255.255.0.0\n192.168.10.0\t255.255.255.0\n');
  writeFileSync(path.join(etc, 'default', 'mpathd'), 'FAILURE_DETECTION_TIME=10000\nFAILBACK=yes\nTRACK_INTERFACES_ONLY_WITH_GROUPS=yes\n');
  const ce0 = 'bighost netmask + broadcast + group prod up \\\naddif bighost-ce0-test deprecated -failover netmask + broadcast + up\n';
  writeFileSync(path.join(etc, 'hostname.ce0'), ce0);
  writeFileSync(path.join(etc, 'hostname.ce1'), 'bighost-ce1-test deprecated -failover netmask + broadcast + group prod standby up\n');
  writeFileSync(path.join(etc, 'hostname.ce2'), 'bighost-backup netmask + broadcast + up\n');
  return { hostsPath: path.join(etc, 'hosts'), hostsText, ce0Path: path.join(etc, 'hostname.ce0'), ce0 };
}

export function generateTree(root, count) {
  const rand = rng(7);
  let files = 0;
  let firstHostnameFile;
  for (let h = 0; h < count; h++) {
    const host = `${SITES[h % SITES.length]}-${ROLES[h % ROLES.length]}${String(h).padStart(5, '0')}`;
    const etc = path.join(root, host, 'etc');
    mkdirSync(etc, { recursive: true });
    const nic = NICS[h % NICS.length];
    const ifs = 2 + Math.floor(rand() * 7); // 2..8
    const net = `172.${16 + (h >> 12) % 16}.${(h >> 4) & 255}.`;
    let a = 16 * (h & 15) + 1;
    const hosts = ['::1\t\tlocalhost', '127.0.0.1\tlocalhost'];
    for (let j = 0; j < ifs; j++) {
      const ifname = `${nic}${j}`;
      const group = `ipmp${j >> 1}`;
      const data = `${host}-${ifname}`;
      const test = `${host}-${ifname}-test`;
      let text;
      if (j % 2 === 0) {
        hosts.push(`${net}${a++}\t${j === 0 ? `${host}\t${data}\tloghost` : data}`);
        hosts.push(`${net}${a++}\t${test}`);
        text = `${j === 0 ? host : data} netmask + broadcast + group ${group} up \\\naddif ${test} deprecated -failover netmask + broadcast + up\n`;
      } else {
        hosts.push(`${net}${a++}\t${test}`);
        text = `${test} deprecated -failover netmask + broadcast + group ${group} standby up\n`;
      }
      const file = path.join(etc, `hostname.${ifname}`);
      writeFileSync(file, text);
      files++;
      firstHostnameFile ??= { path: file, text };
    }
    writeFileSync(path.join(etc, 'hosts'), hosts.join('\n') + '\n');
    writeFileSync(path.join(etc, 'netmasks'), `${net}0\t255.255.255.0\n`);
    files += 2;
  }
  return { files, firstHostnameFile };
}
